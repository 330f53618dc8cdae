// single, multiple and true-false: options to tick. The engine marks the options chosen, says which
// feedback to show and, once the question is finished, which options were right.

const query = new URL(import.meta.url).search;
const [{ Widget, byData, markClass, showFeedback }, { format }] = await Promise.all([
  import(`./base.js${query}`),
  import(`../words.js${query}`),
]);

export default class ChoiceWidget extends Widget {
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

  // Several answers may be right: how many of them the reader chose, and how many wrong ones.
  lines(result) {
    return this.data.type === "multiple" ? [format(this.text.counts, result.counts || {})] : [];
  }
}
