/**
 * Service worker of the Waybill driver app (scope /driver): keeps the app shell so the installed
 * app opens with no network. The page, its scripts and styles are cached at install; hashed
 * build assets are served from the cache first (their names change with their content), the
 * page from the network first so a new build reaches the phone as soon as it is online. API
 * calls are never cached here: the app keeps its own route copy and outbox.
 */
const CACHE = "waybill-driver-shell-v1";
const SHELL_URL = "/driver";

self.addEventListener("install", (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (event.request.mode === "navigate") event.respondWith(networkFirst(event.request));
  else if (url.pathname.startsWith("/assets/")) event.respondWith(cacheFirst(event.request));
});

/** Caches the page and every asset it references (scripts, styles, preloads). */
async function cacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL_URL, { cache: "no-cache" });
  if (!response.ok) throw new Error(`the driver app shell answered ${response.status}`);
  const html = await response.clone().text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  await cache.addAll(assets);
  await cache.put(SHELL_URL, response);
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(CACHE)).put(SHELL_URL, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(SHELL_URL);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
  return response;
}
