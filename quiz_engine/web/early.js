// Until quiz.js has made a question ready (it loads after the page is drawn, which can take seconds on a
// slow phone), the browser would submit a question's form its own way when the reader presses Check or
// Enter: the page would reload and the answer would be lost. The plugin puts this script inline before
// the first question of a page, as a classic script so that it runs at once: it holds such a submit back
// and marks the form, and quiz.js checks the answer as soon as the question is ready.
document.addEventListener(
  "submit",
  (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches("form.quiz") || "quizEnhanced" in form.dataset) return;
    event.preventDefault();
    form.dataset.quizPending = "";
  },
  true,
);
