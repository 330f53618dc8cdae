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
// While the page is first parsed and Material's script starts, the questions off screen may skip their
// rendering (quiz.css, .quiz-starting): Material restyles the whole page several times as it starts, and
// every question it restyles makes that longer. The plugin ends this right after Material's script, so the
// page is laid out in full before Material scrolls to an address's #anchor. Pages reached by instant
// navigation (the document is no longer loading) never skip.
if (document.readyState === "loading") document.documentElement.classList.add("quiz-starting");
