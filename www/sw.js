// The demo's service worker: after the first visit every page, the package and the samples
// come from the cache, so the site (and every badge on it) works offline. Same-origin GETs
// only; the cache is refreshed in the background whenever the network answers.

const CACHE = 'verified-badge-demo-v4';
const CORE = [
  './', 'index.html', 'verify.html', 'embed.html', 'many.html',
  'site.css', 'common.js', 'site.js', 'verify.js', 'embed.js', 'many.js', 'share.js',
  'pkg/verified-badge.js', 'pkg/verified_badge.js', 'pkg/verified_badge_bg.wasm',
  // The Embed page's QR encoder, loaded on first use: offline, its share link keeps its QR code.
  'qr/site_qr.js', 'qr/site_qr_bg.wasm',
  'samples/index.json',
];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(CORE);
    // The samples named in the index.
    const index = await (await fetch('samples/index.json')).json();
    const files = index.map((s) => `samples/${s.file}`);
    files.push('samples/trusted-issuers.json', 'samples/status-list-revocation.json', 'samples/status-list-suspension.json');
    await cache.addAll(files);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    const fresh = fetch(request)
      .then((response) => {
        if (response.ok) cache.put(request, response.clone());
        return response;
      })
      .catch(() => undefined);
    if (cached) {
      event.waitUntil(fresh);
      return cached;
    }
    return (await fresh) ?? new Response('Offline, and not saved yet.', { status: 503, headers: { 'content-type': 'text/plain' } });
  })());
});
