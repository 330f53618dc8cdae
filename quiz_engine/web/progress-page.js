// The progress page: every lesson with its status and score (decided by the engine), a chart, the
// reflection journal, and export, import and reset of the saved progress.

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes = {}, content = null) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (content !== null) element.textContent = content;
  return element;
}

function el(tag, attributes = {}, content = null) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (content !== null) element.textContent = content;
  return element;
}

export function showProgress(
  section,
  { engine, store, text, format, paragraph, refusal, notice, unreadable, limits, siteRoot, objectiveLine },
) {
  const course = JSON.parse(section.dataset.quizCourse);
  const mastery = course.mastery; // the plugin always writes it
  const t = (key, values = {}) => format(text[`progress.${key}`] || key, values);
  const status = el("div", { class: "quiz-progress__status", role: "status", "aria-live": "polite" });
  const table = el("div", { class: "quiz-progress__table" });
  const chart = el("div", { class: "quiz-progress__chart" });
  const objectives = el("div", { class: "quiz-progress__objectives" });
  const journal = el("div", { class: "quiz-progress__journal" });
  const controls = el("div", { class: "quiz-progress__controls" });
  section.replaceChildren(status, chart, table, objectives, journal, controls);

  function say(message, kind = "info") {
    status.className = `quiz-progress__status quiz-progress__status--${kind}`;
    status.replaceChildren(paragraph("quiz-progress__message", message));
  }

  // What this site has, for an import: the engine keeps only answers and journal entries it can use.
  function known() {
    return {
      questions: course.pages.flatMap((page) => page.questions),
      journal: course.pages.flatMap((page) => Object.keys(page.reflections || {})),
      pools: course.pages.flatMap((page) => page.pools.map((pool) => pool.id)),
    };
  }

  function questionsOf(page) {
    const drawn = new Set(page.pools.flatMap((pool) => (store.pool(pool.id) || { drawn: [] }).drawn));
    const inPools = new Set(page.pools.flatMap((pool) => pool.questions));
    return page.questions.filter((q) => !inPools.has(q.id) || drawn.has(q.id));
  }

  // A page's key among the kept summaries: its address from the site's root, as the page itself names it.
  function keyOf(page) {
    const path = new URL(page.url, location.href).pathname;
    return `page:${path.startsWith(siteRoot) ? path.slice(siteRoot.length) : path}`;
  }

  // At once, before Python: each page's numbers as the engine gave them after the last answer there; a
  // page with no answer saved is not started; one with answers but no numbers kept yet waits for Python.
  function renderKept() {
    const rows = course.pages.map((page) => {
      const kept = store.summary(keyOf(page));
      const touched = questionsOf(page).some((q) => store.question(q.id)) || Object.keys(page.reflections || {}).some((id) => store.doc.journal[id]);
      return { page, summary: kept || (touched ? null : { status: "not-started", percent: 0, answered: 0 }) };
    });
    drawTable(rows);
    drawChart(rows.filter((row) => row.page.lesson !== false));
    drawObjectives(rows);
    drawJournal();
  }

  // The table, chart and journal, with each lesson's numbers from the engine. False if the engine stopped.
  async function render() {
    const rows = [];
    try {
      for (const page of course.pages) {
        const questions = questionsOf(page);
        const states = Object.fromEntries(questions.map((q) => [q.id, store.question(q.id)]).filter(([, s]) => s));
        const summary = await engine.request({ op: "summary", questions, states, mastery });
        rows.push({ page, summary });
        if (summary.ok) store.setSummary(keyOf(page), summary);
      }
    } catch {
      say(`${text.failed} ${text["failed.hint"]}`, "error");
      return false;
    }
    drawTable(rows);
    drawChart(rows.filter((row) => row.page.lesson !== false));
    drawObjectives(rows);
    drawJournal();
    return true;
  }

  // The lessons in one table, and pages with questions that are not lessons (demos) in another, apart.
  function drawTable(rows) {
    const tables = [tableOf(rows.filter((row) => row.page.lesson !== false), t("table.caption"))];
    const others = rows.filter((row) => row.page.lesson === false);
    if (others.length) tables.push(tableOf(others, t("table.others")));
    table.replaceChildren(...tables);
  }

  function tableOf(rows, title) {
    const tableElement = el("table");
    const caption = el("caption", {}, title);
    const head = el("thead");
    const headRow = el("tr");
    for (const key of ["lesson", "status", "score"]) headRow.append(el("th", { scope: "col" }, t(`column.${key}`)));
    head.append(headRow);
    const body = el("tbody");
    for (const { page, summary } of rows) {
      const row = el("tr", { "data-status": summary ? summary.status : "waiting" });
      const cell = el("th", { scope: "row" });
      cell.append(el("a", { href: new URL(page.url, location.href).href }, page.title));
      row.append(cell, el("td", {}, summary ? t(`status.${summary.status}`) : "…"));
      const score = summary && summary.answered
        ? t("score", { percent: Math.round(Math.min(1, Math.max(0, summary.percent)) * 100), answered: summary.answered, questions: summary.questions })
        : "—";
      row.append(el("td", {}, score));
      body.append(row);
    }
    tableElement.append(caption, head, body);
    return tableElement;
  }

  function drawChart(rows) {
    // One row per page: its title and score above a bar; a dashed line marks the mastery threshold. The
    // widths are percentages of the chart, and the words keep their size on any screen (no viewBox: a
    // phone does not shrink them).
    const rowHeight = 44;
    const barHeight = 14;
    const height = rows.length * rowHeight + 24;
    const threshold = Math.round(mastery * 100);
    const figure = el("figure", { class: "quiz-progress__figure" });
    const titleId = "quiz-progress-chart-title";
    const chartSvg = svg("svg", {
      width: "100%",
      height,
      role: "img",
      "aria-labelledby": titleId,
      class: "quiz-progress__svg",
    });
    chartSvg.append(svg("title", { id: titleId }, t("chart.title", { threshold })));
    rows.forEach(({ page, summary }, index) => {
      const y = index * rowHeight;
      const percent = summary ? Math.round(Math.min(1, Math.max(0, summary.percent)) * 100) : 0;
      chartSvg.append(svg("text", { x: 0, y: y + 16, class: "quiz-progress__label" }, `${page.title}: ${percent}%`));
      chartSvg.append(svg("rect", { x: 0, y: y + 22, width: "100%", height: barHeight, rx: 3, class: "quiz-progress__track" }));
      chartSvg.append(
        svg("rect", {
          x: 0,
          y: y + 22,
          width: `${percent}%`,
          height: barHeight,
          rx: 3,
          class: `quiz-progress__bar quiz-progress__bar--${summary ? summary.status : "waiting"}`,
        }),
      );
    });
    const x = `${threshold}%`;
    chartSvg.append(svg("line", { x1: x, x2: x, y1: 18, y2: height - 20, class: "quiz-progress__threshold" }));
    // Beside the line, on the side with room: the words keep their size, so they must not run off the chart.
    const side = threshold > 50 ? { dx: -4, "text-anchor": "end" } : { dx: 4, "text-anchor": "start" };
    chartSvg.append(
      svg("text", { x, y: height - 4, ...side, class: "quiz-progress__label" }, t("chart.threshold", { threshold })),
    );
    figure.append(chartSvg);
    chart.replaceChildren(figure);
  }

  // Each lesson's learning objectives with the mastery the engine gave each; a lesson not started has
  // every objective not started.
  function drawObjectives(rows) {
    const content = [el("h2", { id: "objectives" }, t("objectives"))];
    for (const { page, summary } of rows) {
      if (!(page.objectives || []).length || !summary) continue;
      const statuses = new Map((summary.objectives || []).map((entry) => [entry.objective, entry.status]));
      const list = el("ul");
      let mastered = 0;
      page.objectives.forEach((objective, index) => {
        const state = statuses.get(index + 1) || (summary.status === "not-started" ? "not-started" : null);
        if (!state) return;
        mastered += state === "mastered";
        list.append(objectiveLine(objective, state));
      });
      const details = el("details", { class: "quiz-progress__lesson-objectives" });
      const count = t("objectives.count", { mastered, count: page.objectives.length });
      details.append(el("summary", {}, `${page.title} · ${count}`), list);
      content.push(details);
    }
    objectives.replaceChildren(...(content.length > 1 ? content : []));
  }

  function drawJournal() {
    const entries = [];
    for (const page of course.pages) {
      for (const [id, prompt] of Object.entries(page.reflections || {})) {
        const entry = store.doc.journal[id];
        if (entry && entry.text) entries.push({ page, prompt, entry });
      }
    }
    const heading = el("h2", { id: "journal" }, t("journal.title"));
    const content = [heading];
    if (!entries.length) content.push(paragraph("quiz-progress__empty", t("journal.empty")));
    for (const { page, prompt, entry } of entries) {
      const item = el("article", { class: "quiz-progress__entry" });
      item.append(el("h3", {}, prompt));
      item.append(paragraph("quiz-progress__meta", `${page.title} · ${new Date(entry.updated).toLocaleDateString()}`));
      for (const part of entry.text.split(/\n{2,}/)) item.append(paragraph("quiz-progress__text", part));
      content.push(item);
    }
    const print = el("button", { type: "button", class: "md-button quiz-progress__print" }, t("journal.print"));
    print.addEventListener("click", () => {
      document.body.classList.add("quiz-printing-journal");
      window.print();
      document.body.classList.remove("quiz-printing-journal");
    });
    if (entries.length) content.push(print);
    journal.replaceChildren(...content);
  }

  function drawControls() {
    const exportButton = el("button", { type: "button", class: "md-button quiz-progress__export" }, t("export"));
    exportButton.addEventListener("click", () => {
      const blob = new Blob([JSON.stringify({ ...store.doc, exported: new Date().toISOString() }, null, 1)], {
        type: "application/json",
      });
      const link = el("a", { href: URL.createObjectURL(blob), download: `progress-${new Date().toISOString().slice(0, 10)}.json` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      say(t("exported"));
    });
    const importLabel = el("label", { class: "md-button quiz-progress__import", for: "quiz-progress-file" }, t("import"));
    const file = el("input", { type: "file", id: "quiz-progress-file", accept: "application/json,.json", class: "visually-hidden" });
    file.addEventListener("change", async () => {
      const [chosen] = file.files;
      file.value = "";
      if (!chosen) return;
      let content;
      try {
        content = await chosen.text();
      } catch {
        return say(t("import.error.unreadable"), "error");
      }
      // Too large or too deeply nested to be read safely: refused before it reaches the engine.
      const problem = unreadable(content, limits, limits.file);
      if (problem) return say(t(`import.error.${problem}`), "error");
      let answer;
      try {
        answer = await engine.request({ op: "progress.import", text: content, site: store.site, course: known() });
      } catch {
        return say(`${text.failed} ${text["failed.hint"]}`, "error");
      }
      if (!answer.ok) {
        const { reason, params } = answer.error;
        const words = text[`progress.import.error.${reason}`] ? t(`import.error.${reason}`, params) : refusal(answer.error);
        return say(words, "error");
      }
      if (!window.confirm(t("import.confirm"))) return say(t("import.cancelled"));
      if (!store.replace(answer.progress)) return say(t("import.not-saved"), "error");
      await render();
      const notices = answer.notices.map((entry) => notice(text, entry));
      say([t("imported"), ...notices].join(" "));
    });
    const reset = el("button", { type: "button", class: "md-button quiz-progress__reset" }, t("reset"));
    reset.addEventListener("click", async () => {
      if (!window.confirm(t("reset.confirm"))) return say(t("reset.cancelled"));
      if (!store.reset()) return say(t("reset.not-saved"), "error");
      await render();
      say(t("reset.done"));
    });
    controls.replaceChildren(exportButton, importLabel, file, reset);
    // Share with the facilitator: answers and scores only, as a file or a code (see overview.js).
    const here = new URL(import.meta.url);
    import(new URL(`overview.js${here.search}`, here).href).then(({ shareControls }) => {
      if (!section.querySelector(".quiz-share")) controls.after(shareControls({ engine, store, course, text, format, refusal, say }));
    });
  }

  drawControls();
  renderKept();
  engine
    .request({ op: "version" })
    .then(() => render())
    .catch(() => say(`${text.failed} ${text["failed.hint"]}`, "error"));
}
