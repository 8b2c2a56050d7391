/* Markers, popups and deep links for the studio map.
 *
 * folium's generated script (/map/studios.js) makes the map, its tiles and an empty cluster,
 * then calls kunstrute.loadStudios, which fetches the rows from /map/studios.json (named by
 * the map's data-studios) and makes a marker of each with kunstrute.studioMarker. Every text from the database is set with textContent, never
 * as HTML, so a name or bio cannot inject markup or script.
 */
(function () {
  "use strict";

  var STREET_ZOOM = 16;  // where a deep-linked studio opens: the street and its neighbours
  var markers = {};
  /* Keep popups clear of the Filter button in the top-right corner. */
  var POPUP_OPTIONS = { maxWidth: 280, autoPanPaddingTopLeft: [16, 72],
                        autoPanPaddingBottomRight: [16, 16] };
  var labels = {};

  function readLabels() {
    var el = document.getElementById("map_studios");
    var d = el ? el.dataset : {};
    labels = {
      number: d.labelNumber || "No.",
      closed: d.labelClosed || "Closed",
      problem: d.labelProblem || "The studios could not be loaded.",
      directions: d.labelDirections || "Directions",
      artist: d.labelArtist || "Artist page",
      approximate: d.labelApproximate || "Approximate position",
      cluster: d.labelCluster || "studios",
      exhibition: d.labelExhibition || "Exhibition",
      venue: d.labelVenue || "Programme",
      more: d.labelMore || "More",
      programmeUrl: d.programmeUrl || "/programme"
    };
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined && text !== null) el.textContent = String(text);
    return el;
  }

  /* The same link as kunstrute.route.services.directions_url, made here so the map's data
   * need not carry one per studio. */
  function directionsUrl(lat, lon) {
    return "https://www.google.com/maps/dir/?api=1&destination=" + lat.toFixed(6) + "," + lon.toFixed(6);
  }

  function link(href, text, className) {
    var a = element("a", className, text);
    a.setAttribute("href", href);
    return a;
  }

  function popupContent(p, latlng) {
    var box = element("div", "kr-popup");
    box.appendChild(element("p", "kr-popup__no", labels.number + " " + p.n));
    var title = element("h2", "kr-popup__name");
    title.appendChild(link(p.url, p.name));
    box.appendChild(title);
    if (p.disc) box.appendChild(element("p", "kr-popup__disc", p.disc));
    var where = element("p", "kr-popup__addr");
    if (p.studio) { where.appendChild(element("span", null, p.studio)); where.appendChild(document.createElement("br")); }
    where.appendChild(element("span", null, p.addr));
    box.appendChild(where);
    if (p.approx) box.appendChild(element("p", "kr-popup__approx", labels.approximate));
    if (p.closed) {
      var shut = element("p", "kr-popup__closed");
      shut.appendChild(element("strong", null, labels.closed));
      if (p.next) shut.appendChild(document.createTextNode(" · " + p.next));
      box.appendChild(shut);
    }
    var actions = element("p", "kr-popup__actions");
    actions.appendChild(link(p.url, labels.artist, "kr-popup__link"));
    var dir = link(directionsUrl(latlng[0], latlng[1]), labels.directions, "kr-popup__link");
    dir.setAttribute("rel", "noopener");
    actions.appendChild(dir);
    box.appendChild(actions);
    return box;
  }

  function studioMarker(row) {
    if (!labels.number) readLabels();
    var p = row[2];
    var icon = L.divIcon({
      className: "kr-pin" + (p.approx ? " kr-pin--approx" : "") + (p.closed ? " kr-pin--closed" : ""),
      // Markup made only when the pin is drawn; the number is forced to a number first.
      html: '<span class="kr-pin__no">' + Number(p.n) + "</span>",
      iconSize: [34, 34],
      iconAnchor: [17, 17],
      popupAnchor: [0, -14]
    });
    var marker = L.marker([row[0], row[1]], {
      icon: icon,
      title: labels.number + " " + p.n + ": " + p.name + (p.closed ? " (" + labels.closed + ")" : ""),
      keyboard: true,
      riseOnHover: true
    });
    marker.bindPopup(function () { return popupContent(p, row); }, POPUP_OPTIONS);
    markers[p.n] = marker;
    return marker;
  }

  function clusterIcon(cluster) {
    if (!labels.number) readLabels();
    var count = cluster.getChildCount();
    var venues = cluster.getAllChildMarkers().filter(function (m) { return m.options.place; }).length;
    var studios = count - venues;
    var box = element("span", "kr-cluster__inner");
    box.appendChild(element("span", null, studios || venues));
    var said = " " + (studios ? labels.cluster : labels.venue);
    if (studios && venues) said += " · " + venues + " " + labels.venue.toLowerCase();
    box.appendChild(element("span", "visually-hidden", said));
    var size = count < 10 ? 38 : count < 50 ? 44 : 50;
    return L.divIcon({ className: "kr-cluster" + (venues ? " kr-cluster--with-place" : ""),
                       html: box, iconSize: [size, size] });
  }

  /* Open one studio's popup, however deeply it is clustered. markercluster's zoomToShowLayer
   * waits for a moveend that never comes when the map is already at the right zoom or when
   * several studios share one address, so this zooms without animation and polls: open the
   * marker once it is drawn, else zoom in to the maximum, else spiderfy the cluster holding it
   * (a no-op while the cluster is still animating, hence the retries). */
  function showStudio(map, cluster, marker) {
    var tries = 0;
    function attempt() {
      var shown = cluster.getVisibleParent(marker);
      if (shown === marker) { marker.openPopup(); return; }
      if (shown && map.getZoom() < map.getMaxZoom()) {
        map.setView(marker.getLatLng(), map.getMaxZoom(), { animate: false });
      } else if (shown) {
        shown.spiderfy();
      }
      if (++tries < 40) window.setTimeout(attempt, 100);  // cluster animations end within 4 s
    }
    map.setView(marker.getLatLng(), Math.max(map.getZoom(), STREET_ZOOM), { animate: false });
    window.setTimeout(attempt, 0);
  }

  function showFromHash(map, cluster) {
    var match = /^#studio-(\d+)$/.exec(window.location.hash);
    var marker = match && markers[match[1]];
    if (marker) showStudio(map, cluster, marker);
  }

  /* The page names the studios' bounds (data-bounds="south,west,north,east"), so the map
   * opens on them before the tile layer is added: the phone fetches only the tiles it shows. */
  var FIT = { padding: [20, 20], animate: false };
  var fitted = false;
  if (window.L && L.Map) {
    L.Map.addInitHook(function () {
      var b = (this.getContainer().dataset.bounds || "").split(",").map(Number);
      if (b.length === 4 && b.every(isFinite)) {
        this.fitBounds([[b[0], b[1]], [b[2], b[3]]], FIT);
        fitted = true;
      }
    });
  }

  /* With thousands of studios, markercluster adds them in slices of 200 markers, each ending
   * after about chunkInterval ms, so the phone paints the map and answers taps in between
   * instead of freezing for one long task. A route of 100-odd studios fits in one slice and
   * is ready at once. mapReady waits for the last slice. */
  var clusterLoaded = true;
  var whenLoaded = [];
  if (window.L && L.MarkerClusterGroup) {
    L.MarkerClusterGroup.mergeOptions({
      chunkedLoading: true, chunkInterval: 15, chunkDelay: 10,
      chunkProgress: function (done, total) {
        clusterLoaded = done >= total;
        if (!clusterLoaded) return;
        var waiting = whenLoaded.splice(0);
        // Called just before the last slice is drawn: run after it.
        window.setTimeout(function () { waiting.forEach(function (f) { f(); }); }, 0);
      }
    });
  }

  /* The rows arrive while the tiles load. Markers are made in slices of about 10 ms, so the
   * phone stays responsive with thousands of studios, then handed to the cluster at once. */
  var SLICE_MS = 10;

  function loadStudios(map, cluster) {
    var container = map.getContainer();
    window.fetch(container.dataset.studios, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (rows) {
        var made = [];
        var i = 0;
        (function slice() {
          var until = Date.now() + SLICE_MS;
          while (i < rows.length && Date.now() < until) made.push(studioMarker(rows[i++]));
          if (i < rows.length) { window.setTimeout(slice, 0); return; }
          addInBatches(cluster, made, function () { mapReady(map, cluster); });
        })();
      })
      .catch(function () {
        var problem = container.parentNode.querySelector(".map-problem");
        if (!labels.number) readLabels();
        if (problem) { problem.textContent = labels.problem; problem.hidden = false; }
      });
  }

  /* markercluster's own chunked loading slices only every 200 markers, which on a slow phone
   * is a task long enough to block taps; batches of 50, one task each, stay short. */
  var BATCH = 50;

  function addInBatches(cluster, made, done) {
    if (made.length <= 4 * BATCH) { cluster.addLayers(made); done(); return; }
    cluster.options.chunkedLoading = false;
    var i = 0;
    (function next() {
      cluster.addLayers(made.slice(i, i += BATCH));
      if (i < made.length) window.setTimeout(next, 0); else done();
    })();
  }

  function mapReady(map, cluster) {
    if (!clusterLoaded) { whenLoaded.push(function () { mapReady(map, cluster); }); return; }
    window.kunstrute.map = map;
    window.kunstrute.cluster = cluster;
    if (!fitted && cluster.getLayers().length) map.fitBounds(cluster.getBounds(), FIT);
    showFromHash(map, cluster);
    window.addEventListener("hashchange", function () { showFromHash(map, cluster); });
  }

  /* The exhibition and the programme's other venues: their own marker style and popup. */
  function placePopup(p) {
    var box = element("div", "kr-popup");
    box.appendChild(element("p", "kr-popup__no", p.kind === "exhibition" ? labels.exhibition : labels.venue));
    box.appendChild(element("h2", "kr-popup__name", p.name));
    if (p.addr && p.addr !== p.name) box.appendChild(element("p", "kr-popup__addr", p.addr));
    if (p.events.length) {
      var list = element("ul", "kr-popup__events");
      p.events.slice(0, 6).forEach(function (e) {
        var item = element("li");
        item.appendChild(element("span", "kr-popup__when", e.when + " "));
        item.appendChild(link(e.url, e.title));
        list.appendChild(item);
      });
      box.appendChild(list);
      if (p.events.length > 6) box.appendChild(link(labels.programmeUrl, labels.more, "kr-popup__link"));
    }
    var actions = element("p", "kr-popup__actions");
    var dir = link(p.dir, labels.directions, "kr-popup__link");
    dir.setAttribute("rel", "noopener");
    actions.appendChild(dir);
    box.appendChild(actions);
    return box;
  }

  /* Venues are markers of their own style in the studios' cluster layer: a venue drawn over
   * a studio pin or cluster (the exhibition and a studio next door) leaves neither tappable,
   * and only the cluster layer keeps markers apart at every zoom. A cluster holding a venue
   * has a blue ring and says so to screen readers. */
  function addPlaces(map, places, cluster) {
    if (!labels.number) readLabels();
    var placeMarkers = places.map(function (p) {
      var icon = L.divIcon({ className: "kr-place kr-place--" + p.kind,
                             html: element("span", "kr-place__mark"), iconSize: [30, 30],
                             iconAnchor: [15, 15], popupAnchor: [0, -12] });
      return L.marker([p.lat, p.lon], { icon: icon, title: p.name, keyboard: true, place: true })
        .bindPopup(function () { return placePopup(p); }, POPUP_OPTIONS);
    });
    cluster.addLayers(placeMarkers);
    window.kunstrute.placeMarkers = placeMarkers;  // in the order of the page's list
    window.kunstrute.showPlace = function (i) { showStudio(map, cluster, placeMarkers[i]); };
  }

  /* The "Filter" button over the map jumps to the folded filter box: unfold it too. */
  var filterLink = document.querySelector(".map-filter-link");
  if (filterLink) {
    filterLink.addEventListener("click", function () {
      var box = document.getElementById("filters");
      if (box) box.open = true;
    });
  }

  window.kunstrute = {
    studioMarker: studioMarker,
    clusterIcon: clusterIcon,
    loadStudios: loadStudios,
    mapReady: mapReady,
    addPlaces: addPlaces,
    markers: markers
  };
})();
