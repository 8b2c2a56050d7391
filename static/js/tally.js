/* The artist's one-tap visitor counter (templates/counting/report.html).
 *
 * Taps go into the current batch, kept in IndexedDB so a reload, a closed tab or a dead
 * phone loses nothing. When the page sends, the current batch is closed: it gets a random id
 * and joins the closed batches, which are POSTed one by one as {batch, day, taps}. The
 * server counts a batch id once, so a batch sent again (the answer was lost) is not counted
 * twice; a batch leaves IndexedDB only after the server's 2xx. Sending happens when the
 * signal returns (`online`), when the page is shown again, every 30 s while online, and on
 * "Send now". No Background Sync: Safari has none. No inline script: settings come from the
 * section's data- attributes.
 */
(function () {
  "use strict";

  var root = document.getElementById("tally");
  if (!root) { return; }
  var data = root.dataset;
  var venue = data.venue, day = data.day;
  var CURRENT = "current:" + venue;
  var state = { current: { id: CURRENT, venue: venue, day: day, taps: 0 }, closed: [],
                sent: parseInt(data.sent, 10) || 0, sending: false, locked: false };
  var el = function (name) { return root.querySelector("[data-tally-" + name + "]"); };

  /* Storage: IndexedDB, or memory when the browser refuses it (some private modes). */
  var store = (function () {
    var memory = {};
    var opening = new Promise(function (resolve) {
      if (!window.indexedDB) { resolve(null); return; }
      var request;
      try { request = indexedDB.open("kunstrute-tally", 1); } catch (e) { resolve(null); return; }
      request.onupgradeneeded = function () {
        request.result.createObjectStore("batches", { keyPath: "id" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { resolve(null); };
    });
    function run(mode, work) {
      return opening.then(function (db) {
        if (!db) { return work(null); }
        return new Promise(function (resolve, reject) {
          var tx = db.transaction("batches", mode);
          var result = work(tx.objectStore("batches"));
          tx.oncomplete = function () { resolve(result && result.value); };
          tx.onerror = tx.onabort = function () { reject(tx.error); };
        });
      });
    }
    return {
      all: function () {
        return run("readonly", function (os) {
          if (!os) {
            return { value: Object.keys(memory).map(function (k) { return memory[k]; }) };
          }
          var out = { value: [] };
          os.openCursor().onsuccess = function (event) {
            var cursor = event.target.result;
            if (cursor) { out.value.push(cursor.value); cursor.continue(); }
          };
          return out;
        });
      },
      put: function (records) {
        return run("readwrite", function (os) {
          records.forEach(function (r) { if (os) { os.put(r); } else { memory[r.id] = r; } });
        });
      },
      remove: function (id) {
        return run("readwrite", function (os) { if (os) { os.delete(id); } else { delete memory[id]; } });
      }
    };
  })();

  function randomId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    if (window.crypto && crypto.getRandomValues) { crypto.getRandomValues(bytes); }
    else { for (var i = 0; i < 16; i++) { bytes[i] = Math.floor(Math.random() * 256); } }
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function unsent() {
    return state.current.taps + state.closed.reduce(function (n, b) { return n + b.taps; }, 0);
  }

  function unsentToday() {
    var today = state.current.day === day ? state.current.taps : 0;
    return today + state.closed.reduce(function (n, b) { return n + (b.day === day ? b.taps : 0); }, 0);
  }

  function say(message) { el("status").textContent = message || ""; }

  function render() {
    el("total").textContent = String(state.sent + unsentToday());
    el("unsent").textContent = data.msgUnsent.replace("{n}", unsent());
    el("sent").textContent = data.msgSent.replace("{n}", state.sent);
    el("undo").disabled = state.current.taps === 0 || state.locked;
    el("tap").disabled = state.locked;
  }

  function tap(delta) {
    if (state.locked) { return; }
    if (state.current.day !== day && state.current.taps === 0) { state.current.day = day; }
    if (state.current.day !== day) { close(); }  // yesterday's taps go in their own batch
    state.current.taps = Math.max(0, state.current.taps + delta);
    render();
    store.put([state.current]);
  }

  /* Close the current batch: it gets its id and is never changed again. */
  function close() {
    if (state.current.taps === 0) { return Promise.resolve(); }
    var batch = { id: randomId(), venue: venue, day: state.current.day,
                  taps: state.current.taps, url: data.url };
    state.closed.push(batch);
    state.current = { id: CURRENT, venue: venue, day: day, taps: 0 };
    render();
    return store.put([batch, state.current]);
  }

  function post(batch) {
    return fetch(batch.url, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json", "X-CSRFToken": data.csrf },
      body: JSON.stringify({ batch: batch.id, day: batch.day, taps: batch.taps })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body };
      });
    });
  }

  function send() {
    if (state.sending || state.locked) { return Promise.resolve(); }
    if (navigator.onLine === false) { if (unsent()) { say(data.msgOffline); } return Promise.resolve(); }
    state.sending = true;
    return close().then(function () {
      var queue = state.closed.slice();
      if (queue.length) { say(data.msgSending); }
      var next = function () {
        var batch = queue.shift();
        if (!batch) { if (!unsent()) { say(data.msgDone); } return null; }
        return post(batch).then(function (answer) {
          if (answer.status >= 200 && answer.status < 300) {
            state.closed = state.closed.filter(function (b) { return b.id !== batch.id; });
            if (batch.day === day && typeof answer.body.sent_today === "number") {
              state.sent = answer.body.sent_today;
            }
            render();
            return store.remove(batch.id).then(next);
          }
          say(answer.body.error || data.msgFailed);
          if (answer.status === 409) { state.locked = true; render(); return null; }
          return next();  // kept on the phone; the others may still go
        });
      };
      return next();
    }).catch(function () { say(data.msgFailed); })
      .then(function () { state.sending = false; render(); });
  }

  /* Start: load this venue's batches from the phone, then send what is waiting. */
  store.all().then(function (records) {
    (records || []).forEach(function (r) {
      if (r.venue !== venue) { return; }
      if (r.id === CURRENT) { state.current = r; } else { state.closed.push(r); }
    });
  }).catch(function () {}).then(function () {
    root.hidden = false;
    render();
    el("tap").addEventListener("click", function () { tap(1); });
    el("undo").addEventListener("click", function () { tap(-1); });
    el("send").addEventListener("click", function () { send(); });
    window.addEventListener("online", function () { send(); });
    window.addEventListener("offline", function () { say(data.msgOffline); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { send(); }
    });
    setInterval(function () { if (navigator.onLine !== false) { send(); } }, 30000);
    send();
  });
})();
