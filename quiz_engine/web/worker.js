// The engine's worker: boots Pyodide off the main thread, loads quiz_engine through the lock file
// (the browser checks the wheel's sha256), and passes JSON requests to quiz_engine.browser.handle.
//
// It starts from the build's memory snapshot when there is one (Python already started, the engine already
// imported: about a quarter of the time), and falls back to a normal start, silently, when the snapshot
// cannot be used (missing, refused by its integrity check, or from another runtime build).
//
// It loads the build's trimmed standard library when there is one (the part the engine uses); its
// sitecustomize calls quizWholeLibrary() below if a module outside it is ever imported.
//
// A start that fails says why, as a code the page words for the reader (missing, integrity, download,
// mime, unknown) and a technical detail, as soon as the browser knows.
//
// Messages in:  {type: "boot", runtime, lock, stdlib: url | null, snapshot: {url, integrity} | null}  |  {type: "request", id, request}
// Messages out: {type: "ready", ms, mode}  |  {type: "failed", code, detail}  |  {type: "answer", id, answer}
//               |  {type: "crashed", id, detail} (the runtime cannot go on; the page starts a new worker)

const RUNTIME_FILES = ["pyodide.asm.wasm", "pyodide.asm.mjs"];
const WHOLE_LIBRARY = "python_stdlib.zip";

let engine = null;
let booting = false;
let trying = false; // while a snapshot is tried, its failures only mean "start the normal way"

function quiet() {}

class StartError extends Error {
  constructor(code, detail) {
    super(detail);
    this.code = code;
  }
}

// What a failure of Pyodide's start means for the reader.
function classify(error) {
  if (error instanceof StartError) return error;
  const detail = String((error && error.message) || error);
  if (/integrity|digest/i.test(detail)) return new StartError("integrity", detail);
  if (/fetch|network|download|ERR_|Content-Length|aborted|load failed/i.test(detail)) return new StartError("download", detail);
  return new StartError("unknown", detail);
}

function fail(error) {
  if (!booting) return;
  booting = false;
  const { code, message } = classify(error);
  postMessage({ type: "failed", code, detail: message });
}

// Pyodide reports some failures of its start-up (a download cut part-way, a file that is not there) only
// as a promise nobody awaits: the start would then hang until the page's time limit. Fail at once instead.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (!trying) fail(event.reason);
});

// Some failures Pyodide only logs, and then waits for ever (a download cut part-way, for one): a start
// ends as soon as one is logged.
const TROUBLE = /wasm instantiation failed|failed to asynchronously prepare wasm|Aborted\(|compilation aborted/i;
let trouble = null;
let logged = [];
for (const level of ["warn", "error"]) {
  const log = console[level].bind(console);
  console[level] = (...args) => {
    log(...args);
    logged.push(args.map(String).join(" "));
    if (trouble && TROUBLE.test(logged.at(-1))) trouble();
  };
}

function started(loading) {
  logged = [];
  const troubled = new Promise((_, reject) => {
    // What follows the first line says what went wrong: read it too.
    trouble = () => setTimeout(() => reject(classify(new Error(logged.join(" ")))), 50);
  });
  return Promise.race([loading, troubled]).finally(() => {
    trouble = null;
  });
}

// Pyodide hangs, without an error, when the server sends the .wasm file with another MIME type or when
// a file cannot be downloaded. Ask the server first (in parallel with the boot) so that such a start fails
// at once and says why.
async function checkRuntime(runtime, stdlib) {
  const urls = [...RUNTIME_FILES.map((name) => `${runtime}${name}`), stdlib || `${runtime}${WHOLE_LIBRARY}`];
  await Promise.all(
    urls.map(async (url) => {
      const name = url.slice(url.lastIndexOf("/") + 1);
      let response;
      try {
        response = await fetch(url, { method: "HEAD", cache: "no-cache" });
      } catch {
        throw new StartError("download", `${name} could not be downloaded (no connection, or the request was blocked)`);
      }
      if (!response.ok) throw new StartError("missing", `the Python runtime is missing ${name} (HTTP ${response.status})`);
      const type = response.headers.get("content-type") || "none";
      if (name.endsWith(".wasm") && !type.includes("application/wasm")) {
        throw new StartError("mime", `the server sends ${name} as "${type}"; it must be "application/wasm"`);
      }
    }),
  );
}

// The snapshot, inflated (it is stored gzip-compressed, so that every host sends it small). Python's
// WebAssembly is compiled only once the snapshot is ready (Pyodide needs its size first), so the snapshot
// is inflated as it arrives, and its integrity (the build's hash) is checked on the compressed bytes once
// they are all in, before Python may use it. Where the page cannot compute a hash (an insecure context),
// the browser checks it, and the snapshot is inflated once it has all arrived.
async function fetchSnapshot({ url, integrity }) {
  // Its layout: it comes without its runs of empty memory, which unpack() puts back.
  const layout = import(`./snapshot-pages.mjs${new URL(import.meta.url).search}`);
  layout.catch(() => {}); // if it cannot be loaded, the snapshot is not used (below): Python starts normally
  const prefix = String(integrity).slice(0, String(integrity).indexOf("-")); // "sha256-<base64 hash>"
  const algorithm = { sha256: "SHA-256", sha384: "SHA-384", sha512: "SHA-512" }[prefix];
  const ours = Boolean(crypto.subtle && algorithm); // whether this worker checks the hash, or the browser does
  const response = await fetch(url, ours ? {} : { integrity });
  if (!response.ok) throw new Error(`the snapshot is missing (HTTP ${response.status})`);
  const [compressed, toInflate] = ours ? response.body.tee() : [null, response.body];
  const [bytes, inflated] = await Promise.all([
    compressed && new Response(compressed).arrayBuffer(),
    new Response(toInflate.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer(),
  ]);
  if (ours) {
    const digest = new Uint8Array(await crypto.subtle.digest(algorithm, bytes));
    if (`${prefix}-${btoa(String.fromCharCode(...digest))}` !== integrity) {
      throw new Error("the snapshot failed its integrity check");
    }
  }
  return (await layout).unpack(inflated);
}

// The whole standard library, for the trimmed one's sitecustomize, which calls this (synchronously: an
// import cannot wait) the first time a module outside the trimmed part is imported.
function wholeLibrary(runtime) {
  return () => {
    const request = new XMLHttpRequest();
    request.open("GET", `${runtime}${WHOLE_LIBRARY}`, false);
    request.responseType = "arraybuffer";
    request.send();
    if (request.status !== 200) throw new Error(`${WHOLE_LIBRARY} could not be downloaded (HTTP ${request.status})`);
    return new Uint8Array(request.response);
  };
}

async function fromSnapshot(loadPyodide, options, snapshot) {
  trying = true;
  try {
    const pyodide = await started(loadPyodide({ ...options, _loadSnapshot: snapshot }));
    return pyodide.pyimport("quiz_engine.browser");
  } catch (error) {
    console.info(`quiz: starting Python without the snapshot (${(error && error.message) || error})`);
    return null;
  } finally {
    trying = false;
  }
}

async function loadEngine(runtime, lock, stdlib, snapshot) {
  // The snapshot is asked for first: Python's start waits for it. A failure shows when Pyodide awaits it
  // (then Python starts the normal way), not as an unhandled rejection before.
  const snapshotBytes = snapshot && fetchSnapshot(snapshot);
  if (snapshotBytes) snapshotBytes.catch(() => {});
  const { loadPyodide } = await import(`${runtime}pyodide.mjs`);
  self.quizWholeLibrary = wholeLibrary(runtime);
  const options = { indexURL: runtime, lockFileURL: lock, stdLibURL: stdlib || undefined, stdout: quiet, stderr: quiet };
  if (snapshotBytes) {
    const loaded = await fromSnapshot(loadPyodide, options, snapshotBytes);
    if (loaded) return { module: loaded, mode: "snapshot" };
  }
  const pyodide = await started(loadPyodide(options));
  // The lock file gives the wheel's sha256, which the browser checks as subresource integrity.
  const problems = [];
  await pyodide.loadPackage("quiz_engine", { messageCallback: quiet, errorCallback: (m) => problems.push(m) });
  try {
    return { module: pyodide.pyimport("quiz_engine.browser"), mode: "normal" };
  } catch (error) {
    if (!problems.length) throw error;
    const said = `the engine's wheel: ${problems.join(" ")}`;
    // The browser refuses a file that fails its integrity check as it refuses a failed download: look.
    throw (await failedIntegrity(lock)) ? new StartError("integrity", said) : classify(new Error(said));
  }
}

// Whether the engine's wheel arrives, but not with the sha256 its lock file gives.
async function failedIntegrity(lock) {
  try {
    const { packages } = await (await fetch(lock, { cache: "no-store" })).json();
    const { file_name: name, sha256 } = packages["quiz-engine"];
    const response = await fetch(new URL(name, lock), { cache: "no-store" });
    if (!response.ok) return false;
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.arrayBuffer()));
    return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("") !== sha256;
  } catch {
    return false;
  }
}

async function boot({ runtime, lock, stdlib, snapshot }) {
  const started = performance.now();
  booting = true;
  try {
    const [, loaded] = await Promise.all([checkRuntime(runtime, stdlib), loadEngine(runtime, lock, stdlib, snapshot)]);
    engine = loaded.module;
    if (booting) postMessage({ type: "ready", ms: performance.now() - started, mode: loaded.mode });
  } catch (error) {
    fail(error);
  } finally {
    booting = false;
  }
}

function answer({ id, request }) {
  let reply;
  try {
    reply = JSON.parse(engine.handle(JSON.stringify(request)));
  } catch (error) {
    // The engine's handle never raises: an error here is the runtime itself failing (Pyodide's "fatal
    // error"), after which it cannot answer again. The page starts a new worker.
    let alive = false;
    try {
      alive = JSON.parse(engine.handle('{"op": "version"}')).ok === true;
    } catch {
      alive = false;
    }
    const detail = String((error && error.message) || error);
    if (!alive) return postMessage({ type: "crashed", id, detail });
    reply = { ok: false, error: { code: "internal", reason: "internal", params: {}, message: detail } }; // as the engine refuses
  }
  postMessage({ type: "answer", id, answer: reply });
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === "boot") boot(message);
  else if (message.type === "request") answer(message);
});
