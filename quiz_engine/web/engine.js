// The page's handle on the engine worker: starts it once per visit, bounds the start-up in time,
// queues requests until Python is ready, and reports its state to whoever listens.
// It carries JSON; it never decides anything about an answer.

export class Engine {
  constructor({ workerURL, runtimeURL, lockURL, snapshot, timeoutMs }) {
    this.options = { workerURL, runtimeURL, lockURL, snapshot, timeoutMs };
    this.state = "idle"; // idle -> starting -> ready | failed (-> starting again on retry)
    this.reason = "";
    this.worker = null;
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

  setState(state, reason = "") {
    this.state = state;
    this.reason = reason;
    for (const listener of this.listeners) listener(state, reason);
  }

  // Start the worker unless it is starting or ready; resolves when Python is ready.
  start() {
    if (this.state === "starting" || this.state === "ready") return this.ready;
    performance.mark("quiz:engine-start");
    this.setState("starting");
    const { workerURL, runtimeURL, lockURL, snapshot, timeoutMs } = this.options;
    this.ready = new Promise((resolve, reject) => {
      let worker;
      const fail = (reason) => {
        clearTimeout(timer);
        if (worker) worker.terminate();
        this.worker = null;
        for (const { reject: rejectRequest } of this.pending.values()) rejectRequest(new Error(reason));
        this.pending.clear();
        this.setState("failed", reason);
        reject(new Error(reason));
      };
      const timer = setTimeout(() => fail(`Python did not start within ${timeoutMs / 1000} s`), timeoutMs);
      try {
        worker = new Worker(workerURL, { type: "module" });
      } catch (error) {
        fail(String(error && error.message ? error.message : error));
        return;
      }
      this.worker = worker;
      worker.addEventListener("error", (event) => {
        event.preventDefault();
        fail(event.message || "the engine's worker could not be loaded");
      });
      worker.addEventListener("message", ({ data }) => {
        if (data.type === "ready") {
          clearTimeout(timer);
          this.bootMs = data.ms;
          this.bootMode = data.mode;
          performance.mark("quiz:engine-ready"); // User Timing marks, for profilers and the benchmarks
          this.setState("ready");
          resolve();
        } else if (data.type === "failed") {
          fail(data.reason);
        } else if (data.type === "answer") {
          const request = this.pending.get(data.id);
          this.pending.delete(data.id);
          if (request) request.resolve(data.answer);
        }
      });
      worker.postMessage({ type: "boot", runtime: runtimeURL, lock: lockURL, snapshot });
    });
    this.ready.catch(() => {}); // failures reach the reader through onChange, not as unhandled rejections
    return this.ready;
  }

  // Send one request to quiz_engine.browser.handle; waits for the engine to be ready.
  async request(request) {
    await this.start();
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: "request", id, request });
    });
  }
}
