// A reader's saved progress: one JSON document per site in localStorage, under a versioned key.
// It stores what the engine decided and never judges it. It never breaks a page, and never claims what
// did not happen:
// - a write counts only once the data is stored and read back; a write that fails keeps what was saved
//   before, and the page is told (save() returns false);
// - what was saved is shown even when nothing new can be written (storage full or read-only);
// - saved data that cannot be read is kept aside under its own key before the page starts afresh; when
//   there is no room for that copy, the original is left as it is and this visit never writes over it;
// - saved data too large or too deeply nested to be read safely is treated as unreadable, unparsed.
// Notices are codes with values ({code, ...}); the page words them in the reader's language.
// The schema and the key are defined once, in nav.js (loaded by every page, with the same version query).

const { SCHEMA, storageKey } = await import(`./nav.js${new URL(import.meta.url).search}`);
export { SCHEMA };

function emptyProgress(site) {
  return { schema: SCHEMA, site, questions: {}, journal: {}, pools: {} };
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function looksLikeProgress(doc) {
  return (
    isObject(doc) &&
    doc.schema === SCHEMA &&
    isObject(doc.questions) &&
    isObject(doc.journal || {}) &&
    isObject(doc.pools || {})
  );
}

// How deeply arrays and objects nest in JSON text, in one flat scan (strings skipped), without parsing.
export function jsonDepth(text) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1; // a backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, (depth += 1));
    else if (c === 93 || c === 125) depth -= 1;
  }
  return deepest;
}

// Why JSON text cannot be read safely ("too-large", "too-deep"), or null. The engine checks again.
export function unreadable(text, limits, maxChars) {
  if (text.length > maxChars) return "too-large";
  if (jsonDepth(text) > limits.depth) return "too-deep";
  return null;
}

function randomSeed() {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export class Store {
  constructor(site, limits) {
    this.site = site;
    this.limits = limits;
    this.key = storageKey(site);
    this.notices = []; // {code, ...values}, shown by the page
    this.readable = true; // localStorage can be read
    this.writable = true; // this visit may write (false: storage refuses, or an unread copy must be kept)
    this.listeners = new Set();
    this.doc = this.load();
    if (!this.doc.seed) {
      this.doc.seed = randomSeed();
      this.save();
    }
  }

  notice(code, values = {}) {
    if (!this.notices.some((n) => n.code === code && n.id === values.id)) this.notices.push({ code, ...values });
  }

  load() {
    let raw = null;
    try {
      raw = window.localStorage.getItem(this.key);
    } catch {
      this.readable = this.writable = false;
      this.notice("unavailable");
      return emptyProgress(this.site);
    }
    if (!this.probe()) {
      this.writable = false;
      this.notice("readonly");
    }
    if (raw === null) return emptyProgress(this.site);
    let doc = null;
    if (!unreadable(raw, this.limits, this.limits.request)) {
      try {
        doc = JSON.parse(raw);
      } catch {
        doc = null;
      }
    }
    if (!looksLikeProgress(doc)) {
      this.keepUnreadable(raw);
      return emptyProgress(this.site);
    }
    doc.journal = doc.journal || {};
    doc.pools = doc.pools || {};
    return doc;
  }

  // Whether a write can be made now (and read back).
  probe() {
    const probe = `${this.key}:probe`;
    try {
      window.localStorage.setItem(probe, "1");
      const ok = window.localStorage.getItem(probe) === "1";
      window.localStorage.removeItem(probe);
      return ok;
    } catch {
      return false;
    }
  }

  // Saved data that cannot be used: kept aside (then the page starts afresh), or, with no room for a copy,
  // left where it is, and this visit will not write over it.
  keepUnreadable(raw) {
    if (this.writable && this.setAside(raw)) {
      this.notice("corrupt");
      try {
        window.localStorage.removeItem(this.key);
      } catch {
        // the copy exists; the original is written over by the next save
      }
    } else {
      this.writable = false;
      this.notice("corrupt-unkept");
    }
  }

  // Keep a copy of ``raw`` under its own key; true only if the copy is there.
  setAside(raw) {
    const key = `${this.key}:set-aside:${Date.now()}`;
    try {
      window.localStorage.setItem(key, raw);
      return window.localStorage.getItem(key) === raw;
    } catch {
      return false;
    }
  }

  // Write the document; true only once it is stored and read back. A failed write leaves what was saved
  // before untouched; the page says so (export first), and the next answer tries again.
  save() {
    this.doc.saved = new Date().toISOString();
    let stored = false;
    if (this.writable) {
      const text = JSON.stringify(this.doc);
      try {
        window.localStorage.setItem(this.key, text);
        stored = window.localStorage.getItem(this.key) === text;
      } catch {
        stored = false;
      }
    }
    this.lastSaved = stored;
    for (const listener of this.listeners) listener(this.doc);
    return stored;
  }

  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // A question's saved state; with ``version`` (the question's hash), only a state saved for that version
  // of the question (the engine's rule: progress._fresh; the engine names the others, see checkSaved).
  question(id, version) {
    const state = this.doc.questions[id];
    if (!isObject(state)) return null;
    return version === undefined || (state.hash || "") === (version || "") ? state : null;
  }

  setQuestion(id, state) {
    this.doc.questions[id] = state;
    return this.save();
  }

  forget(ids) {
    for (const id of ids) delete this.doc.questions[id];
    return this.save();
  }

  setJournal(id, text) {
    this.doc.journal[id] = { text, updated: new Date().toISOString() };
    return this.save();
  }

  pool(id) {
    const pool = this.doc.pools[id];
    return isObject(pool) && Array.isArray(pool.drawn) ? pool : null;
  }

  setPool(id, pool) {
    this.doc.pools[id] = pool;
    return this.save();
  }

  // What the engine set aside, out of the saved progress: a copy of the whole document is kept aside
  // first; without room for it nothing is removed, and this visit writes nothing over it. Returns
  // whether the entries were removed.
  removeSetAside(entries) {
    if (!entries.length) return true;
    if (!this.writable || !this.setAside(JSON.stringify(this.doc))) {
      this.writable = false;
      this.notice("aside-failed");
      return false;
    }
    for (const { section, id } of entries) delete this.doc[section][id];
    return this.save();
  }

  // The whole document, checked by the engine, replaces what is saved (an import). If it cannot be
  // written, nothing changes, in storage or on the page. Returns whether it was stored.
  replace(doc) {
    const previous = this.doc;
    this.doc = { ...doc, seed: doc.seed || previous.seed, site: this.site };
    if (this.save()) return true;
    this.doc = previous;
    for (const listener of this.listeners) listener(this.doc);
    return false;
  }

  // The engine's latest summaries (a lesson's score and status), kept apart from the progress as a cache,
  // so that a page draws them at once, before Python is up; Python computes them again when it is.
  // A cache: never exported, and anything odd in it is ignored.
  summary(key) {
    if (!this.summaries) {
      try {
        this.summaries = JSON.parse(window.localStorage.getItem(`${this.key}:summaries`) || "{}");
      } catch {
        this.summaries = {};
      }
      if (!isObject(this.summaries)) this.summaries = {};
    }
    const summary = this.summaries[key];
    return isObject(summary) && typeof summary.status === "string" ? summary : null;
  }

  setSummary(key, summary) {
    this.summary(key);
    this.summaries[key] = summary;
    try {
      window.localStorage.setItem(`${this.key}:summaries`, JSON.stringify(this.summaries));
    } catch {
      // a cache: the next page asks Python
    }
    window.dispatchEvent(new Event("quiz:summaries")); // the navigation's progress marks (nav.js) redraw
  }

  reset() {
    const previous = this.doc;
    this.doc = { ...emptyProgress(this.site), seed: randomSeed() };
    if (this.save()) {
      this.summaries = {};
      try {
        window.localStorage.removeItem(`${this.key}:summaries`);
      } catch {
        // nothing to forget
      }
      window.dispatchEvent(new Event("quiz:summaries"));
      return true;
    }
    this.doc = previous;
    return false;
  }
}
