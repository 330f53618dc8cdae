// The engine's worker: boots Pyodide off the main thread, loads quiz_engine through the lock file
// (the browser checks the wheel's sha256), and passes JSON requests to quiz_engine.browser.handle.
//
// It starts from the build's memory snapshot when there is one (Python already started, the engine already
// imported: about a quarter of the time), and falls back to a normal start, silently, when the snapshot
// cannot be used (missing, refused by its integrity check, or from another runtime build).
//
// Messages in:  {type: "boot", runtime, lock, snapshot: {url, integrity} | null}  |  {type: "request", id, request}
// Messages out: {type: "ready", ms, mode}  |  {type: "failed", reason}  |  {type: "answer", id, answer}

let engine = null;
let booting = false;
let trying = false; // while a snapshot is tried, its failures only mean "start the normal way"

function quiet() {}

// Pyodide reports some failures of its start-up (a download cut part-way, a file that is not there) only
// as a promise nobody awaits: the start would then hang until the page's time limit. Fail at once instead.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (booting && !trying) {
    booting = false;
    postMessage({ type: "failed", reason: String((event.reason && event.reason.message) || event.reason) });
  }
});

// Pyodide hangs, without an error, when the server sends the .wasm file with another MIME type or when
// it cannot be downloaded. Ask the server first (in parallel with the boot) so that such a start fails
// at once and says why.
async function checkRuntime(runtime) {
  let response;
  try {
    response = await fetch(`${runtime}pyodide.asm.wasm`, { method: "HEAD", cache: "no-cache" });
  } catch {
    // Pyodide also hangs when the download fails outright (offline, blocked): say so at once.
    throw new Error("the Python runtime could not be downloaded (no connection, or the request was blocked)");
  }
  if (!response.ok) {
    throw new Error(`the Python runtime is missing (pyodide.asm.wasm: HTTP ${response.status})`);
  }
  const type = response.headers.get("content-type") || "none";
  if (!type.includes("application/wasm")) {
    throw new Error(`the server sends pyodide.asm.wasm as "${type}"; it must be "application/wasm"`);
  }
}

// The snapshot, inflated (it is stored gzip-compressed, so that every host sends it small).
async function fetchSnapshot({ url, integrity }) {
  const response = await fetch(url, { integrity });
  if (!response.ok) throw new Error(`the snapshot is missing (HTTP ${response.status})`);
  const inflated = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Response(inflated).arrayBuffer();
}

async function fromSnapshot(loadPyodide, runtime, lock, snapshot) {
  trying = true;
  try {
    const pyodide = await loadPyodide({
      indexURL: runtime,
      lockFileURL: lock,
      _loadSnapshot: fetchSnapshot(snapshot),
      stdout: quiet,
      stderr: quiet,
    });
    return pyodide.pyimport("quiz_engine.browser");
  } catch (error) {
    console.info(`quiz: starting Python without the snapshot (${(error && error.message) || error})`);
    return null;
  } finally {
    trying = false;
  }
}

async function loadEngine(runtime, lock, snapshot) {
  const { loadPyodide } = await import(`${runtime}pyodide.mjs`);
  if (snapshot) {
    const loaded = await fromSnapshot(loadPyodide, runtime, lock, snapshot);
    if (loaded) return { module: loaded, mode: "snapshot" };
  }
  // Listing the engine in `packages` lets Pyodide fetch and install it while the runtime starts. The
  // lock file gives the wheel's sha256, which the browser checks as subresource integrity.
  const pyodide = await loadPyodide({
    indexURL: runtime,
    lockFileURL: lock,
    packages: ["quiz_engine"],
    stdout: quiet,
    stderr: quiet,
  });
  return { module: pyodide.pyimport("quiz_engine.browser"), mode: "normal" };
}

async function boot({ runtime, lock, snapshot }) {
  const started = performance.now();
  booting = true;
  try {
    const [, loaded] = await Promise.all([checkRuntime(runtime), loadEngine(runtime, lock, snapshot)]);
    engine = loaded.module;
    if (booting) postMessage({ type: "ready", ms: performance.now() - started, mode: loaded.mode });
  } catch (error) {
    if (booting) postMessage({ type: "failed", reason: String((error && error.message) || error) });
  } finally {
    booting = false;
  }
}

function answer({ id, request }) {
  let reply;
  try {
    reply = JSON.parse(engine.handle(JSON.stringify(request)));
  } catch (error) {
    reply = { ok: false, error: { code: "internal", message: String((error && error.message) || error) } };
  }
  postMessage({ type: "answer", id, answer: reply });
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === "boot") boot(message);
  else if (message.type === "request") answer(message);
});
