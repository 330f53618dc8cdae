// A reader's saved progress: one JSON document per site in localStorage, under a versioned key.
// It stores what the engine decided and never judges it. It never breaks a page: storage that is
// disabled or full, and saved data that is corrupt or from another version, give a notice and a fresh
// start (a corrupt copy is kept aside, not deleted), and the page keeps working in memory.

export const SCHEMA = 1;

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

function randomSeed() {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export class Store {
  constructor(site) {
    this.site = site;
    this.key = `quiz-progress:v${SCHEMA}:${site}`;
    this.notices = []; // message keys or texts, shown by the page
    this.available = true;
    this.listeners = new Set();
    this.doc = this.load();
    if (!this.doc.seed) {
      this.doc.seed = randomSeed();
      this.save();
    }
  }

  load() {
    let raw = null;
    try {
      raw = window.localStorage.getItem(this.key);
      const probe = `${this.key}:probe`;
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
    } catch {
      this.available = false;
      this.notices.push("storage.unavailable");
      return emptyProgress(this.site);
    }
    if (raw === null) return emptyProgress(this.site);
    let doc;
    try {
      doc = JSON.parse(raw);
    } catch {
      doc = null;
    }
    if (!looksLikeProgress(doc)) {
      this.setAside(raw);
      this.notices.push("storage.corrupt");
      return emptyProgress(this.site);
    }
    doc.journal = doc.journal || {};
    doc.pools = doc.pools || {};
    return doc;
  }

  setAside(raw) {
    try {
      window.localStorage.setItem(`${this.key}:set-aside:${Date.now()}`, raw);
      window.localStorage.removeItem(this.key);
    } catch {
      // nowhere to keep it: the page still works
    }
  }

  save() {
    this.doc.saved = new Date().toISOString();
    if (this.available) {
      try {
        window.localStorage.setItem(this.key, JSON.stringify(this.doc));
      } catch {
        this.available = false;
        this.notices.push("storage.unavailable");
      }
    }
    for (const listener of this.listeners) listener(this.doc);
  }

  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  question(id) {
    const state = this.doc.questions[id];
    return isObject(state) ? state : null;
  }

  setQuestion(id, state) {
    this.doc.questions[id] = state;
    this.save();
  }

  forget(ids) {
    for (const id of ids) delete this.doc.questions[id];
    this.save();
  }

  setJournal(id, text) {
    this.doc.journal[id] = { text, updated: new Date().toISOString() };
    this.save();
  }

  pool(id) {
    const pool = this.doc.pools[id];
    return isObject(pool) && Array.isArray(pool.drawn) ? pool : null;
  }

  setPool(id, pool) {
    this.doc.pools[id] = pool;
    this.save();
  }

  // The whole document, checked by the engine, replaces what is saved (import, or a cleaned copy).
  replace(doc) {
    this.doc = { ...doc, seed: doc.seed || this.doc.seed, site: this.site };
    this.save();
  }

  reset() {
    this.doc = { ...emptyProgress(this.site), seed: randomSeed() };
    this.save();
  }
}
