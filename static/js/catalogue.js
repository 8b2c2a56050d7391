// Follow a catalogue build on the organisers' page (templates/stats/catalogue.html): poll its
// progress and reload the page when it is done or failed, so the download or the reason
// shows. Without script the page shows the state it was rendered with; a reload updates it.
(function () {
  "use strict";
  var box = document.querySelector(".catalogue-progress[data-progress-url]");
  if (!box || !window.fetch) return;
  var bar = box.querySelector("progress");
  var text = box.querySelector("[role=status]");
  var url = box.getAttribute("data-progress-url");

  function update() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.status === "done" || data.status === "failed") {
          window.location.reload();
          return;
        }
        bar.max = data.total || 1;
        bar.value = data.done;
        if (text.textContent !== data.text) text.textContent = data.text;
        window.setTimeout(update, 3000);
      })
      .catch(function () { window.setTimeout(update, 10000); });
  }
  window.setTimeout(update, 2000);
})();
