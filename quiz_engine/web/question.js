// One question on the page: its widget (widgets/<type>.js) reads the reader's response; the engine scores
// it and decides what the page shows (the reply's `view`: tries left, the explanation, the hints shown,
// the buttons; see quiz_engine.progress.view); this draws that and stores it. It decides nothing itself.
//
// A saved state carries the view the engine gave it, so that a page draws saved progress at once, before
// Python is up. A state saved without one (by an older version, or by hand) shows the saved response
// only, until the engine has checked it (quiz.js, checkSaved).

const query = new URL(import.meta.url).search;
const { format, number, paragraph, refusal } = await import(`./words.js${query}`);

export class Question {
  // ``page``: {engine, store, text, widgetFor, rememberPage, pagePath}, shared by the page's questions.
  constructor(form, page) {
    this.form = form;
    this.page = page;
    this.text = page.text;
    this.data = JSON.parse(form.dataset.quiz);
    this.scored = form.dataset.scored === "true"; // the engine's word, written by the build
    this.widget = page.widgetFor(form, this.data, page.text);
    this.fieldset = form.querySelector(".quiz__fieldset");
    this.status = form.querySelector(".quiz__status");
    this.buttons = {
      check: form.querySelector(".quiz__check"),
      again: form.querySelector(".quiz__again"),
      reveal: form.querySelector(".quiz__reveal"),
      hint: form.querySelector(".quiz__hint-button"),
    };
    this.waiting = false;
    // In an exam pool the reader's answers are kept as drafts and scored by the pool's one Submit.
    const pool = form.closest(".quiz-pool[data-quiz-pool]");
    this.exam = pool && JSON.parse(pool.dataset.quizPool).exam ? JSON.parse(pool.dataset.quizPool).id : null;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!this.exam) this.send("attempt", { response: this.widget.collect() });
    });
    if (this.buttons.again) this.buttons.again.addEventListener("click", () => this.tryAgain());
    if (this.buttons.reveal) this.buttons.reveal.addEventListener("click", () => this.send("reveal"));
    if (this.buttons.hint) this.buttons.hint.addEventListener("click", () => this.send("hint"));
    for (const type of ["focusin", "pointerdown", "change"]) {
      form.addEventListener(type, () => page.engine.start(), { once: true });
    }
    this.unsubscribe = page.engine.onChange((state, reason) => this.engineChanged(state, reason));
    this.restore();
  }

  // The saved state of this version of the question (another version's is the engine's to name).
  get state() {
    return this.page.store.question(this.data.id, this.data.hash);
  }

  restore() {
    const state = this.state;
    if (!state) {
      this.clearView();
      if (this.exam) this.restoreDraft();
      return;
    }
    try {
      if (state.response) this.widget.restore(state.response);
      if (state.view) this.draw(state);
      else this.clearView(); // the engine has not drawn this state yet: its response only, until it does
    } catch {
      // Saved by hand or by another program, in a shape no widget draws: not shown. The engine sets it
      // aside, with a notice, once Python is up (see checkSaved).
      this.clearView();
    }
  }

  // An exam's answer as the reader left it before Submit (kept with the pool's attempt).
  restoreDraft() {
    const pool = this.page.store.pool(this.exam);
    const draft = pool && !pool.submitted && pool.answers && pool.answers[this.data.id];
    try {
      if (draft) this.widget.restore(draft);
    } catch {
      this.widget.clear(); // a draft no widget can draw: the question starts empty
    }
  }

  // Back to the question as the page first showed it (a new attempt at a pool, or a reset).
  clearView() {
    this.widget.clear();
    if (!this.status.classList.contains("quiz__status--notice")) {
      this.status.replaceChildren();
      this.status.className = "quiz__status";
    }
    const explanation = this.form.querySelector(".quiz__explanation");
    if (explanation) explanation.hidden = true;
    for (const hint of this.form.querySelectorAll(".quiz__hint")) hint.hidden = true;
    this.drawButtons(null);
  }

  // The engine found an answer saved for an earlier version of this question: said in its status.
  showChanged() {
    this.status.className = "quiz__status quiz__status--notice";
    this.status.replaceChildren(paragraph("quiz__message", this.text["summary.changed"]));
  }

  async send(op, extra = {}) {
    const { engine, store } = this.page;
    const request = { op, question: this.data, state: store.question(this.data.id), ...extra };
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
    if (!answer.ok) return this.showError(answer.error);
    const state = { ...answer.state, view: answer.view };
    let saved = store.setQuestion(this.data.id, state);
    const journal = this.widget.journal(answer.state);
    if (journal !== null) saved = store.setJournal(this.data.id, journal) && saved;
    this.draw(state, saved);
    this.page.rememberPage();
    if (op === "attempt") this.announce(answer);
  }

  // `quiz:answered`, for integrations (docs/authoring.md, "Listening to answers"): what the engine decided
  // about one answer, on the question's form, bubbling. Only after an answer (not a hint, a reveal or a
  // restore); it sends nothing anywhere.
  announce(answer) {
    const result = answer.result || {};
    const detail = {
      id: this.data.id,
      page: this.page.pagePath(),
      type: this.data.type,
      scored: this.scored,
      verdict: result.verdict,
      score: Object.freeze({ credit: result.credit || 0, max: result.max || 0 }),
      tries: answer.state.tries,
      finished: Boolean(answer.state.finished),
    };
    this.form.dispatchEvent(new CustomEvent("quiz:answered", { bubbles: true, detail: Object.freeze(detail) }));
  }

  tryAgain() {
    this.widget.clear();
    this.status.replaceChildren();
    this.status.className = "quiz__status";
    const state = this.state;
    this.drawButtons(state && state.view, true);
    const first = this.fieldset.querySelector("input, select, textarea, button");
    if (first) first.focus();
  }

  // Draw a state as the engine decided it (its `view`). ``saved``: whether it reached storage (false: the
  // reader is told).
  draw(state, saved = true) {
    const { result, view } = state;
    this.widget.clear();
    if (result) this.widget.drawResult(result);
    if (view.solution) this.widget.drawFinished(state);
    this.status.className = `quiz__status quiz__status--${result ? result.verdict : "finished"}`;
    const lines = this.messages(state, saved).map((line) => paragraph("quiz__message", line));
    if (!saved) lines.push(paragraph("quiz__message quiz__message--warning", this.text["storage.not-saved"]));
    this.status.replaceChildren(...lines);
    const explanation = this.form.querySelector(".quiz__explanation");
    if (explanation) explanation.hidden = !view.explanation;
    this.form.querySelectorAll(".quiz__hint").forEach((hint, index) => {
      hint.hidden = index >= view.hints;
    });
    this.drawButtons(view);
  }

  messages({ result, view }, saved = true) {
    const text = this.text;
    const lines = [];
    if (result) {
      // "Saved." is the verdict of a question that has no right answer: said only of what was saved.
      if (result.verdict !== "complete" || saved) lines.push(text[`verdict.${result.verdict}`]);
      lines.push(...this.widget.lines(result, saved));
      if (view.scored) lines.push(format(text.score, { credit: number(result.credit), max: number(result.max) }));
      if (view.penalty) {
        lines.push(format(text.penalty, { try: result.try, credit: number(result.credit), raw: number(result.raw_credit) }));
      }
    }
    if (view.unanswered && this.exam) {
      lines.push(text["exam.not-answered"], format(text.score, { credit: 0, max: number(view.max) }));
    } else if (view.revealed) lines.push(text.revealed);
    if (view.retry) lines.push(format(text["tries-left"], { count: view.tries_left }));
    return lines.filter(Boolean);
  }

  // The buttons as the engine's view says (none: the question as the build drew it, nothing tried).
  drawButtons(view, retrying = false) {
    const finished = Boolean(view && view.finished);
    const retry = Boolean(view && view.retry);
    this.fieldset.disabled = finished;
    this.buttons.check.hidden = finished || (retry && !retrying);
    if (this.buttons.again) this.buttons.again.hidden = !(retry && !retrying);
    if (this.buttons.reveal) this.buttons.reveal.hidden = !retry;
    if (this.buttons.hint) {
      this.buttons.hint.hidden = Boolean(view) && !view.more_hints;
      if (view && view.hints) this.buttons.hint.textContent = this.text["hint.more"];
    }
    if (this.exam) {
      // No Check, no hint, no answer before the pool's Submit; after it, every question is finished.
      this.buttons.check.hidden = true;
      if (this.buttons.hint) this.buttons.hint.hidden = true;
    }
  }

  showStarting() {
    this.form.setAttribute("aria-busy", "true");
    this.status.className = "quiz__status quiz__status--starting";
    this.status.replaceChildren(paragraph("quiz__message", this.text.starting));
  }

  showError(error) {
    this.status.className = "quiz__status quiz__status--error";
    this.status.replaceChildren(paragraph("quiz__message", refusal(this.text, error, this.data.type)));
  }

  engineChanged(state, failure) {
    if (!this.form.isConnected) return this.unsubscribe(); // the page changed under instant navigation
    if ((state === "failed" || state === "crashed") && this.waiting) this.showFailure(failure, state);
    if (state === "starting" && this.waiting) this.showStarting();
  }

  // The engine could not start (or stopped): what happened, in words, and a way to try again. The
  // browser's own (English) detail goes to the console, for whoever runs the site.
  showFailure(failure, state) {
    const text = this.text;
    this.form.removeAttribute("aria-busy");
    this.status.className = "quiz__status quiz__status--failed";
    const retry = document.createElement("button");
    retry.type = "button";
    retry.className = "md-button quiz__retry";
    retry.textContent = text.retry;
    retry.addEventListener("click", () => this.form.requestSubmit());
    const lines =
      state === "crashed"
        ? [paragraph("quiz__message", text["failed.crashed"])]
        : [
            paragraph("quiz__message", text.failed),
            paragraph("quiz__message", format(text[`failed.${failure.code}`] || text["failed.unknown"], failure)),
            paragraph("quiz__message", text[failure.code === "mime" ? "failed.hint.site" : "failed.hint"]),
          ];
    this.status.replaceChildren(...lines, retry);
    console.warn(`quiz: the engine ${state === "crashed" ? "stopped" : "could not start"}: ${failure.detail}`);
  }
}
