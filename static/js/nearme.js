/* "Near me": sort the studio list by distance from the visitor, and centre the map on them.
 *
 * The position is asked for only when the visitor presses the button, and it never leaves
 * the phone: distances are computed here, nothing is sent to the server or stored.
 * The choice of order is kept, not the position: once sorted, the filter form and the links
 * that keep the filter carry sort=near, and a page that has it in its address asks for the
 * position again (the browser remembers the permission) and sorts. The page's own address
 * is left as it is (changing it makes Chromium fetch the favicon again).
 */
(function () {
  "use strict";

  var box = document.querySelector(".near-me");
  if (!box || !("geolocation" in navigator)) return;
  var button = box.querySelector(".near-me__button");
  var status = box.querySelector(".near-me__status");
  var list = document.querySelector("#studio-list") || document.querySelector(".cards");
  var labels = box.dataset;
  box.hidden = false;

  function distanceKm(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180, dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
    var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  function formatKm(km) {
    var lang = document.documentElement.lang || "nb";
    return km.toLocaleString(lang === "nb" ? "nb-NO" : "en-GB",
                             { maximumFractionDigits: km < 10 ? 1 : 0 });
  }

  function sortList(lat, lon) {
    if (!list) return;
    var items = Array.prototype.slice.call(list.children);
    items.forEach(function (li) {
      var away = li.dataset.lat ? distanceKm(lat, lon, +li.dataset.lat, +li.dataset.lon) : Infinity;
      li.dataset.away = away;
      var line = li.querySelector(".card__distance");
      if (line && isFinite(away)) {
        line.textContent = labels.labelAway.replace("{km}", formatKm(away));
        line.hidden = false;
      }
    });
    items.sort(function (a, b) { return a.dataset.away - b.dataset.away; });
    items.forEach(function (li) { list.appendChild(li); });
  }

  function centreMap(lat, lon) {
    var k = window.kunstrute;
    if ((!k || !k.map) && document.readyState !== "complete") {  // the map is still coming
      window.addEventListener("load", function () { centreMap(lat, lon); }, { once: true });
      return;
    }
    if (!k || !k.map || !window.L) return;
    if (k.here) k.map.removeLayer(k.here);
    k.here = L.circleMarker([lat, lon], { radius: 9, color: "#ffffff", weight: 3,
                                          fillColor: "#1a5fb4", fillOpacity: 1 })
      .bindTooltip(labels.labelYou).addTo(k.map);
    k.map.setView([lat, lon], Math.max(k.map.getZoom(), 11));
  }

  /* Carry the order in the filter form and the links that keep the filter. */
  function keepOrder() {
    Array.prototype.forEach.call(document.querySelectorAll("form.filters"), function (form) {
      if (form.querySelector('input[name="sort"]')) return;
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "sort";
      input.value = "near";
      form.appendChild(input);
    });
    Array.prototype.forEach.call(document.querySelectorAll("a[data-keeps-sort]"), function (a) {
      a.href = withNear(a.href);
    });
  }

  function withNear(href) {
    var url = new URL(href, location.href);
    url.searchParams.set("sort", "near");
    return url.pathname + url.search + url.hash;
  }

  function locate() {
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (position) {
      var lat = position.coords.latitude, lon = position.coords.longitude;
      sortList(lat, lon);
      centreMap(lat, lon);
      keepOrder();
      status.textContent = labels.labelSorted;
      button.disabled = false;
    }, function () {
      status.textContent = labels.labelDenied;
      button.disabled = false;
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 });
  }

  button.addEventListener("click", locate);
  if (new URL(location.href).searchParams.get("sort") === "near") locate();
})();
