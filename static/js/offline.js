/* Offline use: register the service worker, keep the saved pages current, and say when a
 * page is a saved copy and how old it is.
 *
 * The service worker marks a saved page it serves with data-page-source="offline" on <html>;
 * data-rendered says when the server made the page. After a page has loaded with signal,
 * the worker is asked to sync: it saves every artist and event page of the current data once.
 */
(function () {
  "use strict";

  var SYNC_DELAY_MS = 3000;  // after load: the visitor's own page comes first
  var root = document.documentElement;
  var notice = document.getElementById("offline-notice");

  function savedCopy() { return root.getAttribute("data-page-source") === "offline"; }

  /* "23. nov. 2026, 10:15 (for 2 timer siden)" in the page's language and Oslo time. */
  function age(iso) {
    var when = new Date(iso);
    if (isNaN(when.getTime())) return "";
    var lang = root.lang || "nb";
    var text = when.toLocaleString(lang, { dateStyle: "medium", timeStyle: "short",
                                           timeZone: "Europe/Oslo" });
    if (window.Intl && Intl.RelativeTimeFormat) {
      var minutes = Math.round((when.getTime() - Date.now()) / 60000);
      var units = [["day", 1440], ["hour", 60], ["minute", 1]];
      for (var i = 0; i < units.length; i++) {
        var size = units[i][1];
        if (Math.abs(minutes) >= size || size === 1) {
          var relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" })
            .format(Math.round(minutes / size), units[i][0]);
          return text + " (" + relative + ")";
        }
      }
    }
    return text;
  }

  function show(kind, offerReload) {
    if (!notice) return;
    var message = notice.getAttribute("data-" + kind) || "";
    notice.querySelector(".offline-notice__text").textContent =
      message.replace("{when}", age(root.getAttribute("data-rendered")));
    var button = notice.querySelector(".offline-notice__reload");
    button.textContent = notice.getAttribute("data-reload");
    button.hidden = !offerReload;
    notice.hidden = false;
  }

  function hide() { if (notice) notice.hidden = true; }

  function setup() {
    if (notice) {
      notice.querySelector(".offline-notice__reload")
        .addEventListener("click", function () { window.location.reload(); });
    }
    if (savedCopy()) show(navigator.onLine ? "slow" : "saved", navigator.onLine);
    else if (!navigator.onLine) show("gone", false);
    window.addEventListener("offline", function () { show(savedCopy() ? "saved" : "gone", false); });
    window.addEventListener("online", function () {
      if (savedCopy()) show("back", true); else hide();
    });
  }

  function markReady(version) {
    root.setAttribute("data-offline-ready", version);
    var ready = document.querySelector(".offline-ready");
    if (ready) ready.hidden = false;
  }

  function register() {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "synced") markReady(event.data.version);
    });
    navigator.serviceWorker.register("/sw.js").catch(function () { /* no offline use */ });
    var connection = navigator.connection || {};
    if (savedCopy() || !navigator.onLine || connection.saveData) return;
    window.setTimeout(function () {
      navigator.serviceWorker.ready.then(function (registration) {
        if (registration.active) registration.active.postMessage({ type: "sync" });
      });
    }, SYNC_DELAY_MS);
  }

  setup();
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
})();
