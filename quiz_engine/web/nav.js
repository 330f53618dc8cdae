// Progress marks in Material's navigation (the sidebar, which is also the mobile drawer): each lesson's
// link shows its status as the engine last gave it, with the status in words for screen readers. Loaded
// on every page, including pages without questions: it starts no Python and loads nothing else. It only
// reads what the quiz pages keep: the engine's summary of each page (store.js `setSummary`, under
// `page:<path from the site's root>`, written after each answer and by the progress page) and, for a
// lesson without one, whether it has saved answers (then it shows nothing until Python gives a summary).
//
// It also holds the one definition of where saved progress lives (its schema and its localStorage key),
// since it is the one module every page loads: store.js imports them from here. The engine's
// quiz_engine.progress.PROGRESS_SCHEMA is the same number (a test checks).

/** The schema of saved progress (store.js, and the engine's progress.PROGRESS_SCHEMA). */
export const SCHEMA = 1;

/** The localStorage key of a site's saved progress, the site named by its root path. */
export function storageKey(root) {
  return `quiz-progress:v${SCHEMA}:${root}`;
}

// What the page's nav.js element says: {lessons: {path from the site's root: [question ids]}, strings}.
// Read when the marks are first drawn, not when this module runs: store.js imports this module too, and on
// a page still arriving the quiz's modules can run before the parser has reached nav.js's own element
// (its data would then be missing for good, and no lesson ever marked).
let course = null;
function courseData() {
  if (!course) {
    const script = document.querySelector("script[data-quiz-nav]");
    if (!script) return null; // not parsed yet: drawn at DOMContentLoaded
    const data = JSON.parse(script.dataset.quizNav || "{}");
    course = { lessons: data.lessons || {}, text: data.strings || {} };
  }
  return course;
}
const siteRoot = new URL("../../", import.meta.url).pathname; // assets/quiz/ is two folders below the root
const KEY = storageKey(siteRoot);
const STATUSES = ["not-started", "in-progress", "complete", "mastered"];

// One 16x16 symbol per status, so that no status is told by colour alone: an empty ring, a half-filled
// ring, a full disc, a disc with a tick.
const RING = '<circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" stroke-width="1.5"/>';
const SYMBOLS = {
  "not-started": RING,
  "in-progress": `${RING}<path d="M8 1.75a6.25 6.25 0 0 0 0 12.5z" fill="currentColor"/>`,
  complete: '<circle cx="8" cy="8" r="7" fill="currentColor"/>',
  mastered:
    '<circle cx="8" cy="8" r="7" fill="currentColor"/>' +
    '<path d="M4.6 8.3l2.3 2.3 4.5-4.7" fill="none" stroke="var(--md-default-bg-color, #fff)" stroke-width="1.8"' +
    ' stroke-linecap="round" stroke-linejoin="round"/>',
};

function read(key) {
  try {
    const value = JSON.parse(window.localStorage.getItem(key) || "null");
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {}; // no storage, or something odd in it: nothing is kept
  }
}

// What a link shows: the kept summary's status; not started without one and without saved answers;
// nothing (null) for a lesson with saved answers whose summary Python has not given yet.
function statusOf(path, ids, summaries, questions) {
  const summary = summaries[`page:${path}`];
  if (summary && typeof summary === "object" && STATUSES.includes(summary.status)) return summary.status;
  const saved = ids.some((id) => questions[id] && typeof questions[id] === "object");
  return saved ? null : "not-started";
}

// A lesson's title with its status in words ("1. What asymmetry is, mastered"), split around the title.
function words(text, status) {
  const template = text.mark || "{title}, {status}";
  const [before, after = ""] = template.replace("{status}", text[status] || status).split("{title}");
  return [before, after];
}

function hidden(content) {
  const span = document.createElement("span");
  span.className = "quiz-nav-mark__text";
  span.textContent = content;
  return span;
}

// The status's symbol after the title. A link is named by an aria-label that keeps its title (Chrome
// would put a space before the comma of visually hidden text next to a flex item's text); the label
// that stands for the link of the page being read in the mobile drawer, which is read as text, has the
// words as visually hidden text.
function mark(target, status, text) {
  for (const old of target.querySelectorAll(":scope > .quiz-nav-mark, :scope > .quiz-nav-mark__text")) old.remove();
  const title = target.querySelector(":scope > .md-ellipsis");
  // The title's own spaces would come between it and the words after it ("2. Love stories , mastered").
  if (title && !title.childElementCount) title.textContent = title.textContent.trim();
  const isLink = target.tagName === "A";
  if (!status) {
    target.removeAttribute("data-quiz-status");
    if (isLink) target.removeAttribute("aria-label");
    return;
  }
  target.dataset.quizStatus = status;
  const [before, after] = words(text, status);
  const symbol = document.createElement("span");
  symbol.className = "quiz-nav-mark";
  symbol.dataset.status = status;
  symbol.setAttribute("aria-hidden", "true");
  symbol.innerHTML = `<svg viewBox="0 0 16 16" focusable="false">${SYMBOLS[status]}</svg>`;
  if (isLink) {
    target.setAttribute("aria-label", `${before}${(title || target).textContent.trim()}${after}`);
    if (title) title.after(symbol);
    else target.append(symbol);
    return;
  }
  if (before) (title || target.firstChild || target).before(hidden(before));
  if (title) title.after(hidden(after), symbol);
  else target.append(hidden(after), symbol);
}

// Mark every lesson's link in the navigation (and, for the page being read, the label that opens its
// table of contents in the mobile drawer) with its status as kept now.
export function drawMarks() {
  const found = courseData();
  if (!found) return;
  const { lessons, text } = found;
  const summaries = read(`${KEY}:summaries`);
  const questions = read(KEY).questions || {};
  for (const link of document.querySelectorAll("nav.md-nav--primary a.md-nav__link[href]")) {
    if (link.getAttribute("href").includes("#")) continue; // a heading of this page, in its table of contents
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith(siteRoot)) continue;
    const path = url.pathname.slice(siteRoot.length);
    let lesson;
    try {
      lesson = decodeURI(path);
    } catch {
      continue;
    }
    if (!Object.hasOwn(lessons, lesson)) continue;
    const status = statusOf(path, lessons[lesson], summaries, questions);
    mark(link, status, text);
    const label = link.parentElement.querySelector(':scope > label.md-nav__link[for="__toc"]');
    if (label) mark(label, status, text);
  }
}

// At once (and again when the page has fully arrived), then on every page Material shows (document$ also
// emits for pages reached by instant navigation, whose navigation is new markup), whenever the kept
// summaries change in this page (store.js says so) or in another tab.
drawMarks();
function followMaterial() {
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(() => drawMarks());
}
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => (drawMarks(), followMaterial()), { once: true });
} else followMaterial();
addEventListener("quiz:summaries", () => drawMarks());
addEventListener("storage", (event) => {
  if (event.key === null || event.key === KEY || event.key === `${KEY}:summaries`) drawMarks();
});
