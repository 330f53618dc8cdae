// What every question type's widget shares: the marks, the feedback and the right answer the engine
// decided, drawn and cleared. A type's own module (choice.js, order.js, ...) extends Widget with how its
// controls read and restore a response, how they draw a result, and its own status lines. No judging here.
//
// A widget: constructor(form, data, text); collect() -> the response; restore(response); clear();
// drawResult(result); drawFinished(state) (the question is finished: its right answer); lines(result,
// saved) -> the type's own status lines; journal(state) -> the text to keep in the journal, or null.

export function byData(root, attribute, value) {
  return root.querySelector(`[${attribute}="${CSS.escape(value)}"]`);
}

export function markClass(element, mark) {
  if (!element) return;
  element.classList.remove("quiz--right", "quiz--wrong", "quiz--answer");
  if (mark) element.classList.add(`quiz--${mark}`);
}

export function showFeedback(container, id, prefix) {
  const feedback = container && container.querySelector(`#${CSS.escape(id)}-feedback`);
  if (!feedback) return null;
  feedback.hidden = false;
  if (prefix) {
    const mark = document.createElement("span");
    mark.className = "quiz__mark";
    mark.textContent = `${prefix} `;
    const first = feedback.firstElementChild;
    (first && first.tagName === "P" ? first : feedback).prepend(mark);
  }
  return feedback;
}

export class Widget {
  constructor(form, data, text) {
    this.form = form;
    this.data = data;
    this.text = text;
    this.base = form.id;
  }

  clear() {
    for (const element of this.form.querySelectorAll(".quiz--right, .quiz--wrong, .quiz--answer")) markClass(element, null);
    for (const mark of this.form.querySelectorAll(".quiz__mark")) mark.remove();
    for (const feedback of this.form.querySelectorAll(".quiz__feedback")) feedback.hidden = true;
    for (const element of this.form.querySelectorAll("[aria-describedby$='-feedback']")) {
      element.removeAttribute("aria-describedby");
    }
    const solution = this.form.querySelector(".quiz__solution");
    if (solution) solution.hidden = true;
  }

  drawResult() {}

  drawFinished() {
    const solution = this.form.querySelector(".quiz__solution");
    if (solution) solution.hidden = false;
  }

  lines() {
    return [];
  }

  journal() {
    return null;
  }
}
