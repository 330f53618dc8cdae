// text: a typed answer. The engine says whether it is right and which of the author's anticipated answers
// it matched, whose feedback is shown; once the question is finished, a right answer is shown.

const query = new URL(import.meta.url).search;
const { Widget, byData, markClass, showFeedback } = await import(`./base.js${query}`);

export default class TextWidget extends Widget {
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
