// order: items to put in order with Move up and Move down buttons. The engine marks each item in or out
// of place; once the question is finished, each item's feedback and the right order are shown.

const query = new URL(import.meta.url).search;
const [{ Widget, byData, markClass, showFeedback }, { format }] = await Promise.all([
  import(`./base.js${query}`),
  import(`../words.js${query}`),
]);

export default class OrderWidget extends Widget {
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
    this.announce.textContent = format(this.text.moved, {
      item: item.querySelector(".quiz__item-text").textContent,
      position: items.indexOf(item) + 1,
      count: items.length,
    });
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

  lines(result) {
    return [format(this.text["counts.order"], result.counts || {})];
  }
}
