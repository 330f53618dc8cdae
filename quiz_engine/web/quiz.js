// The quiz view: enhances each question the build rendered, sends answers to the Python engine, draws
// what the engine decided and stores it. It never judges an answer itself. A question is question.js
// (drawn by its type's widget, widgets.js and widgets/); summaries and pools are summary.js; the progress
// page and the class overview are progress-page.js and overview.js; the words are words.js.
//
// The engine starts in a worker only when the reader comes near a question or touches one, and it is
// kept across Material's instant navigation: this module runs once per visit.

const here = new URL(import.meta.url);
const version = here.search;
const settingsElement = document.querySelector("script[data-quiz-settings]");
const settings = JSON.parse((settingsElement && settingsElement.dataset.quizSettings) || "{}");
const text = settings.strings || {};
const mastery = settings.mastery; // the plugin always writes it
const siteRoot = new URL("../../", here).pathname; // assets/quiz/ is two folders below the site's root

// Modules are imported with this module's version query, so a new build never meets an old cached one.
// All are asked for at once; the engine is awaited first: when a question is already within reach, Python
// starts before anything else. The progress page's own module too, so that it draws without a wait.
const load = (name) => import(`./${name}.js${version}`);
const loading = Promise.all(["store", "widgets", "words", "question", "summary"].map(load));
const progressPage = document.querySelector(".quiz-progress[data-quiz-course]") && load("progress-page");
const { Engine } = await load("engine");
const engine = new Engine({
  workerURL: new URL(`worker.js${version}`, here),
  runtimeURL: new URL(settings.runtime, here).href,
  lockURL: new URL(settings.engine, here).href,
  stdlibURL: settings.stdlib && new URL(settings.stdlib, here).href,
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
else if (document.querySelector("form.quiz[data-quiz], .quiz-pool")) engine.warm(); // no Python yet (see warm)
addEventListener("hashchange", () => answerComing() && engine.start());

const [{ Store, unreadable }, widgets, words, { Question }, summaries] = await loading;
const { format, number, paragraph, notice } = words;
const refusal = (error, type) => words.refusal(text, error, type);
const { Summary, Pool, objectiveLine } = summaries;
const store = new Store(siteRoot, settings.limits);
window.quizStore = store;

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
  const path = pagePath();
  // Until the engine's new numbers are kept, none rather than the old ones: a reader who leaves at once
  // sees the progress page wait for Python on this page, never a count that misses their last answer.
  store.setSummary(`page:${path}`, null);
  whenReady(async () => {
    const summary = await engine.request({ op: "summary", questions, states, mastery });
    if (summary.ok) store.setSummary(`page:${path}`, summary);
  });
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
  const lines = store.notices.map((entry) => notice(text, entry));
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
    for (const entry of answer.notices) {
      const section = entry.code === "journal-set-aside" ? "journal" : "questions";
      if (entry.id !== undefined && store.doc[section][entry.id] === sent[section][entry.id]) {
        removed.push({ section, id: entry.id });
      }
      store.notice(entry.code, entry);
    }
    store.removeSetAside(removed);
    // The states of this page's questions, as the engine made them again (for what the reader did not
    // change meanwhile), with the engine's view of each, drawn again; so are the questions whose saved
    // answer was set aside. Those the author changed since they were answered are named in their status.
    for (const question of questions) {
      const clean = answer.progress.questions[question.id];
      const unchanged = states[question.id] && store.question(question.id) === states[question.id];
      const view = answer.views[question.id];
      if (clean && unchanged) store.doc.questions[question.id] = view ? { ...clean, view } : clean;
      const form = document.getElementById(`quiz-${question.id}`);
      if (form && form.quizQuestion && (unchanged || removed.some((entry) => entry.id === question.id))) {
        form.quizQuestion.restore();
      }
      if (form && form.quizQuestion && answer.changed.includes(question.id)) form.quizQuestion.showChanged();
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

// What the page's modules share (question.js, summary.js).
const page = { engine, store, text, mastery, whenReady, rememberPage, pagePath, widgetFor: widgets.widgetFor };
summaries.setup(page);

async function enhance() {
  const forms = [...document.querySelectorAll("form.quiz[data-quiz]:not([data-quiz-enhanced])")];
  if (forms.length) engine.warm(); // a page reached by instant navigation
  await widgets.load(forms); // the widgets of the question types here
  sliceStart = performance.now();
  const enhanced = [];
  for (const form of forms) {
    await breathe();
    if ("quizEnhanced" in form.dataset || !form.isConnected) continue; // an overlapping call got there first
    form.dataset.quizEnhanced = "";
    form.quizQuestion = new Question(form, page);
    enhanced.push(form);
    if ("quizPending" in form.dataset) {
      // Check was pressed before the question was ready (early.js held it back): check it now.
      delete form.dataset.quizPending;
      form.requestSubmit();
    }
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
    const { showProgress } = await (progressPage || load("progress-page"));
    showProgress(progress, { engine, store, text, format, number, paragraph, refusal, notice, unreadable, limits: settings.limits, siteRoot, objectiveLine });
  }
  const overview = document.querySelector(".quiz-overview[data-quiz-course]:not([data-quiz-enhanced])");
  if (overview) {
    overview.dataset.quizEnhanced = "";
    engine.start();
    const { showOverview } = await load("overview");
    showOverview(overview, { engine, store, text, format, refusal, unreadable, limits: settings.limits });
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
