// The interface's words: every word a reader sees comes from the locale's texts (quiz_engine/locales/,
// handed to the page by the plugin). The engine speaks in codes; this turns its codes into words.

export function format(template, values = {}) {
  return String(template || "").replace(/\{(\w+)\}/g, (_, key) => (key in values ? String(values[key]) : ""));
}

export function number(value) {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

export function paragraph(className, content) {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = content;
  return p;
}

// What the engine refused, in the reader's words. Every refusal has one shape (quiz_engine.refusals.refused):
// {code, reason, params, message}; the words are chosen by code and the question's type, then by code and
// reason, then by code alone (error.<code>.<type>, error.<code>.<reason>, error.<code>, error.unknown), and
// filled in with the params. The engine's English message is for developers: the console, never the page.
export function refusal(text, error, type = "") {
  const { code = "unknown", reason = code, params = {}, message = "" } = error || {};
  if (message) console.info(`quiz: the engine refused (${code}, ${reason}): ${message}`);
  const keys = [`error.${code}.${type}`, `error.${code}.${reason}`, `error.${code}`, "error.unknown"];
  return format(text[keys.find((key) => text[key])], params);
}

// A notice about saved progress ({code, ...values}), in the reader's words.
export function notice(text, { code, ...values }) {
  return format(text[`storage.${code}`] || text["storage.unknown"], values);
}
