// The page's handle on the engine worker: starts it once per visit, bounds the start-up in time,
// queues requests until Python is ready, and reports its state to whoever listens. If the runtime stops
// for good (a fatal error), it starts a new worker and says so; saved answers are in storage, untouched.
// It carries JSON; it never decides anything about an answer.

export class Engine {
  constructor({ workerURL, runtimeURL, lockURL, stdlibURL, snapshot, timeoutMs }) {
    this.options = { workerURL, runtimeURL, lockURL, stdlibURL, snapshot, timeoutMs };
    this.state = "idle"; // idle -> starting -> ready | failed (-> starting again on retry); crashed -> starting
    this.failure = null; // {code, detail} when failed or crashed
    this.worker = null;
    this.spare = null; // a worker made ahead of need (see warm), with its load error if it had one
    this.ready = null;
    this.pending = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    this.bootMs = null;
    this.bootMode = null; // "snapshot" or "normal", once ready
  }

  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setState(state, failure = null) {
    this.state = state;
    this.failure = failure;
    for (const listener of this.listeners) listener(state, failure);
  }

  stop(reason) {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    for (const { reject } of this.pending.values()) reject(new Error(reason));
    this.pending.clear();
  }

  // Make the worker before it is needed, on a page with questions: its thread and its script (a few KB of
  // ours, none of Python's runtime) are then ready when the reader comes near a question, which saves the
  // first answer about a tenth of a second. Nothing of Python is downloaded until start().
  warm() {
    if (this.spare || this.worker || this.state !== "idle") return;
    try {
      const spare = { worker: new Worker(this.options.workerURL, { type: "module" }), error: null };
      spare.worker.addEventListener("error", (event) => {
        event.preventDefault();
        spare.error = event.message || "the engine's worker could not be loaded";
      });
      this.spare = spare;
    } catch {
      // start() makes the worker again, and says what went wrong.
    }
  }

  // The warm worker if it loaded, otherwise a new one (whose failure start() reports).
  newWorker() {
    const spare = this.spare;
    this.spare = null;
    if (spare && !spare.error) return spare.worker;
    if (spare) spare.worker.terminate();
    return new Worker(this.options.workerURL, { type: "module" });
  }

  // Start the worker unless it is starting or ready; resolves when Python is ready.
  start() {
    if (this.state === "starting" || this.state === "ready") return this.ready;
    performance.mark("quiz:engine-start");
    this.setState("starting");
    const { runtimeURL, lockURL, stdlibURL, snapshot, timeoutMs } = this.options;
    this.ready = new Promise((resolve, reject) => {
      let worker;
      const fail = (code, detail) => {
        clearTimeout(timer);
        this.stop(detail);
        this.setState("failed", { code, detail, seconds: timeoutMs / 1000 });
        reject(new Error(detail));
      };
      const timer = setTimeout(() => fail("timeout", `Python did not start within ${timeoutMs / 1000} s`), timeoutMs);
      try {
        worker = this.newWorker();
      } catch (error) {
        fail("unknown", String(error && error.message ? error.message : error));
        return;
      }
      this.worker = worker;
      worker.addEventListener("error", (event) => {
        event.preventDefault();
        fail("missing", event.message || "the engine's worker could not be loaded");
      });
      worker.addEventListener("message", ({ data }) => {
        if (data.type === "ready") {
          clearTimeout(timer);
          this.bootMs = data.ms;
          this.bootMode = data.mode;
          performance.mark("quiz:engine-ready"); // User Timing marks, for profilers and the benchmarks
          this.setState("ready");
          window.dispatchEvent(new Event("quiz:engine-ready")); // the page has settled (see offline.py)
          resolve();
        } else if (data.type === "failed") {
          fail(data.code, data.detail);
        } else if (data.type === "answer") {
          const request = this.pending.get(data.id);
          this.pending.delete(data.id);
          if (request) request.resolve(data.answer);
        } else if (data.type === "crashed") {
          this.crashed(data.detail);
        }
      });
      worker.postMessage({ type: "boot", runtime: runtimeURL, lock: lockURL, stdlib: stdlibURL, snapshot });
    });
    this.ready.catch(() => {}); // failures reach the reader through onChange, not as unhandled rejections
    return this.ready;
  }

  // The runtime stopped for good: the requests in flight fail (their questions say so and offer a
  // retry), and a new worker starts at once.
  crashed(detail) {
    this.stop(detail);
    this.setState("crashed", { code: "crashed", detail });
    this.state = "idle";
    setTimeout(() => this.start()); // after the questions that were waiting have shown what happened
  }

  // Send one request to quiz_engine.browser.handle; waits for the engine to be ready.
  async request(request) {
    await this.start();
    if (!this.worker) throw new Error("the engine stopped"); // it stopped while this request waited
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ type: "request", id, request });
      } catch (error) {
        // Data the browser cannot even send (nested too deeply to copy): refused, as the engine would.
        this.pending.delete(id);
        resolve({ ok: false, error: { code: "bad-request", reason: "too-deep", params: {}, message: String(error.message) } });
      }
    });
  }
}
