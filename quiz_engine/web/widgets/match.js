// match: a choice to pick for each item. The engine marks each item matched right or wrong; once the
// question is finished, each item's feedback and the right matches are shown.

const query = new URL(import.meta.url).search;
const [{ Widget, byData, markClass, showFeedback }, { format }] = await Promise.all([
  import(`./base.js${query}`),
  import(`../words.js${query}`),
]);

export default class MatchWidget extends Widget {
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

  lines(result) {
    return [format(this.text["counts.match"], result.counts || {})];
  }
}
