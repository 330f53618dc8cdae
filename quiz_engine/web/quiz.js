// The quiz view: enhances each question the build rendered, sends answers to the Python engine and
// draws what the engine decided. It never judges an answer itself.
//
// The engine starts in a worker only when the reader comes near a question or touches one, and it is
// kept across Material's instant navigation: this module runs once per visit.

const here = new URL(import.meta.url);
// Imported with this module's version query, so that a new build never meets an old cached engine.js.
const { Engine } = await import(`./engine.js${here.search}`);
const settingsElement = document.querySelector("script[data-quiz-settings]");
const settings = JSON.parse((settingsElement && settingsElement.dataset.quizSettings) || "{}");
const text = settings.strings || {};

const engine = new Engine({
  workerURL: new URL(`worker.js${here.search}`, here),
  runtimeURL: new URL(settings.runtime, here).href,
  lockURL: new URL(settings.engine, here).href,
  timeoutMs: (settings.timeout || 60) * 1000,
});
window.quizEngine = engine; // for the browser tests and benchmarks, and for the curious reader

function format(template, values) {
  return String(template || "").replace(/\{(\w+)\}/g, (_, key) => (key in values ? String(values[key]) : ""));
}

function number(value) {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

function paragraph(className, content) {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = content;
  return p;
}

class Question {
  constructor(form) {
    this.form = form;
    this.data = JSON.parse(form.dataset.quiz);
    this.status = form.querySelector(".quiz__status");
    this.button = form.querySelector(".quiz__check");
    this.waiting = false;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.check();
    });
    for (const type of ["focusin", "pointerdown", "change"]) {
      form.addEventListener(type, () => engine.start(), { once: true });
    }
    this.unsubscribe = engine.onChange((state, reason) => this.engineChanged(state, reason));
  }

  response() {
    return { selected: [...this.form.querySelectorAll(".quiz__options input:checked")].map((i) => i.value) };
  }

  async check() {
    const request = { op: "score", question: this.data, response: this.response() };
    if (engine.state !== "ready") this.showStarting();
    this.waiting = true;
    let answer;
    try {
      answer = await engine.request(request);
    } catch {
      return; // the engine failed: engineChanged has shown the message and the retry button
    } finally {
      this.waiting = false;
      this.form.removeAttribute("aria-busy");
    }
    this.show(answer);
  }

  showStarting() {
    this.form.setAttribute("aria-busy", "true");
    this.status.className = "quiz__status quiz__status--starting";
    this.status.replaceChildren(paragraph("quiz__message", text.starting));
  }

  engineChanged(state, reason) {
    if (!this.form.isConnected) return this.unsubscribe(); // the page changed under instant navigation
    if (state === "failed" && this.waiting) this.showFailure(reason);
    if (state === "starting" && this.waiting) this.showStarting();
  }

  showFailure(reason) {
    this.form.removeAttribute("aria-busy");
    this.status.className = "quiz__status quiz__status--failed";
    const retry = document.createElement("button");
    retry.type = "button";
    retry.className = "md-button quiz__retry";
    retry.textContent = text.retry;
    retry.addEventListener("click", () => this.check());
    const detail = paragraph("quiz__detail", reason);
    this.status.replaceChildren(paragraph("quiz__message", `${text.failed} ${text["failed.hint"]}`), retry, detail);
    console.warn(`quiz: the engine could not start: ${reason}`);
  }

  clear() {
    for (const item of this.form.querySelectorAll(".quiz__option")) {
      item.classList.remove("quiz__option--right", "quiz__option--wrong");
      const feedback = item.querySelector(".quiz__feedback");
      if (feedback) feedback.hidden = true;
      const mark = item.querySelector(".quiz__mark");
      if (mark) mark.remove();
      item.querySelector("input").removeAttribute("aria-describedby");
    }
    const explanation = this.form.querySelector(".quiz__explanation");
    if (explanation) explanation.hidden = true;
  }

  show(answer) {
    this.clear();
    if (!answer.ok) {
      this.status.className = "quiz__status quiz__status--error";
      this.status.replaceChildren(paragraph("quiz__message", answer.error.message));
      return;
    }
    const lines = [text[`verdict.${answer.verdict}`]];
    if (this.data.type === "multiple") lines.push(format(text.counts, answer.counts));
    lines.push(format(text.score, { credit: number(answer.credit), max: number(answer.max) }));
    this.status.className = `quiz__status quiz__status--${answer.verdict}`;
    this.status.replaceChildren(paragraph("quiz__message", lines.join(" ")));

    for (const [optionId, mark] of Object.entries(answer.marks)) {
      const item = this.form.querySelector(`.quiz__option[data-option="${CSS.escape(optionId)}"]`);
      if (item) item.classList.add(`quiz__option--${mark}`);
    }
    for (const optionId of answer.feedback) {
      const item = this.form.querySelector(`.quiz__option[data-option="${CSS.escape(optionId)}"]`);
      const feedback = item && item.querySelector(".quiz__feedback");
      if (!feedback) continue;
      const mark = document.createElement("span");
      mark.className = "quiz__mark";
      mark.textContent = `${text[`mark.${answer.marks[optionId]}`] || ""} `;
      const first = feedback.firstElementChild;
      (first && first.tagName === "P" ? first : feedback).prepend(mark);
      feedback.hidden = false;
      item.querySelector("input").setAttribute("aria-describedby", feedback.id);
    }
    const explanation = this.form.querySelector(".quiz__explanation");
    if (explanation && answer.explanation) explanation.hidden = false;
  }
}

// Start the engine when the first question comes within a screen's height of the viewport.
const nearby = new IntersectionObserver(
  (entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      engine.start();
      nearby.disconnect();
    }
  },
  { rootMargin: "0px 0px 100% 0px" },
);

function enhance() {
  for (const form of document.querySelectorAll("form.quiz[data-quiz]:not([data-quiz-enhanced])")) {
    form.dataset.quizEnhanced = "";
    new Question(form);
    if (engine.state === "idle") nearby.observe(form);
  }
}

// This module is async: it may run before Material's own script. Enhance the questions at once, then
// follow Material's document$, which emits on every page, including pages reached by instant navigation.
enhance();
function followMaterial() {
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(enhance);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", followMaterial, { once: true });
else followMaterial();
