/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The lesson's service worker: after the first visit, the lesson works with the network off.
 *
 * - Install: caches the app shell — every built file (JS, CSS, fonts, workers), the static files
 *   and the prerendered page — under a cache named after this build's `version`.
 * - Activate: deletes the caches of older builds and takes charge of the open page. A new build's worker installs on the next visit
 *   and, as browsers do by default, takes over once no tab runs the old one: an open lesson never
 *   has its lazily loaded example chunks deleted from under it.
 * - Fetch: our own GET requests only. Built and static files come from the cache first (their
 *   names change with their content, or they come with the build); the page itself goes to the
 *   network first so a returning reader sees the newest lesson, with the cache as the offline
 *   fallback. Large data (the 7.8 MB MNIST binary) is not part of the install, so the first visit
 *   stays light: it is cached the first time an example loads it.
 *
 * SvelteKit registers this file automatically (kit.serviceWorker) from its hashed inline script.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

/** This build's cache; the name changes with every build, which is what makes updates clean. */
const CACHE = `dropout-lab-${version}`;

/** Static files fetched on first use rather than at install: too big to fetch before they are needed. */
const ON_DEMAND = /\/data\/[^/]+\.bin$/;

/** What install caches: the built app, the small static files and the prerendered page(s). */
const SHELL = [...build, ...files.filter((f) => !ON_DEMAND.test(f)), ...prerendered];

/** Every URL that belongs to this build, for cache-first answers. */
const KNOWN = new Set([...build, ...files, ...prerendered]);

sw.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k !== CACHE && k.startsWith('dropout-lab-')).map((k) => caches.delete(k)))
      )
      // Take charge of the open page on a first visit, so data its examples load (MNIST) is cached
      // on that first use. Safe for updates too: a new build only activates once old tabs are gone.
      .then(() => sw.clients.claim())
  );
});

/** A cached answer, or the network's (stored for next time when `store` and it is a full 200). */
async function cacheFirst(request: Request, store: boolean): Promise<Response> {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (store && response.status === 200) await cache.put(request, response.clone());
  return response;
}

/** The network's answer (refreshing the cache), or the cached one when offline. */
async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.status === 200) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    // Offline: the page as last seen; a deep link with a query string (?lr=…) still gets the page.
    const hit = (await cache.match(request)) ?? (await cache.match(request, { ignoreSearch: true }));
    if (hit) return hit;
    throw error;
  }
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Other origins are not ours to cache (and the lesson never asks for them: see the CSP).
  if (url.origin !== sw.location.origin) return;
  // Range requests (media seeking) would need partial answers; leave them to the network.
  if (request.headers.has('range')) return;
  if (request.mode === 'navigate' || !KNOWN.has(url.pathname)) {
    // Pages, and anything not part of the build: only a successful navigation is worth keeping.
    if (request.mode === 'navigate') event.respondWith(networkFirst(request));
    return;
  }
  event.respondWith(cacheFirst(request, ON_DEMAND.test(url.pathname)));
});
