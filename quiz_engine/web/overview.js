// The class overview, and the progress page's "Share with the facilitator".
//
// A share holds only a participant's answers and scores (never the journal, never a reflection or a
// self-assessment), with an optional nickname: as a file, or as a code to paste in a chat (the same JSON,
// compressed and base64url-encoded after a prefix). The engine (quiz_engine.classroom) makes the share
// and its code from the saved progress, and, on the facilitator's page, reads many at once, in this
// browser only, checks each and adds them up; this draws the controls and the tables.

const here = new URL(import.meta.url);

function el(tag, attributes = {}, content = null) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (content !== null) element.textContent = content;
  return element;
}

// The page's style, once, beside quiz.css.
function addStyle() {
  if (document.querySelector("link[data-quiz-overview-style]")) return;
  const link = el("link", { rel: "stylesheet", href: new URL(`overview.css${here.search}`, here).href, "data-quiz-overview-style": "" });
  document.head.append(link);
}

// -- the share --------------------------------------------------------------------------------------

// The progress page's share controls: a nickname, a file to download, a code to show and copy.
export function shareControls({ engine, store, course, text, format, refusal, say }) {
  addStyle();
  const t = (key, values = {}) => format(text[`progress.share.${key}`] || key, values);
  const box = el("section", { class: "quiz-share", "aria-labelledby": "quiz-share-title" });
  const title = el("h2", { id: "quiz-share-title" }, t("title"));
  const intro = el("p", {}, t("intro"));
  const nameLabel = el("label", { for: "quiz-share-name" }, t("name"));
  const name = el("input", { type: "text", id: "quiz-share-name", maxlength: "60", autocomplete: "nickname", class: "quiz-share__name" });
  const fileButton = el("button", { type: "button", class: "md-button quiz-share__file" }, t("file"));
  const codeButton = el("button", { type: "button", class: "md-button quiz-share__code" }, t("code"));
  const codeBox = el("div", { class: "quiz-share__output", hidden: "" });
  const codeLabel = el("label", { for: "quiz-share-code" }, t("code.label"));
  const code = el("textarea", { id: "quiz-share-code", readonly: "", rows: "4", class: "quiz-share__text" });
  const copy = el("button", { type: "button", class: "md-button quiz-share__copy" }, t("copy"));
  codeBox.append(codeLabel, code, copy);

  // The share as the engine makes it from the saved progress (per scored question: the answer and its
  // score), its JSON text and its code; null, with the reason said, when there is nothing to share.
  async function current() {
    let answer;
    try {
      answer = await engine.request({
        op: "classroom.share",
        progress: { questions: store.doc.questions, pools: store.doc.pools }, // never the journal
        questions: course.pages.flatMap((page) => page.questions),
        site: store.site,
        course: course.name || "",
        name: name.value,
        made: new Date().toISOString(),
      });
    } catch {
      say(`${text.failed} ${text["failed.hint"]}`, "error");
      return null;
    }
    if (!answer.ok) say(refusal(answer.error), "error");
    else if (answer.empty) say(t("empty"), "error");
    return answer.ok && !answer.empty ? answer : null;
  }
  fileButton.addEventListener("click", async () => {
    const made = await current();
    if (!made) return;
    const share = made.share;
    const blob = new Blob([made.text], { type: "application/json" });
    const slug = share.name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 30);
    const link = el("a", { href: URL.createObjectURL(blob), download: `share-${slug || "answers"}-${share.made.slice(0, 10)}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    say(t("saved"));
  });
  codeButton.addEventListener("click", async () => {
    const made = await current();
    if (!made) return;
    code.value = made.code;
    codeBox.hidden = false;
    code.focus();
    code.select();
  });
  copy.addEventListener("click", async () => {
    code.select();
    try {
      await navigator.clipboard.writeText(code.value);
    } catch {
      document.execCommand("copy");
    }
    say(t("copied"));
  });
  const buttons = el("div", { class: "quiz-share__buttons" });
  buttons.append(fileButton, codeButton);
  box.append(title, intro, nameLabel, name, buttons, codeBox);
  return box;
}

// -- the facilitator's overview -------------------------------------------------------------------------

export function showOverview(section, { engine, store, text, format, refusal, unreadable, limits }) {
  addStyle();
  const course = JSON.parse(section.dataset.quizCourse);
  const lessons = course.pages.filter((page) => page.lesson !== false);
  const t = (key, values = {}) => format(text[`overview.${key}`] || key, values);
  const files = []; // {label, text} read from the files picked or dropped
  let readFailures = []; // files the browser could not read

  const intro = el("p", { class: "quiz-overview__intro" }, t("intro"));
  const drop = el("div", { class: "quiz-overview__drop" });
  const pick = el("label", { class: "md-button quiz-overview__pick", for: "quiz-overview-files" }, t("pick"));
  const input = el("input", { type: "file", id: "quiz-overview-files", multiple: "", accept: "application/json,.json,.txt", class: "visually-hidden" });
  drop.append(pick, input, el("span", { class: "quiz-overview__drop-text" }, t("drop")));
  const pasteLabel = el("label", { for: "quiz-overview-codes" }, t("paste"));
  const codes = el("textarea", { id: "quiz-overview-codes", rows: "4", class: "quiz-overview__codes", spellcheck: "false" });
  const show = el("button", { type: "button", class: "md-button md-button--primary quiz-overview__show" }, t("show"));
  const clear = el("button", { type: "button", class: "md-button quiz-overview__clear" }, t("clear"));
  const actions = el("div", { class: "quiz-overview__actions" });
  actions.append(show, clear);
  const form = el("div", { class: "quiz-overview__input" });
  form.append(intro, drop, pasteLabel, codes, actions);
  const status = el("div", { class: "quiz-overview__status", role: "status", "aria-live": "polite" });
  const results = el("div", { class: "quiz-overview__results" });
  section.replaceChildren(form, status, results);

  function say(message, kind = "info") {
    status.className = `quiz-overview__status quiz-overview__status--${kind}`;
    status.replaceChildren(el("p", {}, message));
  }

  async function addFiles(list) {
    const read = await Promise.all(
      [...list].map((file) =>
        file.text().then(
          (content) => ({ label: file.name, text: content }),
          () => ({ label: file.name, failed: true }),
        ),
      ),
    );
    files.push(...read.filter((entry) => !entry.failed));
    readFailures.push(...read.filter((entry) => entry.failed).map((entry) => ({ label: entry.label, reason: "unreadable" })));
    await run();
  }

  input.addEventListener("change", async () => {
    const chosen = [...input.files];
    input.value = "";
    if (chosen.length) await addFiles(chosen);
  });
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add("quiz-overview__drop--over");
    });
  }
  drop.addEventListener("dragleave", () => drop.classList.remove("quiz-overview__drop--over"));
  drop.addEventListener("drop", async (event) => {
    event.preventDefault();
    drop.classList.remove("quiz-overview__drop--over");
    if (event.dataTransfer && event.dataTransfer.files.length) await addFiles(event.dataTransfer.files);
  });
  show.addEventListener("click", () => run());
  clear.addEventListener("click", () => {
    files.length = 0;
    readFailures = [];
    codes.value = "";
    results.replaceChildren();
    status.replaceChildren();
  });

  async function run() {
    const pasted = codes.value
      .split(/\s+/)
      .filter(Boolean)
      .map((code, index) => ({ label: t("code", { number: index + 1 }), text: code }));
    const shares = [];
    const early = [...readFailures];
    for (const entry of [...files, ...pasted]) {
      const problem = unreadable(entry.text, limits, limits.file);
      if (problem) early.push({ label: entry.label, reason: problem });
      else shares.push(entry);
    }
    if (!shares.length && !early.length) return say(t("none"), "error");
    say(t("reading", { count: shares.length + early.length }));
    section.setAttribute("aria-busy", "true");
    let answer;
    try {
      answer = await engine.request({
        op: "classroom.overview",
        shares,
        pages: lessons.map(({ title, url, questions, pools }) => ({ title, url, questions, pools })),
        site: store.site,
        course: course.name || "",
        mastery: course.mastery, // the plugin always writes it
      });
    } catch {
      section.removeAttribute("aria-busy");
      return say(`${text.failed} ${text["failed.hint"]}`, "error");
    }
    section.removeAttribute("aria-busy");
    if (!answer.ok) return say(refusal(answer.error), "error");
    const rejected = [...early, ...answer.rejected];
    draw(answer, rejected);
    say(t("result", { count: answer.participants.length, rejected: rejected.length }));
  }

  function percent(value) {
    return value === null || value === undefined ? "—" : `${Math.round(value * 100)}%`;
  }

  function draw(answer, rejected) {
    const content = [];
    const total = answer.participants.length;
    if (total) {
      const named = answer.participants.map((p) => p.name).filter(Boolean);
      const anonymous = total - named.length;
      const names = [...named, ...(anonymous ? [t("anonymous", { count: anonymous })] : [])].join(", ");
      content.push(el("p", { class: "quiz-overview__participants" }, t("participants", { names })));
    }
    // Lessons: participants who answered, how many mastered, the average score.
    const lessonTable = table(t("lessons.caption"), [
      { key: "lesson", label: t("column.lesson") },
      { key: "participants", label: t("column.participants"), numeric: true },
      { key: "mastered", label: t("column.mastered"), numeric: true },
      { key: "average", label: t("column.average"), numeric: true },
    ]);
    answer.pages.forEach((page, index) => {
      const row = el("tr");
      const head = el("th", { scope: "row", "data-value": String(index) });
      head.append(el("a", { href: `#quiz-overview-lesson-${index + 1}` }, page.title));
      row.append(
        head,
        cell(String(page.participants), page.participants),
        cell(`${page.mastered} / ${total}`, page.mastered),
        cell(page.participants ? percent(page.percent) : "—", page.participants ? page.percent : -1),
      );
      lessonTable.body.append(row);
    });
    content.push(lessonTable.wrapper);
    // Each lesson's questions.
    answer.pages.forEach((page, index) => {
      const texts = lessons[index].texts || {};
      const heading = el("h2", { id: `quiz-overview-lesson-${index + 1}`, class: "quiz-overview__lesson" }, page.title);
      const questions = table(t("questions.caption", { lesson: page.title }), [
        { key: "question", label: t("column.question") },
        { key: "answered", label: t("column.answered"), numeric: true },
        { key: "right", label: t("column.right"), numeric: true },
        { key: "options", label: t("column.options"), sortable: false },
      ]);
      page.questions.forEach((question, order) => {
        const words = texts[question.id] || { title: question.id, options: {} };
        const row = el("tr", { "data-question": question.id });
        row.append(el("th", { scope: "row", "data-value": String(order) }, words.title || question.id));
        row.append(cell(String(question.answered), question.answered));
        row.append(cell(question.answered ? percent(question.share_right) : "—", question.answered ? question.share_right : -1));
        const options = el("td", { class: "quiz-overview__options" });
        if (question.options && question.answered) {
          const list = el("ul");
          for (const option of question.options) {
            const item = el("li", {
              class: `quiz-overview__option${option.correct ? " quiz-overview__option--right" : ""}${option.id === question.most_wrong ? " quiz-overview__option--most-wrong" : ""}`,
              "data-option": option.id,
            });
            const label = el("span", { class: "quiz-overview__option-label" }, words.options[option.id] || option.id);
            const count = el("span", { class: "quiz-overview__count" }, t("option.count", { count: option.count, answered: question.answered }));
            const bar = el("span", { class: "quiz-overview__bar", "aria-hidden": "true" });
            const fill = el("span", { class: "quiz-overview__fill" });
            fill.style.width = `${Math.round((100 * option.count) / question.answered)}%`;
            bar.append(fill);
            item.append(label, " ", count);
            if (option.correct) item.append(" ", el("span", { class: "quiz-overview__tag" }, t("option.right")));
            if (option.id === question.most_wrong) item.append(" ", el("span", { class: "quiz-overview__tag quiz-overview__tag--wrong" }, t("option.most-wrong")));
            item.append(bar);
            list.append(item);
          }
          options.append(list);
        } else options.textContent = t("no-options");
        row.append(options);
        questions.body.append(row);
      });
      content.push(heading, questions.wrapper);
    });
    if (rejected.length) {
      const list = el("ul", { class: "quiz-overview__rejected-list" });
      for (const entry of rejected) {
        const words = text[`overview.rejected.${entry.reason}`] ? t(`rejected.${entry.reason}`, entry) : t("rejected.unknown", entry);
        list.append(el("li", { "data-reason": entry.reason }, words));
      }
      content.push(el("h2", { id: "quiz-overview-rejected", class: "quiz-overview__rejected" }, t("rejected.title")), list);
    }
    const print = el("button", { type: "button", class: "md-button quiz-overview__print" }, t("print"));
    print.addEventListener("click", () => window.print());
    content.push(print);
    results.replaceChildren(...content);
  }

  function cell(content, value) {
    return el("td", { "data-value": String(value) }, content);
  }

  // A table whose columns sort with a button in their header (aria-sort says how it is sorted).
  function table(title, columns) {
    const wrapper = el("div", { class: "quiz-overview__table md-typeset__scrollwrap" });
    const tableElement = el("table");
    const head = el("thead");
    const headRow = el("tr");
    const body = el("tbody");
    columns.forEach((column, index) => {
      const th = el("th", { scope: "col" });
      if (column.sortable === false) th.textContent = column.label;
      else {
        const button = el("button", { type: "button", class: "quiz-overview__sort", title: t("sort", { column: column.label }) }, column.label);
        button.addEventListener("click", () => {
          const descending = th.getAttribute("aria-sort") === "ascending";
          for (const other of headRow.children) other.removeAttribute("aria-sort");
          th.setAttribute("aria-sort", descending ? "descending" : "ascending");
          const rows = [...body.rows];
          const value = (row) => {
            const raw = row.cells[index].dataset.value;
            return raw !== undefined && raw !== "" && !Number.isNaN(Number(raw)) ? Number(raw) : row.cells[index].textContent;
          };
          rows.sort((a, b) => {
            const [x, y] = [value(a), value(b)];
            const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
            return descending ? -order : order;
          });
          body.append(...rows);
        });
        th.append(button);
      }
      headRow.append(th);
    });
    head.append(headRow);
    tableElement.append(el("caption", {}, title), head, body);
    wrapper.append(tableElement);
    return { wrapper, body };
  }
}
