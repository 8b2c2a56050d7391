// The jury's keys: → / ← next and previous, digits score (Enter saves), f full screen,
// s statement, Esc closes. Progressive enhancement: every action is also a link, a button or a radio button.
(function () {
  "use strict";
  var root = document.querySelector("[data-jury]");
  if (!root) { return; }
  document.documentElement.classList.add("js");

  function typing(target) {
    return target.isContentEditable || /^(TEXTAREA|SELECT)$/.test(target.tagName) ||
      (target.tagName === "INPUT" && !/^(radio|checkbox|button|submit)$/.test(target.type));
  }

  function currentStage() {
    var focused = document.activeElement && document.activeElement.closest(".stage");
    return focused || root.querySelector(".stage");
  }

  function toggleFullscreen(stage) {
    if (!stage) { return; }
    if (document.fullscreenElement) { document.exitFullscreen(); return; }
    if (stage.requestFullscreen) { stage.requestFullscreen(); }
  }

  root.querySelectorAll("[data-fullscreen]").forEach(function (button) {
    button.hidden = !document.fullscreenEnabled;
    button.addEventListener("click", function () { toggleFullscreen(button.closest(".stage")); });
  });
  // In full screen a click zooms to the image's own pixels; outside it, the link opens the file.
  root.querySelectorAll("[data-zoom]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var stage = link.closest(".stage");
      if (document.fullscreenElement === stage) {
        event.preventDefault();
        stage.classList.toggle("stage--zoomed");
      }
    });
  });

  function go(rel) {
    var link = root.querySelector('a[rel="' + rel + '"]');
    if (link) { window.location.href = link.href; }
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    // Arrows on a focused score move the browser's own radio selection: leave them be.
    if (/^Arrow/.test(event.key) && event.target.matches('input[type="radio"]')) { return; }
    var key = event.key;
    if (key === "Enter" && event.target.matches('input[type="radio"][data-score]')) {
      var save = root.querySelector('button[name="action"][value="save"]');
      if (save) { save.click(); }
    } else if (key === "ArrowRight") { go("next"); }
    else if (key === "ArrowLeft") { go("prev"); }
    else if (/^[0-9]$/.test(key)) {
      var radio = root.querySelector('input[type="radio"][data-score="' + key + '"]');
      if (!radio) { return; }
      radio.checked = true;
      radio.focus();
    } else if (key === "f") { toggleFullscreen(currentStage()); }
    else if (key === "s") {
      var statement = document.getElementById("statement");
      if (!statement) { return; }
      statement.open = true;
      statement.scrollIntoView({block: "start"});
      statement.querySelector("summary").focus();
    } else if (key === "Escape") {
      if (document.fullscreenElement) { return; }  // the browser leaves full screen itself
      var open = document.getElementById("statement");
      if (open && open.open) { open.open = false; }
      root.querySelectorAll(".stage--zoomed").forEach(function (s) {
        s.classList.remove("stage--zoomed");
      });
    } else { return; }
    event.preventDefault();
  });
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement) {
      root.querySelectorAll(".stage--zoomed").forEach(function (s) {
        s.classList.remove("stage--zoomed");
      });
    }
  });
}());
