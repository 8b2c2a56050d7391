// Keep an "n of m" box up to date while a background job works, for every page with one:
// a newsletter being sent, a catalogue being built (progressive enhancement: without script
// the page shows the state it was rendered with, and a reload updates it).
//
// The box: data-progress-url (JSON {status, done or sent, total, text}), data-status, and
// data-running (the statuses that mean "still working", default "sending"). With
// data-reload-when-done the page reloads once the job stops, so what it made (a download,
// or the reason it failed) shows.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box || !window.fetch) return;
  var running = (box.getAttribute("data-running") || "sending").split(" ");
  if (running.indexOf(box.getAttribute("data-status")) < 0) return;
  var bar = box.querySelector("progress");
  var text = box.querySelector("[role=status]");
  var url = box.getAttribute("data-progress-url");

  function update() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        var working = running.indexOf(data.status) >= 0;
        if (!working && box.hasAttribute("data-reload-when-done")) {
          window.location.reload();
          return;
        }
        bar.max = data.total || 1;
        bar.value = data.done !== undefined ? data.done : data.sent;
        if (text.textContent !== data.text) text.textContent = data.text;
        box.setAttribute("data-status", data.status);
        if (working) window.setTimeout(update, 3000);
      })
      .catch(function () { window.setTimeout(update, 10000); });
  }
  window.setTimeout(update, 2000);
})();
