// The widgets registry: which module draws each question type (widgets/<module>.js). The page asks for
// the modules of the types it has, once (`load`), then makes a widget for each question (`widgetFor`).
// A new question type adds its module under widgets/ and one line here.

const query = new URL(import.meta.url).search;

const MODULES = {
  single: "choice",
  multiple: "choice",
  "true-false": "choice",
  order: "order",
  match: "match",
  text: "text",
  scale: "scale",
  reflection: "reflection",
};

const loaded = new Map(); // module name -> its widget class, once loaded

// Load the widget modules of these question types (with this module's version query, as quiz.js does).
export async function load(types) {
  const names = [...new Set(types.map((type) => MODULES[type]).filter(Boolean))].filter((name) => !loaded.has(name));
  const modules = await Promise.all(names.map((name) => import(`./widgets/${name}.js${query}`)));
  names.forEach((name, index) => loaded.set(name, modules[index].default));
}

// The widget of one question; its type's module must be loaded.
export function widgetFor(form, data, text) {
  const Widget = loaded.get(MODULES[data.type]);
  if (!Widget) throw new Error(`quiz: no widget for the question type ${JSON.stringify(data.type)}`);
  return new Widget(form, data, text);
}
