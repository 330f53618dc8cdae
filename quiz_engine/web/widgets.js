// The controls of each question type: read the reader's response from the page, put a saved one back,
// and draw what the engine decided (marks, feedback, the right answer once finished). No judging here.

function byData(root, attribute, value) {
  return root.querySelector(`[${attribute}="${CSS.escape(value)}"]`);
}

function markClass(element, mark) {
  element.classList.remove("quiz--right", "quiz--wrong", "quiz--answer");
  if (mark) element.classList.add(`quiz--${mark}`);
}

function showFeedback(container, id, prefix) {
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

class Widget {
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
}

class ChoiceWidget extends Widget {
  collect() {
    return { selected: [...this.form.querySelectorAll(".quiz__options input:checked")].map((i) => i.value) };
  }

  restore(response) {
    const selected = new Set((response && response.selected) || []);
    for (const input of this.form.querySelectorAll(".quiz__options input")) input.checked = selected.has(input.value);
  }

  drawResult(result) {
    for (const [id, mark] of Object.entries(result.marks || {})) {
      markClass(byData(this.form, "data-option", id), mark);
    }
    for (const id of result.feedback || []) {
      const item = byData(this.form, "data-option", id);
      const feedback = showFeedback(item, `${this.base}-${id}`, this.text[`mark.${result.marks[id]}`]);
      if (feedback) item.querySelector("input").setAttribute("aria-describedby", feedback.id);
    }
  }

  drawFinished(state) {
    const chosen = new Set(Object.keys((state.result && state.result.marks) || {}));
    for (const id of (state.solution && state.solution.selected) || []) {
      const item = byData(this.form, "data-option", id);
      if (!item || chosen.has(id)) continue;
      markClass(item, "answer");
      const label = item.querySelector("label");
      const note = document.createElement("span");
      note.className = "quiz__mark quiz__mark--answer";
      note.textContent = ` (${this.text["solution.choice"]})`;
      label.append(note);
    }
  }
}

class OrderWidget extends Widget {
  constructor(form, data, text) {
    super(form, data, text);
    this.list = form.querySelector(".quiz__order");
    this.announce = form.querySelector(".quiz__announce");
    this.list.addEventListener("click", (event) => {
      const button = event.target.closest(".quiz__move");
      if (button && !this.form.querySelector("fieldset").disabled) this.move(button.closest(".quiz__item"), button.dataset.move);
    });
  }

  items() {
    return [...this.list.querySelectorAll(".quiz__item")];
  }

  move(item, direction) {
    const sibling = direction === "up" ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) return;
    if (direction === "up") sibling.before(item);
    else sibling.after(item);
    item.querySelector(`[data-move="${direction}"]`).focus();
    const items = this.items();
    this.announce.textContent = this.text.moved
      .replace("{item}", item.querySelector(".quiz__item-text").textContent)
      .replace("{position}", items.indexOf(item) + 1)
      .replace("{count}", items.length);
    this.form.dispatchEvent(new Event("change", { bubbles: true }));
  }

  collect() {
    return { order: this.items().map((item) => item.dataset.item) };
  }

  restore(response) {
    for (const id of (response && response.order) || []) {
      const item = byData(this.list, "data-item", id);
      if (item) this.list.append(item);
    }
  }

  drawResult(result) {
    for (const [id, mark] of Object.entries(result.marks || {})) markClass(byData(this.list, "data-item", id), mark);
  }

  drawFinished(state) {
    super.drawFinished(state);
    for (const item of this.items()) showFeedback(item, `${this.base}-${item.dataset.item}`);
  }
}

class MatchWidget extends Widget {
  selects() {
    return [...this.form.querySelectorAll(".quiz__pair")].map((row) => [row.dataset.item, row.querySelector("select")]);
  }

  collect() {
    return { pairs: Object.fromEntries(this.selects().map(([id, select]) => [id, select.value || null])) };
  }

  restore(response) {
    const pairs = (response && response.pairs) || {};
    for (const [id, select] of this.selects()) select.value = pairs[id] || "";
  }

  drawResult(result) {
    for (const [id, mark] of Object.entries(result.marks || {})) markClass(byData(this.form, "data-item", id), mark);
  }

  drawFinished(state) {
    super.drawFinished(state);
    for (const [id] of this.selects()) showFeedback(byData(this.form, "data-item", id), `${this.base}-${id}`);
  }
}

class TextWidget extends Widget {
  constructor(form, data, text) {
    super(form, data, text);
    this.input = form.querySelector(".quiz__text, .quiz__journal");
  }

  collect() {
    return { text: this.input.value };
  }

  restore(response) {
    this.input.value = (response && typeof response.text === "string" && response.text) || "";
  }

  drawResult(result) {
    const [answer] = result.feedback || [];
    markClass(this.input, result.verdict === "correct" ? "right" : "wrong");
    if (answer) {
      const holder = byData(this.form, "data-answer", answer);
      const feedback = showFeedback(holder, `${this.base}-${answer}`, this.text["mark.answer"]);
      if (feedback) this.input.setAttribute("aria-describedby", feedback.id);
    }
  }
}

class ScaleWidget extends Widget {
  statements() {
    return [...this.form.querySelectorAll(".quiz__statement")];
  }

  collect() {
    const ratings = {};
    for (const group of this.statements()) {
      const checked = group.querySelector("input:checked");
      if (checked) ratings[group.dataset.statement] = Number(checked.value);
    }
    return { ratings };
  }

  restore(response) {
    const ratings = (response && response.ratings) || {};
    for (const group of this.statements()) {
      for (const input of group.querySelectorAll("input")) input.checked = Number(input.value) === ratings[group.dataset.statement];
    }
  }

  clear() {
    super.clear();
    for (const band of this.form.querySelectorAll(".quiz__band")) band.hidden = true;
  }

  drawResult(result) {
    for (const id of result.feedback || []) {
      const band = byData(this.form, "data-band", id);
      if (band) band.hidden = false;
    }
  }
}

class ReflectionWidget extends TextWidget {
  drawResult() {}
}

const WIDGETS = {
  single: ChoiceWidget,
  multiple: ChoiceWidget,
  "true-false": ChoiceWidget,
  order: OrderWidget,
  match: MatchWidget,
  text: TextWidget,
  scale: ScaleWidget,
  reflection: ReflectionWidget,
};

export function widgetFor(form, data, text) {
  return new WIDGETS[data.type](form, data, text);
}
