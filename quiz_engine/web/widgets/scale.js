// scale: statements to rate, for the reader alone. The engine adds the ratings up and says which band of
// the author's the total falls in; that band's message is shown, with the total.

const query = new URL(import.meta.url).search;
const [{ Widget, byData }, { format }] = await Promise.all([import(`./base.js${query}`), import(`../words.js${query}`)]);

export default class ScaleWidget extends Widget {
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

  lines(result) {
    return result.profile ? [format(this.text["scale.result"], result.profile)] : [];
  }
}
