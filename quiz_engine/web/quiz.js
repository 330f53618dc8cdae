// The quiz view: enhances each question the build rendered, sends answers to the Python engine, draws
// what the engine decided and stores it. It never judges an answer itself.
//
// The engine starts in a worker only when the reader comes near a question or touches one, and it is
// kept across Material's instant navigation: this module runs once per visit.

const here = new URL(import.meta.url);
const version = here.search;
const settingsElement = document.querySelector("script[data-quiz-settings]");
const settings = JSON.parse((settingsElement && settingsElement.dataset.quizSettings) || "{}");
const text = settings.strings || {};
const mastery = settings.mastery || 0.8;
const siteRoot = new URL("../../", here).pathname; // assets/quiz/ is two folders below the site's root

// Modules are imported with this module's version query, so a new build never meets an old cached one.
// The engine comes first: when a question is already within reach, Python starts before anything else.
const { Engine } = await import(`./engine.js${version}`);
const engine = new Engine({
  workerURL: new URL(`worker.js${version}`, here),
  runtimeURL: new URL(settings.runtime, here).href,
  lockURL: new URL(settings.engine, here).href,
  snapshot: settings.snapshot && { ...settings.snapshot, url: new URL(settings.snapshot.url, here).href },
  timeoutMs: (settings.timeout || 60) * 1000,
});
window.quizEngine = engine; // for the browser tests and benchmarks, and for the curious reader
// Start at once where an answer is coming: the first question is within two screens of the top (a page
// that is mostly questions, like the final check), or the address points at a question, at the quiz's
// heading or just above it (a reader who jumps to the quiz). Otherwise Python waits for the reader to
// come near a question (see `nearby`) or to touch one.
function answerComing() {
  const first = document.querySelector("form.quiz[data-quiz], .quiz-pool, .quiz-progress");
  if (!first) return false;
  const top = (element) => element.getBoundingClientRect().top + window.scrollY;
  if (top(first) < window.innerHeight * 2) return true;
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  return Boolean(target && (target.closest("form.quiz, .quiz-pool") || top(first) - top(target) < window.innerHeight * 2));
}
if (answerComing()) engine.start();
addEventListener("hashchange", () => answerComing() && engine.start());

const [{ Store, unreadable }, { widgetFor }] = await Promise.all([
  import(`./store.js${version}`),
  import(`./widgets.js${version}`),
]);
const store = new Store(siteRoot, settings.limits);
window.quizStore = store;

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

// Run once the engine is ready, without starting it (a summary alone does not start Python).
// A request whose engine stopped meanwhile is dropped: what it would draw is drawn again on the next change.
function whenReady(callback) {
  const run = () => Promise.resolve().then(callback).catch(() => {});
  if (engine.state === "ready") return run();
  const stop = engine.onChange((state) => {
    if (state === "ready") {
      stop();
      run();
    }
  });
}

// -- one question ------------------------------------------------------------------------------------

class Question {
  constructor(form) {
    this.form = form;
    this.data = JSON.parse(form.dataset.quiz);
    this.scored = !["scale", "reflection"].includes(this.data.type);
    this.widget = widgetFor(form, this.data, text);
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
      form.addEventListener(type, () => engine.start(), { once: true });
    }
    this.unsubscribe = engine.onChange((state, reason) => this.engineChanged(state, reason));
    this.restore();
  }

  get state() {
    const state = store.question(this.data.id);
    return state && state.hash === (this.data.hash || "") ? state : null;
  }

  restore() {
    const saved = store.question(this.data.id);
    if (saved && saved.hash !== (this.data.hash || "")) {
      this.status.className = "quiz__status quiz__status--notice";
      this.status.replaceChildren(paragraph("quiz__message", text["summary.changed"]));
    }
    const state = this.state;
    if (!state) {
      this.clearView();
      if (this.exam) this.restoreDraft();
      return;
    }
    try {
      if (state.response) this.widget.restore(state.response);
      this.draw(state);
    } catch {
      // Saved by hand or by another program, in a shape no widget draws: not shown. The engine sets it
      // aside, with a notice, once Python is up (see checkSaved).
      this.clearView();
    }
  }

  // An exam's answer as the reader left it before Submit (kept with the pool's attempt).
  restoreDraft() {
    const pool = store.pool(this.exam);
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

  async send(op, extra = {}) {
    const request = { op, question: this.data, state: this.state, ...extra };
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
    let saved = store.setQuestion(this.data.id, answer.state);
    if (this.data.type === "reflection") saved = store.setJournal(this.data.id, answer.state.response.text) && saved;
    this.draw(answer.state, saved);
    rememberPage();
    if (op === "attempt") this.announce(answer);
  }

  // `quiz:answered`, for integrations (docs/authoring.md, "Listening to answers"): what the engine decided
  // about one answer, on the question's form, bubbling. Only after an answer (not a hint, a reveal or a
  // restore); it sends nothing anywhere.
  announce(answer) {
    const result = answer.result || {};
    const detail = {
      id: this.data.id,
      page: pagePath(),
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
    this.drawButtons(this.state, true);
    const first = this.fieldset.querySelector("input, select, textarea, button");
    if (first) first.focus();
  }

  // Draw what the engine decided. ``saved``: whether it reached storage (false: the reader is told).
  draw(state, saved = true) {
    this.widget.clear();
    const result = state.result;
    const finished = this.scored && state.finished;
    if (result) this.widget.drawResult(result);
    if (finished) this.widget.drawFinished(state);
    this.status.className = `quiz__status quiz__status--${result ? result.verdict : "finished"}`;
    const lines = this.messages(state, saved).map((line) => paragraph("quiz__message", line));
    if (!saved) lines.push(paragraph("quiz__message quiz__message--warning", text["storage.not-saved"]));
    this.status.replaceChildren(...lines);
    const explanation = this.form.querySelector(".quiz__explanation");
    if (explanation) explanation.hidden = !(finished || (!this.scored && result));
    for (let n = 1; n <= (this.data.hints || 0); n += 1) {
      const hint = this.form.querySelector(`#${CSS.escape(this.form.id)}-hint-${n}`);
      if (hint) hint.hidden = n > (state.hints || 0);
    }
    this.drawButtons(state);
  }

  messages(state, saved = true) {
    const result = state.result;
    const lines = [];
    if (result) {
      // "Saved." is the verdict of a question that has no right answer: said only of what was saved.
      if (result.verdict !== "complete" || saved) lines.push(text[`verdict.${result.verdict}`]);
      const counts = result.counts || {};
      if (this.data.type === "multiple") lines.push(format(text.counts, counts));
      if (this.data.type === "order") lines.push(format(text["counts.order"], counts));
      if (this.data.type === "match") lines.push(format(text["counts.match"], counts));
      if (this.data.type === "scale" && result.profile) lines.push(format(text["scale.result"], result.profile));
      if (this.data.type === "reflection" && saved) lines.push(text["journal.saved"]);
      if (this.scored) {
        lines.push(format(text.score, { credit: number(result.credit), max: number(result.max) }));
        if (result.try > 1 && result.raw_credit > result.credit) {
          lines.push(format(text.penalty, { try: result.try, credit: number(result.credit), raw: number(result.raw_credit) }));
        }
      }
    }
    if (this.scored && state.revealed && this.exam && !result) {
      lines.push(text["exam.not-answered"], format(text.score, { credit: 0, max: number(this.data.points || 1) }));
    } else if (this.scored && state.revealed) lines.push(text.revealed);
    if (this.scored && !state.finished && result) {
      lines.push(format(text["tries-left"], { count: (this.data.tries || 1) - state.tries }));
    }
    return lines.filter(Boolean);
  }

  drawButtons(state, retrying = false) {
    const finished = this.scored && state && state.finished;
    const tried = Boolean(state && state.result);
    this.fieldset.disabled = Boolean(finished);
    this.buttons.check.hidden = Boolean(finished) || (tried && this.scored && !retrying);
    if (this.buttons.again) this.buttons.again.hidden = !(this.scored && tried && !finished && !retrying);
    if (this.buttons.reveal) this.buttons.reveal.hidden = !(this.scored && tried && !finished);
    if (this.buttons.hint) {
      const shown = (state && state.hints) || 0;
      this.buttons.hint.hidden = Boolean(finished) || shown >= this.data.hints;
      this.buttons.hint.textContent = shown ? text["hint.more"] : this.buttons.hint.textContent;
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
    this.status.replaceChildren(paragraph("quiz__message", text.starting));
  }

  showError(error) {
    this.status.className = "quiz__status quiz__status--error";
    this.status.replaceChildren(paragraph("quiz__message", error.message));
  }

  engineChanged(state, failure) {
    if (!this.form.isConnected) return this.unsubscribe(); // the page changed under instant navigation
    if ((state === "failed" || state === "crashed") && this.waiting) this.showFailure(failure, state);
    if (state === "starting" && this.waiting) this.showStarting();
  }

  // The engine could not start (or stopped): what happened, in words, and a way to try again.
  showFailure(failure, state) {
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
    this.status.replaceChildren(...lines, retry, paragraph("quiz__detail", failure.detail || ""));
    console.warn(`quiz: the engine ${state === "crashed" ? "stopped" : "could not start"}: ${failure.detail}`);
  }
}

// -- a page's (or a pool's) running score and result -----------------------------------------------

class Summary {
  constructor(element, ids, objectives = []) {
    this.element = element;
    this.body = element.querySelector(".quiz-summary__body");
    this.ids = ids;
    this.objectives = objectives; // the page's learning objectives, in order: objective N is objectives[N - 1]
    this.draw = this.draw.bind(this);
    this.unsubscribe = store.onChange(() => this.update());
    this.update();
  }

  update() {
    if (!this.element.isConnected) return this.unsubscribe();
    const questions = this.ids
      .map((id) => document.getElementById(`quiz-${id}`))
      .filter(Boolean)
      .map((form) => JSON.parse(form.dataset.quiz));
    const states = Object.fromEntries(questions.map((q) => [q.id, store.question(q.id)]).filter(([, s]) => s));
    if (!Object.keys(states).length) {
      this.body.replaceChildren(paragraph("quiz-summary__line", text["summary.empty"]));
      return;
    }
    const key = `summary:${this.ids.join(",")}`;
    const cached = store.summary(key);
    if (cached && engine.state !== "ready") this.draw(cached); // what Python said last time, at once
    whenReady(async () => {
      const summary = await engine.request({ op: "summary", questions, states, mastery });
      if (!summary.ok) return;
      this.draw(summary);
      store.setSummary(key, summary);
    });
  }

  draw(summary) {
    const values = {
      ...summary,
      credit: number(summary.credit),
      points: number(summary.points),
      percent: Math.round(summary.percent * 100),
      mastery: Math.round(summary.mastery * 100),
    };
    const lines = [format(text["summary.progress"], values)];
    if (summary.complete) {
      lines.push(format(text["summary.done"], values));
      lines.push(format(text[summary.mastered ? "summary.mastered" : "summary.not-mastered"], values));
    }
    if (summary.changed.length) lines.push(text["summary.changed"]);
    this.element.dataset.status = summary.status;
    this.body.replaceChildren(...lines.map((line) => paragraph("quiz-summary__line", line)), ...this.drawObjectives(summary));
  }

  // Mastery per learning objective, as the engine computed it, with the objective's own words.
  drawObjectives(summary) {
    const known = (summary.objectives || []).filter((entry) => this.objectives[entry.objective - 1]);
    if (!known.length) return [];
    const list = document.createElement("ul");
    list.className = "quiz-summary__objectives";
    list.append(...known.map((entry) => objectiveLine(this.objectives[entry.objective - 1], entry.status)));
    return [paragraph("quiz-summary__line", text["summary.objectives"]), list];
  }
}

// One learning objective and its state (not started, in progress, done or mastered), the state in bold.
function objectiveLine(objective, status) {
  const item = document.createElement("li");
  item.dataset.status = status;
  const state = document.createElement("strong");
  state.textContent = text[`objective.${status}`];
  const [before, after = ""] = format(text["summary.objective"], { objective, status: "\u0000" }).split("\u0000");
  item.append(before, state, after);
  return item;
}

// -- this page's line on the progress page ----------------------------------------------------------

// This page's address from the site's root ("lessons/02-love-stories/"), as its kept summary is named.
function pagePath() {
  return location.pathname.startsWith(siteRoot) ? location.pathname.slice(siteRoot.length) : location.pathname;
}

// The page as the progress page counts it (its questions, but for those of its pools not drawn), scored
// by the engine once more after each answer and kept, so that the progress page draws it at once.
function rememberPage() {
  const drawn = new Set();
  const pooled = new Set();
  for (const section of document.querySelectorAll(".quiz-pool[data-quiz-pool]")) {
    const pool = JSON.parse(section.dataset.quizPool);
    for (const id of pool.questions) pooled.add(id);
    for (const id of (store.pool(pool.id) || { drawn: [] }).drawn) drawn.add(id);
  }
  const questions = [...document.querySelectorAll("form.quiz[data-quiz]")]
    .map((form) => JSON.parse(form.dataset.quiz))
    .filter((question) => !pooled.has(question.id) || drawn.has(question.id));
  const states = Object.fromEntries(questions.map((q) => [q.id, store.question(q.id)]).filter(([, s]) => s));
  const page = pagePath();
  whenReady(async () => {
    const summary = await engine.request({ op: "summary", questions, states, mastery });
    if (summary.ok) store.setSummary(`page:${page}`, summary);
  });
}

// -- a pool: draws some of its questions for each attempt ------------------------------------------

class Pool {
  constructor(section) {
    this.section = section;
    this.data = JSON.parse(section.dataset.quizPool);
    this.button = section.querySelector(".quiz-pool__start");
    this.status = section.querySelector(".quiz-pool__status");
    this.summary = document.createElement("section");
    this.summary.className = "quiz-summary";
    this.summary.append(paragraph("quiz-summary__title", text["summary.title"]), document.createElement("div"));
    this.summary.lastChild.className = "quiz-summary__body";
    this.summary.lastChild.setAttribute("role", "status");
    this.exam = Boolean(this.data.exam);
    if (this.exam) this.makeExam();
    this.section.append(this.summary);
    this.button.hidden = false;
    this.button.addEventListener("click", () => this.drawNew());
    this.show(store.pool(this.data.id));
  }

  // An exam: the reader's answers are kept as they go, and one Submit has the engine score them all.
  makeExam() {
    const box = (this.examBox = document.createElement("div"));
    box.className = "quiz-pool__exam";
    this.examStatus = document.createElement("div");
    this.examStatus.className = "quiz-pool__result";
    this.examStatus.setAttribute("role", "status");
    this.examStatus.tabIndex = -1;
    this.warning = document.createElement("div");
    this.warning.className = "admonition warning quiz-pool__warning";
    this.warning.setAttribute("role", "alert");
    this.warning.tabIndex = -1;
    this.warning.hidden = true;
    const buttons = document.createElement("div");
    buttons.className = "quiz__actions";
    this.submitButton = this.makeButton("md-button quiz__check quiz-pool__submit", text["exam.submit"], () => this.submit());
    this.retakeButton = this.makeButton("md-button quiz-pool__start quiz-pool__retake", text["exam.retake"], () => this.drawNew());
    buttons.append(this.submitButton, this.retakeButton);
    box.append(this.examStatus, this.warning, buttons);
    this.section.append(box);
    for (const type of ["input", "change"]) this.section.addEventListener(type, (event) => this.keepDraft(event));
  }

  makeButton(className, label, action) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.textContent = label;
    button.addEventListener("click", action);
    return button;
  }

  // What the reader chose so far in an exam, kept with the attempt (a reload puts it back).
  keepDraft(event) {
    const form = event.target.closest && event.target.closest("form.quiz[data-quiz]");
    const pool = store.pool(this.data.id);
    if (!form || !form.quizQuestion || !pool || pool.submitted) return;
    const id = form.quizQuestion.data.id;
    if (!pool.drawn.includes(id)) return;
    store.setPool(this.data.id, { ...pool, answers: { ...(pool.answers || {}), [id]: form.quizQuestion.widget.collect() } });
  }

  drawnForms(pool) {
    return pool.drawn.map((id) => document.getElementById(`quiz-${id}`)).filter((form) => form && form.quizQuestion);
  }

  // One Submit: the engine scores every drawn question's response as one try. Unanswered questions are
  // named first (Submit anyway / Go back) unless the reader has confirmed.
  async submit(confirmed = false) {
    const pool = store.pool(this.data.id);
    if (!pool || pool.submitted) return;
    this.warning.hidden = true;
    if (engine.state !== "ready") this.examStatus.replaceChildren(paragraph("quiz-pool__line", text.starting));
    engine.start();
    const forms = this.drawnForms(pool);
    const questions = forms.map((form) => form.quizQuestion.data);
    const responses = Object.fromEntries(forms.map((form) => [form.quizQuestion.data.id, form.quizQuestion.widget.collect()]));
    const states = Object.fromEntries(pool.drawn.map((id) => [id, store.question(id)]).filter(([, state]) => state));
    let answer;
    try {
      answer = await engine.request({ op: "submit", questions, responses, states, mastery });
    } catch {
      return this.examStatus.replaceChildren(paragraph("quiz-pool__line", `${text.failed} ${text["failed.hint"]}`));
    }
    if (!answer.ok) return this.examStatus.replaceChildren(paragraph("quiz-pool__line", answer.error.message));
    if (answer.unanswered.length && !confirmed) return this.warn(answer.unanswered, pool);
    for (const [id, state] of Object.entries(answer.states)) store.doc.questions[id] = state;
    const summary = answer.summary;
    const score = { credit: summary.credit, points: summary.points, percent: summary.percent, unanswered: answer.unanswered.length };
    const { answers, ...attempt } = pool;
    const saved = store.setPool(this.data.id, { ...attempt, submitted: true, score });
    for (const form of forms) {
      form.quizQuestion.restore();
      const state = answer.states[form.quizQuestion.data.id];
      if (state.result) form.quizQuestion.announce({ result: state.result, state });
    }
    this.show(store.pool(this.data.id));
    if (!saved) this.examStatus.append(paragraph("quiz__message quiz__message--warning", text["storage.not-saved"]));
    rememberPage();
    this.examStatus.focus();
  }

  // Questions not answered yet: named, each a link to its question, with Submit anyway and Go back.
  warn(unanswered, pool) {
    const list = document.createElement("ul");
    for (const id of unanswered) {
      const link = document.createElement("a");
      link.href = `#quiz-${id}`;
      link.textContent = format(text["exam.question"], { number: pool.drawn.indexOf(id) + 1 });
      const item = document.createElement("li");
      item.append(link);
      list.append(item);
    }
    const buttons = document.createElement("div");
    buttons.className = "quiz__actions";
    buttons.append(
      this.makeButton("md-button quiz__check quiz-pool__anyway", text["exam.submit-anyway"], () => this.submit(true)),
      this.makeButton("md-button quiz-pool__start quiz-pool__back", text["exam.back"], () => {
        this.warning.hidden = true;
        const form = document.getElementById(`quiz-${unanswered[0]}`);
        const first = form && form.querySelector(".quiz__fieldset input, .quiz__fieldset select, .quiz__fieldset textarea, .quiz__fieldset button");
        if (first) first.focus();
      }),
    );
    const count = { count: unanswered.length, total: pool.drawn.length };
    this.warning.replaceChildren(paragraph("admonition-title", format(text["exam.unanswered"], count)), list, buttons);
    this.warning.hidden = false;
    this.examStatus.replaceChildren(paragraph("quiz-pool__line", text["exam.kept"]));
    this.warning.focus();
  }

  showExam(pool) {
    const submitted = Boolean(pool && pool.submitted);
    this.examBox.hidden = !pool;
    this.warning.hidden = true;
    this.submitButton.hidden = submitted;
    this.retakeButton.hidden = !submitted;
    // The exam's own score stands for the pool's running summary, which would count an unanswered
    // question, finished by Submit, as answered.
    this.summary.hidden = true;
    if (submitted) this.button.textContent = text["exam.retake"];
    if (!pool) return;
    const score = pool.score || {};
    const values = {
      credit: number(score.credit || 0),
      points: number(score.points || 0),
      percent: Math.round((score.percent || 0) * 100),
      count: score.unanswered || 0,
      total: pool.drawn.length,
    };
    const lines = submitted
      ? [format(text["exam.score"], values), values.count ? format(text["exam.skipped"], values) : "", text["exam.review"]]
      : [text["exam.kept"]];
    this.examStatus.replaceChildren(...lines.filter(Boolean).map((line) => paragraph("quiz-pool__line", line)));
  }

  forms() {
    return this.data.questions.map((id) => document.getElementById(`quiz-${id}`)).filter(Boolean);
  }

  show(pool) {
    const drawn = new Set((pool && pool.drawn) || []);
    for (const form of this.forms()) form.hidden = !drawn.has(form.dataset.quiz && JSON.parse(form.dataset.quiz).id);
    this.button.textContent = pool ? text["pool.again"] : text["pool.start"];
    this.summary.hidden = !pool;
    if (pool) {
      this.status.replaceChildren(paragraph("quiz-pool__line", format(text["pool.attempt"], { attempt: pool.attempt, draw: drawn.size })));
      if (this.summaryView) this.summaryView.ids = [...drawn];
      else this.summaryView = new Summary(this.summary, [...drawn], this.data.objectives);
      this.summaryView.update();
    }
    if (this.exam) this.showExam(pool);
  }

  async drawNew() {
    if (engine.state !== "ready") this.status.replaceChildren(paragraph("quiz-pool__line", text.starting));
    engine.start();
    const previous = store.pool(this.data.id);
    const attempt = previous ? previous.attempt + 1 : 1;
    let answer;
    try {
      answer = await engine.request({
        op: "draw",
        pool: this.data.id,
        questions: this.data.questions,
        size: this.data.draw,
        seed: store.doc.seed,
        attempt,
        previous: previous ? previous.drawn : [],
      });
    } catch {
      return this.status.replaceChildren(paragraph("quiz-pool__line", `${text.failed} ${text["failed.hint"]}`));
    }
    if (!answer.ok) return;
    store.forget(answer.drawn);
    if (this.exam) store.setPool(this.data.id, { attempt, drawn: answer.drawn }); // no drafts, not submitted
    for (const id of answer.drawn) {
      const form = document.getElementById(`quiz-${id}`);
      if (form && form.quizQuestion) {
        form.reset();
        form.quizQuestion.restore();
      }
    }
    store.setPool(this.data.id, { attempt, drawn: answer.drawn });
    this.show(store.pool(this.data.id));
    rememberPage();
    const first = document.getElementById(`quiz-${answer.drawn[0]}`);
    if (first) first.querySelector("legend").scrollIntoView({ block: "start" });
  }
}

// -- notices about saved progress ---------------------------------------------------------------------

// The store's notices (and the engine's), in the reader's language, in one box above the first question.
function showNotices() {
  if (!store.notices.length) return;
  const article = document.querySelector("article") || document.body;
  let box = article.querySelector(".quiz-notice");
  if (!box) {
    box = document.createElement("div");
    box.className = "admonition warning quiz-notice";
    box.setAttribute("role", "status");
    const firstQuiz = article.querySelector("form.quiz, .quiz-progress");
    (firstQuiz ? firstQuiz.parentNode : article).insertBefore(box, firstQuiz);
  }
  const lines = store.notices.map((notice) => format(text[`storage.${notice.code}`] || notice.code, notice));
  box.replaceChildren(paragraph("admonition-title", text["storage.notice"]), ...lines.map((line) => paragraph("quiz-notice__line", line)));
}

// Once Python is up, it checks the saved progress in depth: the page's questions' states are made again
// by the engine (numbers within the question's limits, answers of the right shape), and what cannot be
// used is set aside (a copy is kept first) and named in a notice. Once per page.
function checkSaved(forms) {
  const questions = forms.map((form) => JSON.parse(form.dataset.quiz));
  whenReady(async () => {
    const sent = store.doc;
    const states = Object.fromEntries(questions.map((q) => [q.id, store.question(q.id)]));
    const answer = await engine.request({ op: "progress.check", progress: sent, site: store.site, questions });
    if (!answer.ok) {
      if (answer.error.code === "bad-progress") {
        store.keepUnreadable(JSON.stringify(sent));
        if (store.writable) store.reset();
      }
      return showNotices();
    }
    const removed = [];
    for (const notice of answer.notices) {
      const section = notice.code === "journal-set-aside" ? "journal" : "questions";
      if (notice.id !== undefined && store.doc[section][notice.id] === sent[section][notice.id]) {
        removed.push({ section, id: notice.id });
      }
      store.notice(notice.code, notice);
    }
    store.removeSetAside(removed);
    // The states of this page's questions, as the engine made them again (for what the reader did not
    // change meanwhile), drawn again; so are the questions whose saved answer was set aside.
    for (const question of questions) {
      const clean = answer.progress.questions[question.id];
      const unchanged = states[question.id] && store.question(question.id) === states[question.id];
      if (clean && unchanged) store.doc.questions[question.id] = clean;
      const form = document.getElementById(`quiz-${question.id}`);
      if (form && form.quizQuestion && (unchanged || removed.some((entry) => entry.id === question.id))) {
        form.quizQuestion.restore();
      }
    }
    showNotices();
  });
}

// -- the page ----------------------------------------------------------------------------------------

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

// Give the main thread back every few milliseconds, so that enhancing a long lesson on a slow phone never
// makes a long task (one that would delay the reader's scrolling or typing).
let sliceStart = performance.now();
async function breathe() {
  if (performance.now() - sliceStart < 20) return;
  await (globalThis.scheduler && scheduler.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve)));
  sliceStart = performance.now();
}

async function enhance() {
  sliceStart = performance.now();
  const enhanced = [];
  for (const form of document.querySelectorAll("form.quiz[data-quiz]:not([data-quiz-enhanced])")) {
    await breathe();
    if ("quizEnhanced" in form.dataset || !form.isConnected) continue; // an overlapping call got there first
    form.dataset.quizEnhanced = "";
    form.quizQuestion = new Question(form);
    enhanced.push(form);
    if (engine.state === "idle") nearby.observe(form);
  }
  const heading = document.getElementById("quiz"); // a lesson's Quiz heading: its questions follow
  if (heading && engine.state === "idle") nearby.observe(heading);
  if (engine.state === "idle" && answerComing()) engine.start(); // a page reached by instant navigation
  for (const element of document.querySelectorAll(".quiz-summary[data-quiz-summary]:not([data-quiz-enhanced])")) {
    element.dataset.quizEnhanced = "";
    const data = JSON.parse(element.dataset.quizSummary);
    new Summary(element, data.questions, data.objectives);
  }
  for (const section of document.querySelectorAll(".quiz-pool[data-quiz-pool]:not([data-quiz-enhanced])")) {
    section.dataset.quizEnhanced = "";
    new Pool(section);
    if (engine.state === "idle") nearby.observe(section); // its questions are hidden until it draws them
  }
  const progress = document.querySelector(".quiz-progress[data-quiz-course]:not([data-quiz-enhanced])");
  if (progress) {
    progress.dataset.quizEnhanced = "";
    engine.start();
    const { showProgress } = await import(`./progress-page.js${version}`);
    showProgress(progress, { engine, store, text, mastery, format, number, paragraph, unreadable, limits: settings.limits, siteRoot, objectiveLine });
  }
  const overview = document.querySelector(".quiz-overview[data-quiz-course]:not([data-quiz-enhanced])");
  if (overview) {
    overview.dataset.quizEnhanced = "";
    engine.start();
    const { showOverview } = await import(`./overview.js${version}`);
    showOverview(overview, { engine, store, text, format, unreadable, limits: settings.limits });
  }
  if (enhanced.length) checkSaved(enhanced);
  showNotices();
}

// This module is async: it may run before Material's own script. Enhance the questions at once, then
// follow Material's document$, which emits on every page, including pages reached by instant navigation.
enhance();
function followMaterial() {
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(enhance);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", followMaterial, { once: true });
else followMaterial();
