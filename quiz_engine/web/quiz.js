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
const firstQuestion = document.querySelector("form.quiz[data-quiz], .quiz-progress");
if (firstQuestion && firstQuestion.getBoundingClientRect().top < window.innerHeight * 2) engine.start();

const [{ Store }, { widgetFor }] = await Promise.all([
  import(`./store.js${version}`),
  import(`./widgets.js${version}`),
]);
const store = new Store(siteRoot);
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
function whenReady(callback) {
  if (engine.state === "ready") return callback();
  const stop = engine.onChange((state) => {
    if (state === "ready") {
      stop();
      callback();
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
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send("attempt", { response: this.widget.collect() });
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
    if (!state) return this.clearView();
    if (state.response) this.widget.restore(state.response);
    this.draw(state);
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
    store.setQuestion(this.data.id, answer.state);
    if (this.data.type === "reflection") store.setJournal(this.data.id, answer.state.response.text);
    this.draw(answer.state);
    this.form.dispatchEvent(new CustomEvent("quiz:answered", { bubbles: true, detail: answer }));
  }

  tryAgain() {
    this.widget.clear();
    this.status.replaceChildren();
    this.status.className = "quiz__status";
    this.drawButtons(this.state, true);
    const first = this.fieldset.querySelector("input, select, textarea, button");
    if (first) first.focus();
  }

  draw(state) {
    this.widget.clear();
    const result = state.result;
    const finished = this.scored && state.finished;
    if (result) this.widget.drawResult(result);
    if (finished) this.widget.drawFinished(state);
    this.status.className = `quiz__status quiz__status--${result ? result.verdict : "finished"}`;
    this.status.replaceChildren(...this.messages(state).map((line) => paragraph("quiz__message", line)));
    const explanation = this.form.querySelector(".quiz__explanation");
    if (explanation) explanation.hidden = !(finished || (!this.scored && result));
    for (let n = 1; n <= (this.data.hints || 0); n += 1) {
      const hint = this.form.querySelector(`#${CSS.escape(this.form.id)}-hint-${n}`);
      if (hint) hint.hidden = n > (state.hints || 0);
    }
    this.drawButtons(state);
  }

  messages(state) {
    const result = state.result;
    const lines = [];
    if (result) {
      lines.push(text[`verdict.${result.verdict}`]);
      const counts = result.counts || {};
      if (this.data.type === "multiple") lines.push(format(text.counts, counts));
      if (this.data.type === "order") lines.push(format(text["counts.order"], counts));
      if (this.data.type === "match") lines.push(format(text["counts.match"], counts));
      if (this.data.type === "scale" && result.profile) lines.push(format(text["scale.result"], result.profile));
      if (this.data.type === "reflection") lines.push(text["journal.saved"]);
      if (this.scored) {
        lines.push(format(text.score, { credit: number(result.credit), max: number(result.max) }));
        if (result.try > 1 && result.raw_credit > result.credit) {
          lines.push(format(text.penalty, { try: result.try, credit: number(result.credit), raw: number(result.raw_credit) }));
        }
      }
    }
    if (this.scored && state.revealed) lines.push(text.revealed);
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
    retry.addEventListener("click", () => this.form.requestSubmit());
    const detail = paragraph("quiz__detail", reason);
    this.status.replaceChildren(paragraph("quiz__message", `${text.failed} ${text["failed.hint"]}`), retry, detail);
    console.warn(`quiz: the engine could not start: ${reason}`);
  }
}

// -- a page's (or a pool's) running score and result -----------------------------------------------

class Summary {
  constructor(element, ids) {
    this.element = element;
    this.body = element.querySelector(".quiz-summary__body");
    this.ids = ids;
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
    whenReady(async () => {
      const summary = await engine.request({ op: "summary", questions, states, mastery });
      if (summary.ok) this.draw(summary);
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
    this.body.replaceChildren(...lines.map((line) => paragraph("quiz-summary__line", line)));
  }
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
    this.section.append(this.summary);
    this.button.hidden = false;
    this.button.addEventListener("click", () => this.drawNew());
    this.show(store.pool(this.data.id));
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
      else this.summaryView = new Summary(this.summary, [...drawn]);
      this.summaryView.update();
    }
  }

  async drawNew() {
    if (engine.state !== "ready") this.status.replaceChildren(paragraph("quiz-pool__line", text.starting));
    engine.start();
    const previous = store.pool(this.data.id);
    const attempt = previous ? previous.attempt + 1 : 1;
    const answer = await engine.request({
      op: "draw",
      pool: this.data.id,
      questions: this.data.questions,
      size: this.data.draw,
      seed: store.doc.seed,
      attempt,
      previous: previous ? previous.drawn : [],
    });
    if (!answer.ok) return;
    store.forget(answer.drawn);
    for (const id of answer.drawn) {
      const form = document.getElementById(`quiz-${id}`);
      if (form && form.quizQuestion) {
        form.reset();
        form.quizQuestion.restore();
      }
    }
    store.setPool(this.data.id, { attempt, drawn: answer.drawn });
    this.show(store.pool(this.data.id));
    const first = document.getElementById(`quiz-${answer.drawn[0]}`);
    if (first) first.querySelector("legend").scrollIntoView({ block: "start" });
  }
}

// -- notices about saved progress ---------------------------------------------------------------------

function showNotices() {
  if (!store.notices.length) return;
  const article = document.querySelector("article") || document.body;
  if (article.querySelector(".quiz-notice")) return;
  const box = document.createElement("div");
  box.className = "admonition warning quiz-notice";
  box.setAttribute("role", "status");
  box.append(paragraph("admonition-title", text["storage.notice"]));
  for (const key of new Set(store.notices)) box.append(paragraph("quiz-notice__line", text[key] || key));
  const firstQuiz = article.querySelector("form.quiz, .quiz-progress");
  (firstQuiz ? firstQuiz.parentNode : article).insertBefore(box, firstQuiz);
}

// Once Python is up, it checks the saved progress in depth; what it sets aside is named in a notice.
whenReady(async () => {
  const answer = await engine.request({ op: "progress.check", progress: store.doc, site: store.site });
  if (!answer.ok) {
    store.notices.push("storage.corrupt");
    store.setAside(JSON.stringify(store.doc));
    store.reset();
  } else if (answer.notices.length) {
    store.notices.push(...answer.notices);
    store.replace(answer.progress);
  } else {
    return;
  }
  showNotices();
});

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
  for (const form of document.querySelectorAll("form.quiz[data-quiz]:not([data-quiz-enhanced])")) {
    await breathe();
    if ("quizEnhanced" in form.dataset || !form.isConnected) continue; // an overlapping call got there first
    form.dataset.quizEnhanced = "";
    form.quizQuestion = new Question(form);
    if (engine.state === "idle") nearby.observe(form);
  }
  for (const element of document.querySelectorAll(".quiz-summary[data-quiz-summary]:not([data-quiz-enhanced])")) {
    element.dataset.quizEnhanced = "";
    new Summary(element, JSON.parse(element.dataset.quizSummary).questions);
  }
  for (const section of document.querySelectorAll(".quiz-pool[data-quiz-pool]:not([data-quiz-enhanced])")) {
    section.dataset.quizEnhanced = "";
    new Pool(section);
  }
  const progress = document.querySelector(".quiz-progress[data-quiz-course]:not([data-quiz-enhanced])");
  if (progress) {
    progress.dataset.quizEnhanced = "";
    engine.start();
    const { showProgress } = await import(`./progress-page.js${version}`);
    showProgress(progress, { engine, store, text, mastery, format, number, paragraph });
  }
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
