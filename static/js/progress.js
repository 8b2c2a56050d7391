// Keep a "sending: n of m" box up to date while a background job works (progressive
// enhancement: without script the page shows the state it was rendered with).
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box || box.getAttribute("data-status") !== "sending" || !window.fetch) return;
  var bar = box.querySelector("progress");
  var text = box.querySelector("[role=status]");
  var url = box.getAttribute("data-progress-url");

  function update() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        bar.max = data.total || 1;
        bar.value = data.sent;
        if (text.textContent !== data.text) text.textContent = data.text;
        box.setAttribute("data-status", data.status);
        if (data.status === "sending") window.setTimeout(update, 3000);
      })
      .catch(function () { window.setTimeout(update, 10000); });
  }
  window.setTimeout(update, 2000);
})();
