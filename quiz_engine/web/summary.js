// A page's (or a pool's) running score and result, and question pools (a few questions drawn for each
// attempt; an exam pool scores them all at one Submit). The engine computes every score, status and
// draw; this draws them and stores them.

const query = new URL(import.meta.url).search;
const { format, number, paragraph, refusal } = await import(`./words.js${query}`);

// What the page shares with these (quiz.js, `setup`): the engine, the store, the words, the mastery
// threshold (always in the page's settings) and the page's own helpers.
let engine, store, text, mastery, whenReady, rememberPage;

export function setup(page) {
  ({ engine, store, text, mastery, whenReady, rememberPage } = page);
}

// -- a page's (or a pool's) running score and result -----------------------------------------------

export class Summary {
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
export function objectiveLine(objective, status) {
  const item = document.createElement("li");
  item.dataset.status = status;
  const state = document.createElement("strong");
  state.textContent = text[`objective.${status}`];
  const [before, after = ""] = format(text["summary.objective"], { objective, status: "\u0000" }).split("\u0000");
  item.append(before, state, after);
  return item;
}

// -- a pool: draws some of its questions for each attempt ------------------------------------------

export class Pool {
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
    if (!answer.ok) return this.examStatus.replaceChildren(paragraph("quiz-pool__line", refusal(text, answer.error)));
    if (answer.unanswered.length && !confirmed) return this.warn(answer.unanswered, pool);
    for (const [id, state] of Object.entries(answer.states)) store.doc.questions[id] = { ...state, view: answer.views[id] };
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
