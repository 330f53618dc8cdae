// reflection: a journal prompt, for the reader alone. What they write is kept in their journal on this
// device (the progress page shows it); nothing is marked.

const query = new URL(import.meta.url).search;
const { default: TextWidget } = await import(`./text.js${query}`);

export default class ReflectionWidget extends TextWidget {
  drawResult() {}

  lines(result, saved) {
    return saved ? [this.text["journal.saved"]] : [];
  }

  journal(state) {
    return state.response && typeof state.response.text === "string" ? state.response.text : null;
  }
}
