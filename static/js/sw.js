/* The service worker: the route guide keeps working with no signal.
 *
 * Served from /sw.js (scope "/") by kunstrute/route/offline.py, which puts a CONFIG line in
 * front of this file. What it keeps, and how:
 *   pages    the public pages, every artist and event page and the map's script and data,
 *            fetched together ("synced") once per data version, and refreshed by each
 *            visit with signal: network first, the saved copy when the network fails
 *   static   styles, scripts, icons: the saved copy at once, refreshed in the background
 *   tiles    map tiles already seen: the saved copy first, at most CONFIG.tileLimit of them
 * A saved page served in place of the network is marked (data-page-source="offline") so
 * the page says that it is offline and how old its data is.
 */
/* global CONFIG */
"use strict";

var PAGES = "kr-pages";
var STATIC = "kr-static";
var TILES = "kr-tiles";
var META = "kr-meta";
var VERSION_KEY = "/__kunstrute/offline-version";
var SYNC_CONCURRENCY = 4;

/* Public pages only, by path: no organiser pages, no personal links (registrations, check-in). */
var PAGE_PATHS = [/^\/$/, /^\/map$/, /^\/artists$/, /^\/artists\/[^/]+$/, /^\/programme$/,
                  /^\/programme\/\d+$/, /^\/route$/, /^\/accessibility$/, /^\/privacy$/,
                  /^\/newsletter$/, /^\/offline$/];

function isPage(url) {
  return url.origin === self.location.origin &&
    PAGE_PATHS.some(function (pattern) { return pattern.test(url.pathname); });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC)
      .then(function (cache) { return cache.addAll(CONFIG.shell); })
      .then(function () { return caches.open(PAGES); })
      .then(function (cache) { return cache.add(CONFIG.offlinePage); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  var keep = [PAGES, STATIC, TILES, META];
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names.filter(function (n) { return keep.indexOf(n) < 0; })
          .map(function (n) { return caches.delete(n); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin === CONFIG.tileOrigin) {
    event.respondWith(tile(request));
  } else if (url.origin !== self.location.origin) {
    return;
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(staticFile(request));
  } else if (url.pathname === "/map/studios.js" || url.pathname === "/map/studios.json") {
    event.respondWith(savedFirst(request, PAGES));
  } else if (request.mode === "navigate" && isPage(url)) {
    event.respondWith(page(request));
  }
});

/* A page: the network within CONFIG.networkTimeout ms, else the saved copy, marked. */
function page(request) {
  var network = fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { return cache.put(request, copy); });
    }
    return response;
  });
  var timer;
  var slow = new Promise(function (resolve) {
    timer = setTimeout(resolve, CONFIG.networkTimeout);
  });
  return Promise.race([network.catch(function () { return null; }), slow])
    .then(function (response) {
      clearTimeout(timer);
      if (response && response.status < 500) return response;
      /* A server error: the saved copy if there is one, else the server's own page. */
      if (response) return savedPage(request, false).then(function (s) { return s || response; });
      /* No connection, or no answer in time: the saved copy or the offline page; with
       * neither, wait for the network after all. */
      return savedPage(request, true).then(function (saved) { return saved || network; });
    })
    .catch(function () {
      return savedPage(request, true).then(function (s) { return s || Response.error(); });
    });
}

/* The saved copy of a page, marked as offline; else (if asked) the offline page. */
function savedPage(request, orOfflinePage) {
  var options = { cacheName: PAGES, ignoreVary: true };
  return caches.match(request, options)
    .then(function (saved) {
      return saved || (orOfflinePage ? caches.match(CONFIG.offlinePage, options) : null);
    })
    .then(function (saved) { return saved ? markOffline(saved) : null; });
}

function markOffline(response) {
  return response.text().then(function (html) {
    var headers = new Headers(response.headers);
    headers.delete("Content-Length");
    return new Response(html.replace('data-page-source="network"', 'data-page-source="offline"'),
                        { status: 200, statusText: "OK", headers: headers });
  });
}

/* Styles and scripts: the saved copy now, a fresh one saved for next time. */
function staticFile(request) {
  return caches.open(STATIC).then(function (cache) {
    return cache.match(request, { ignoreVary: true }).then(function (saved) {
      var fresh = fetch(request).then(function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      });
      if (saved) {
        fresh.catch(function () { /* offline: the saved copy stands */ });
        return saved;
      }
      return fresh;
    });
  });
}

/* Content that never changes under its URL (the map's versioned script and data). */
function savedFirst(request, cacheName) {
  return caches.open(cacheName).then(function (cache) {
    return cache.match(request, { ignoreVary: true }).then(function (saved) {
      return saved || fetch(request).then(function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      });
    });
  });
}

function tile(request) {
  return caches.open(TILES).then(function (cache) {
    return cache.match(request).then(function (saved) {
      if (saved) return saved;
      return fetch(request).then(function (response) {
        /* Tiles load as <img> without CORS, so the response is opaque: keep those too. */
        if (response.ok || response.type === "opaque") {
          cache.put(request, response.clone()).then(function () { return trim(cache); });
        }
        return response;
      });
    });
  });
}

function trim(cache) {
  return cache.keys().then(function (keys) {
    var extra = keys.length - CONFIG.tileLimit;
    return Promise.all(keys.slice(0, Math.max(extra, 0)).map(function (k) { return cache.delete(k); }));
  });
}

/* Sync: the page asks after it has loaded; nothing happens when the data is unchanged. */
self.addEventListener("message", function (event) {
  if (!event.data || event.data.type !== "sync") return;
  var source = event.source;
  event.waitUntil(sync().then(function (result) {
    if (source) source.postMessage(result);
  }));
});

var running = null;

function sync() {
  if (running) return running;
  running = fetch(CONFIG.manifestUrl, { cache: "no-store", credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error("offline manifest: HTTP " + response.status);
      return response.json();
    })
    .then(function (manifest) {
      return savedVersion().then(function (saved) {
        if (saved && saved.version === manifest.version) return saved;
        return savePages(manifest);
      });
    })
    .then(function (state) { return { type: "synced", version: state.version, at: state.at }; },
          function (error) { return { type: "sync-failed", reason: String(error) }; })
    .then(function (result) { running = null; return result; });
  return running;
}

function savedVersion() {
  return caches.open(META)
    .then(function (cache) { return cache.match(VERSION_KEY); })
    .then(function (response) { return response ? response.json() : null; });
}

/* Fetch every page of the new data, then drop pages that are no longer in it. */
function savePages(manifest) {
  return caches.open(PAGES).then(function (cache) {
    var queue = manifest.pages.slice();
    function worker() {
      var url = queue.shift();
      if (!url) return Promise.resolve();
      return fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(url + ": HTTP " + response.status);
        return cache.put(url, response);
      }).then(worker);
    }
    var workers = [];
    for (var i = 0; i < SYNC_CONCURRENCY; i++) workers.push(worker());
    return Promise.all(workers)
      .then(function () { return cache.keys(); })
      .then(function (keys) {
        var wanted = {};
        manifest.pages.forEach(function (u) { wanted[new URL(u, self.location.origin).href] = true; });
        return Promise.all(keys.filter(function (k) { return !wanted[k.url]; })
          .map(function (k) { return cache.delete(k); }));
      })
      .then(function () { return caches.open(STATIC); })
      .then(function (staticCache) { return staticCache.addAll(manifest.shell); })
      .then(function () {
        var state = { version: manifest.version, at: new Date().toISOString() };
        return caches.open(META).then(function (meta) {
          return meta.put(VERSION_KEY, new Response(JSON.stringify(state),
                                                    { headers: { "Content-Type": "application/json" } }));
        }).then(function () { return state; });
      });
  });
}
