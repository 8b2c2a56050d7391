/* Favourites without an account: catalogue numbers kept in this browser's localStorage,
 * one list per edition. "Save" buttons toggle them; /route shows them in driving order.
 */
(function () {
  "use strict";

  function storeKey(year) { return "kunstrute.favourites." + year; }

  function load(year) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storeKey(year)) || "[]");
      return Array.isArray(saved) ? saved.filter(function (n) { return /^\d+$/.test(String(n)); })
                                         .map(String) : [];
    } catch (error) {
      return [];  // private mode or a damaged value: start afresh
    }
  }

  function save(year, numbers) {
    try { window.localStorage.setItem(storeKey(year), JSON.stringify(numbers)); } catch (e) { /* full */ }
  }

  function showCount(numbers) {
    var box = document.querySelector(".route-link");
    if (!box) return;
    box.querySelector(".route-link__count").textContent = numbers.length;
    box.hidden = numbers.length === 0;
  }

  function maxStops(element) {
    var max = parseInt(element.dataset.max, 10);
    return max > 0 ? max : Infinity;
  }

  function say(button, text) {
    var note = button.nextElementSibling;
    if (!note || !note.classList.contains("fav-toggle__note")) {
      if (!text) return;
      note = document.createElement("span");
      note.className = "fav-toggle__note";
      note.setAttribute("role", "status");
      button.parentNode.insertBefore(note, button.nextSibling);
    }
    note.textContent = text;
  }

  function setupToggles() {
    var buttons = document.querySelectorAll(".fav-toggle");
    if (!buttons.length) return;
    var year = buttons[0].dataset.year;
    var numbers = load(year);
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.setAttribute("aria-pressed", String(numbers.indexOf(button.dataset.no) >= 0));
      button.addEventListener("click", function () {
        numbers = load(year);
        var at = numbers.indexOf(button.dataset.no);
        if (at < 0 && numbers.length >= maxStops(button)) {
          say(button, button.dataset.labelFull);  // a route takes so many, no more
          return;
        }
        if (at >= 0) numbers.splice(at, 1); else numbers.push(button.dataset.no);
        save(year, numbers);
        button.setAttribute("aria-pressed", String(at < 0));
        say(button, "");
        showCount(numbers);
      });
    });
    showCount(numbers);
  }

  function setupRoutePage() {
    var page = document.getElementById("route-page");
    if (!page) return;
    var year = page.dataset.year;
    var stale = (page.dataset.stale || "").split(",").filter(Boolean);
    var numbers = load(year).filter(function (n) { return stale.indexOf(n) < 0; })
                            .slice(0, maxStops(page));  // a route takes so many, no more
    save(year, numbers);  // forget studios that are no longer on this year's route
    var shown = page.dataset.stops;
    var params = new URLSearchParams(window.location.search);
    if (!params.has("s") && numbers.length) {
      params.set("s", numbers.join(","));
      window.location.replace(window.location.pathname + "?" + params.toString());
    } else if (shown && !params.has("day") && !page.dataset.tooMany) {
      save(year, shown.split(","));  // opening a shared route makes it this phone's route
    }
  }

  setupToggles();
  setupRoutePage();
})();
