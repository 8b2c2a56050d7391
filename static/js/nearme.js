/* "Near me": sort the studio list by distance from the visitor, and centre the map on them.
 *
 * The position is asked for only when the visitor presses the button, and it never leaves
 * the phone: distances are computed here, nothing is sent to the server or stored.
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
    if (!k || !k.map || !window.L) return;
    if (k.here) k.map.removeLayer(k.here);
    k.here = L.circleMarker([lat, lon], { radius: 9, color: "#ffffff", weight: 3,
                                          fillColor: "#1a5fb4", fillOpacity: 1 })
      .bindTooltip(labels.labelYou).addTo(k.map);
    k.map.setView([lat, lon], Math.max(k.map.getZoom(), 11));
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (position) {
      var lat = position.coords.latitude, lon = position.coords.longitude;
      sortList(lat, lon);
      centreMap(lat, lon);
      status.textContent = labels.labelSorted;
      button.disabled = false;
    }, function () {
      status.textContent = labels.labelDenied;
      button.disabled = false;
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 });
  });
})();
