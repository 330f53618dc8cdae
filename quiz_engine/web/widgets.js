// The widgets: each question type is drawn by the module its form names (`data-widget`, set by the
// engine's type: widgets/<data-widget>.js). The page loads the modules of the forms it has, once (`load`),
// then makes a widget for each question (`widgetFor`). A new question type adds its module under widgets/ and nothing here.

const query = new URL(import.meta.url).search;

const loaded = new Map(); // module name -> its widget class, once loaded

// Load the widget modules these forms name (with this module's version query, as quiz.js does).
export async function load(forms) {
  const names = [...new Set(forms.map((form) => form.dataset.widget).filter(Boolean))].filter((name) => !loaded.has(name));
  const modules = await Promise.all(names.map((name) => import(`./widgets/${name}.js${query}`)));
  names.forEach((name, index) => loaded.set(name, modules[index].default));
}

// The widget of one question; its type's module must be loaded.
export function widgetFor(form, data, text) {
  const Widget = loaded.get(form.dataset.widget);
  if (!Widget) throw new Error(`quiz: no widget for the question type ${JSON.stringify(data.type)}`);
  return new Widget(form, data, text);
}
