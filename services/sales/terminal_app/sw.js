// The terminal app's service worker: the shell cache-first (so the app opens offline), the
// catalogue and the terminal's profile network-first (the last answer kept for offline).
// POSTs and every other call go straight to the network and are never cached.

const SHELL_CACHE = "otop-terminal-shell-v2";
const DATA_CACHE = "otop-terminal-data-v1";
const SHELL = [
  "./",
  "index.html",
  "app.js",
  "terminal.css",
  "manifest.webmanifest",
  "icons/icon-192.png",
  "icons/icon-512.png",
  "vendor/qrcode.mjs",
  "fonts/Sarabun-Regular.ttf",
  "fonts/Sarabun-Bold.ttf",
  "js/api.js",
  "js/cart.js",
  "js/catalogue.js",
  "js/history.js",
  "js/money.js",
  "js/pay.js",
  "js/receipt.js",
  "js/refused.js",
  "js/sell.js",
  "js/shift.js",
  "js/store.js",
  "js/sync.js",
  "js/terminal.js",
  "js/ui.js",
];
const NETWORK_FIRST = ["/v1/terminal/catalogue", "/v1/terminal"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL.map((path) => new Request(path, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => ![SHELL_CACHE, DATA_CACHE].includes(k)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Cache first; the copy is refreshed in the background, so a new release opens next time.
async function shellFirst(event) {
  const request = event.request;
  const cache = await caches.open(SHELL_CACHE);
  const key = request.mode === "navigate" ? "index.html" : request;
  const cached = await cache.match(key, { ignoreSearch: true });
  const fresh = fetch(request.mode === "navigate" ? "index.html" : request)
    .then((response) => (response.ok ? cache.put(key, response.clone()).then(() => response) : response));
  if (cached) {
    event.waitUntil(fresh.catch(() => null));
    return cached;
  }
  return fresh;
}

async function networkFirst(request) {
  const cache = await caches.open(DATA_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (NETWORK_FIRST.includes(url.pathname)) {
    event.respondWith(networkFirst(request));
    return;
  }
  const scope = new URL(self.registration.scope).pathname;
  if (url.pathname.startsWith(scope) && !url.pathname.endsWith("/sw.js")) {
    event.respondWith(shellFirst(event));
  }
});
