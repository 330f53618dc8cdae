// The site's service worker: after one visit, the course and its Python runtime work offline.
//
// The build writes this file to the site's root with two constants before it: CACHE, a name that changes
// with every build whose output changes, and FILES, the site's files relative to this script. Installing
// copies every file into that cache; activating deletes the caches of earlier builds of the same site.
//
// - Files whose address changes when their content does (the Pyodide runtime, the engine wheel, scripts
//   with a ?v= version, Material's hashed bundles) come from the cache first.
// - Everything else (pages, the search index) comes from the network first, so a reader online always
//   gets the newest page; when the network fails, or is slower than a few seconds, the cached copy is used.
// - A HEAD request (the engine checks the runtime's MIME type with one) is answered from the cached file.

/* global CACHE, FILES */

const SCOPE = new URL("./", self.location).href;
const PREFIX = CACHE.slice(0, CACHE.lastIndexOf(":") + 1);
const SLOW_NETWORK_MS = 4000;
const IMMUTABLE = [/[?&]v=/, /\/assets\/pyodide\//, /\/assets\/quiz\/engine\//, /\.[0-9a-f]{8}\.min\.(js|css)$/];

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const urls = FILES.map((file) => new URL(file, SCOPE).href);
      // Pages and small files first, so that a visit cut short still leaves a readable site.
      const large = urls.filter((url) => /\/assets\/pyodide\//.test(url));
      await cache.addAll(urls.filter((url) => !large.includes(url)));
      await cache.addAll(large);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (!request.url.startsWith(SCOPE) || request.headers.has("range")) return;
  if (request.method === "HEAD") {
    event.respondWith(head(request));
  } else if (request.method === "GET") {
    const immutable = IMMUTABLE.some((pattern) => pattern.test(request.url));
    event.respondWith(immutable ? cacheFirst(request, event) : networkFirst(request, event));
  }
});

// A response that can answer any request: one that followed a redirect cannot answer a navigation.
function storable(response) {
  if (!response.redirected) return response;
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

// Keep a copy of a good response. The response goes to the page at once: storing it waits for the whole
// body, and the page would wait with it (the next page by instant navigation, or the runtime's download,
// which the browser compiles as it arrives). A copy that cannot be stored (storage full) is not kept.
function remember(request, response, event) {
  if (response.ok && response.type === "basic") {
    const copy = storable(response.clone());
    const stored = caches
      .open(CACHE)
      .then((cache) => cache.put(request, copy))
      .catch(() => {});
    event.waitUntil(stored); // the worker stays alive until the copy is stored
  }
  return response;
}

async function cached(request) {
  const cache = await caches.open(CACHE);
  const found = (await cache.match(request)) || (await cache.match(request, { ignoreSearch: true }));
  if (found) return found;
  const url = new URL(request.url);
  if (!url.pathname.endsWith("/") && !url.pathname.split("/").pop().includes(".")) {
    return cache.match(new URL(`${url.pathname}/`, url).href);
  }
  if (url.pathname.endsWith("/index.html")) return cache.match(url.href.replace(/index\.html$/, ""));
  return undefined;
}

async function cacheFirst(request, event) {
  const cache = await caches.open(CACHE);
  const found = await cache.match(request);
  return found || remember(request, await fetch(request), event);
}

async function networkFirst(request, event) {
  const network = fetch(request).then((response) => remember(request, response, event));
  // The worker stays alive for the network's answer (and its copy), even when the cache answers first.
  event.waitUntil(network.catch(() => {}));
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(resolve, SLOW_NETWORK_MS);
  });
  try {
    const response = await Promise.race([network, slow]);
    if (response) return response;
  } catch {
    // offline, or the server is gone: the cache answers below
  } finally {
    clearTimeout(timer);
  }
  const found = await cached(request);
  if (found) return found;
  if (request.mode === "navigate") {
    const missing = await caches.open(CACHE).then((cache) => cache.match(new URL("404.html", SCOPE).href));
    if (missing) return missing;
  }
  return network;
}

async function head(request) {
  const found = await cached(new Request(request.url));
  if (!found) return fetch(request);
  return new Response(null, { status: found.status, statusText: found.statusText, headers: found.headers });
}
