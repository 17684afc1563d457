// Keeps the site on this machine after the first visit: every file of the
// site is cached, and answered from the cache, so it opens and works with
// the network off. Font files are fetched when a document first needs them
// and kept from then on. Nothing is ever sent anywhere: there is nothing to
// send to. web/build.sh names the cache after the build, so a new build
// replaces the old files.
const CACHE = "promocase-site-v1";
const FILES = [
  "./", "index.html", "editor.js", "workspace.js", "site.js", "worker.js",
  "promocase_web.js", "promocase_web_bg.wasm",
  "examples/it-manager-thin.yaml", "examples/marketing-director.yaml", "examples/operations-director.yaml",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  if (new URL(event.request.url).origin !== location.origin) return;
  event.respondWith(
    caches.match(event.request, { ignoreSearch: true }).then((cached) => cached || fetch(event.request).then((response) => {
      // A font fetched on demand is kept, so the documents that use it open offline.
      if (response.ok && event.request.method === "GET" && new URL(event.request.url).pathname.includes("/fonts/")) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(event.request, copy));
      }
      return response;
    })),
  );
});
