/* Markers, popups and deep links for the studio map.
 *
 * folium's generated script (/map/studios.js) makes the map and its tiles, then calls
 * kunstrute.loadStudios. The server has clustered the studios and the programme's venues per
 * zoom level (route/clusters.py); this file fetches the level the map shows from
 * /map/studios.json?z=… (named by the map's data-studios) and draws the markers in view:
 * studios, venues, clusters (tap: zoom in until they part) and stacks (several at one
 * address; tap: a list). A phone thus draws a few dozen markers and clusters nothing, with
 * a hundred studios or thousands.
 *
 * Every text from the database is set with textContent, never as HTML, so a name or bio
 * cannot inject markup or script.
 */
(function () {
  "use strict";

  var STREET_ZOOM = 16;  // where a deep-linked studio opens: the street and its neighbours
  /* Markers are drawn this far beyond the view (a share of its size), so a short pan shows
   * them at once. */
  var PAD = 0.5;
  /* Keep popups clear of the Filter button in the top-right corner. */
  var POPUP_OPTIONS = { maxWidth: 280, autoPanPaddingTopLeft: [16, 72],
                        autoPanPaddingBottomRight: [16, 16] };
  var labels = {};

  function readLabels(el) {
    var d = el.dataset;
    labels = {
      number: d.labelNumber || "No.",
      closed: d.labelClosed || "Closed",
      problem: d.labelProblem || "The studios could not be loaded.",
      directions: d.labelDirections || "Directions",
      artist: d.labelArtist || "Artist page",
      approximate: d.labelApproximate || "Approximate position",
      cluster: d.labelCluster || "studios",
      stack: d.labelStack || "at this address",
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

  /* The same link as kunstrute.guide.services.directions_url, made here so the map's data
   * need not carry one per studio. */
  function directionsUrl(lat, lon) {
    return "https://www.google.com/maps/dir/?api=1&destination=" + lat.toFixed(6) + "," + lon.toFixed(6);
  }

  function link(href, text, className) {
    var a = element("a", className, text);
    a.setAttribute("href", href);
    return a;
  }

  function actions(href) {
    var box = element("p", "kr-popup__actions");
    var dir = link(href, labels.directions, "kr-popup__link");
    dir.setAttribute("rel", "noopener");
    box.appendChild(dir);
    return box;
  }

  /* The artist's first work: sized before it loads, so the popup does not jump. */
  function workImage(img) {
    var el = document.createElement("img");
    el.className = "kr-popup__img";
    el.setAttribute("src", img.src);
    el.setAttribute("width", String(img.w));
    el.setAttribute("height", String(img.h));
    el.setAttribute("alt", img.alt || "");
    el.setAttribute("decoding", "async");
    return el;
  }

  function studioPopup(p, lat, lon) {
    var box = element("div", "kr-popup");
    box.appendChild(element("p", "kr-popup__no", labels.number + " " + p.n));
    var title = element("h2", "kr-popup__name");
    title.appendChild(link(p.url, p.name));
    box.appendChild(title);
    if (p.img) box.appendChild(workImage(p.img));
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
    } else if (p.until) {
      box.appendChild(element("p", "kr-popup__open", p.until));  // "Åpent til 17"
    }
    var row = actions(directionsUrl(lat, lon));
    row.insertBefore(link(p.url, labels.artist, "kr-popup__link"), row.firstChild);
    box.appendChild(row);
    return box;
  }

  /* The exhibition and the programme's other venues. */
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
    box.appendChild(actions(p.dir));
    return box;
  }

  /* Several studios or venues at one address: a list, each leading to its own page. */
  function stackPopup(p, lat, lon) {
    var box = element("div", "kr-popup");
    box.appendChild(element("p", "kr-popup__no", (p.count || p.places) + " " + labels.stack));
    var first = p.members[0];
    box.appendChild(element("h2", "kr-popup__name", first.addr || first.name));
    var list = element("ul", "kr-popup__events");
    p.members.forEach(function (m) {
      var item = element("li");
      if (m.n !== undefined) {
        item.appendChild(element("span", "kr-popup__when", labels.number + " " + m.n + " "));
        item.appendChild(link(m.url, m.name));
        if (m.closed) item.appendChild(document.createTextNode(" (" + labels.closed + ")"));
      } else {
        item.appendChild(element("span", "kr-popup__when",
          (m.kind === "exhibition" ? labels.exhibition : labels.venue) + " "));
        item.appendChild(link(labels.programmeUrl, m.name));
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    box.appendChild(actions(directionsUrl(lat, lon)));
    return box;
  }

  function studioMarker(lat, lon, p) {
    var icon = L.divIcon({
      className: "kr-pin" + (p.approx ? " kr-pin--approx" : "") + (p.closed ? " kr-pin--closed" : ""),
      // The number is forced to a number, so this markup holds no text from the database.
      html: '<span class="kr-pin__no">' + Number(p.n) + "</span>",
      iconSize: [34, 34], iconAnchor: [17, 17], popupAnchor: [0, -14]
    });
    return L.marker([lat, lon], {
      icon: icon, keyboard: true, riseOnHover: true,
      title: labels.number + " " + p.n + ": " + p.name + (p.closed ? " (" + labels.closed + ")" : "")
    }).bindPopup(function () { return studioPopup(p, lat, lon); }, POPUP_OPTIONS);
  }

  function placeMarker(lat, lon, p) {
    var icon = L.divIcon({ className: "kr-place kr-place--" + p.kind,
                           html: element("span", "kr-place__mark"), iconSize: [30, 30],
                           iconAnchor: [15, 15], popupAnchor: [0, -12] });
    return L.marker([lat, lon], { icon: icon, title: p.name, keyboard: true })
      .bindPopup(function () { return placePopup(p); }, POPUP_OPTIONS);
  }

  /* A cluster or a stack: the number of studios (or of venues, if it holds only venues); a
   * blue ring when a venue is among them, said to screen readers too. */
  function groupIcon(p) {
    var box = element("span", "kr-cluster__inner");
    box.appendChild(element("span", null, p.count || p.places));
    var said = " " + (p.count ? (p.members ? labels.stack : labels.cluster) : labels.venue);
    if (p.count && p.places) said += " · " + p.places + " " + labels.venue.toLowerCase();
    box.appendChild(element("span", "visually-hidden", said));
    var total = p.count + p.places;
    var size = total < 10 ? 38 : total < 50 ? 44 : 50;
    return L.divIcon({ className: "kr-cluster" + (p.places ? " kr-cluster--with-place" : ""),
                       html: box, iconSize: [size, size] });
  }

  function groupMarker(map, lat, lon, p) {
    var marker = L.marker([lat, lon], { icon: groupIcon(p), keyboard: true });
    if (p.members) {
      marker.bindPopup(function () { return stackPopup(p, lat, lon); }, POPUP_OPTIONS);
    } else {
      marker.on("click", function () {
        // The cluster is gone once it parts: keep a keyboard user's focus on the map.
        var focused = document.activeElement === marker.getElement();
        map.setView([lat, lon], p.zoom);
        if (focused) map.getContainer().focus({ preventScroll: true });
      });
    }
    return marker;
  }

  function keyOf(p) {
    return p.n !== undefined ? "s" + p.n : p.id !== undefined ? "c" + p.id : "p" + p.i;
  }

  /* The markers of one map: the levels fetched so far, and the markers drawn now by key. */
  function StudioView(map) {
    var container = map.getContainer();
    var range = (container.dataset.levels || "7,18").split(",").map(Number);
    this.map = map;
    this.url = container.dataset.studios;
    this.min = range[0];
    this.top = range[1];
    this.levels = {};
    this.drawn = {};
    this.layer = L.layerGroup().addTo(map);
    this.problem = container.parentNode.querySelector(".map-problem");
  }

  StudioView.prototype.levelFor = function (zoom) {
    return Math.max(this.min, Math.min(this.top, Math.floor(zoom)));
  };

  StudioView.prototype.load = function (z) {
    var levels = this.levels;
    if (!levels[z]) {
      levels[z] = window.fetch(this.url + "&z=" + z, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        });
      levels[z].catch(function () { delete levels[z]; });  // ask again on the next move
    }
    return levels[z];
  };

  /* Draw the markers of the level the map shows, within the view; keep those already drawn,
   * so an open popup or a focused marker survives a pan. */
  StudioView.prototype.draw = function () {
    var view = this;
    var z = this.levelFor(this.map.getZoom());
    return this.load(z).then(function (items) {
      if (view.problem) view.problem.hidden = true;
      if (view.levelFor(view.map.getZoom()) !== z) return items;  // zoomed on meanwhile
      var bounds = view.map.getBounds().pad(PAD);
      var wanted = {};
      items.forEach(function (item) {
        if (!bounds.contains([item[0], item[1]])) return;
        var key = keyOf(item[2]);
        wanted[key] = true;
        if (!view.drawn[key]) view.drawn[key] = view.add(item);
      });
      Object.keys(view.drawn).forEach(function (key) {
        if (wanted[key]) return;
        view.layer.removeLayer(view.drawn[key]);
        delete view.drawn[key];
      });
      return items;
    }, function (error) {
      if (view.problem) { view.problem.textContent = labels.problem; view.problem.hidden = false; }
      throw error;
    });
  };

  StudioView.prototype.add = function (item) {
    var lat = item[0], lon = item[1], p = item[2];
    var marker;
    if (p.n !== undefined) {
      marker = studioMarker(lat, lon, p);
    } else if (p.id !== undefined) {
      marker = groupMarker(this.map, lat, lon, p);
    } else {
      marker = placeMarker(lat, lon, p);
    }
    return marker.addTo(this.layer);
  };

  /* Where a studio or venue is and the first level it is drawn at (alone or in its stack),
   * from the top level, which holds every one of them. */
  StudioView.prototype.locate = function (match) {
    return this.load(this.top).then(function (items) {
      for (var i = 0; i < items.length; i++) {
        var p = items[i][2];
        var found = match(p) ? p : (p.members || []).filter(match)[0];
        if (found) return { lat: items[i][0], lon: items[i][1], at: found.at, props: found, stack: p.members ? p : null };
      }
      return null;
    });
  };

  /* Open one studio's or venue's popup: zoom to where it is drawn alone (or in its stack),
   * draw, open. A stack opens the one asked for, and its list again when reopened. */
  StudioView.prototype.show = function (match) {
    var view = this, map = this.map;
    return this.locate(match).then(function (place) {
      if (!place) return;
      var zoom = Math.min(map.getMaxZoom(), Math.max(place.at, STREET_ZOOM, map.getZoom()));
      map.setView([place.lat, place.lon], zoom, { animate: false });
      return view.draw().then(function () {
        var marker = view.drawn[keyOf(place.stack || place.props)];
        if (!marker) return;
        if (place.stack) {
          var p = place.props;
          marker.setPopupContent(p.n !== undefined ? studioPopup(p, place.lat, place.lon) : placePopup(p));
          marker.once("popupclose", function () {
            marker.setPopupContent(function () { return stackPopup(place.stack, place.lat, place.lon); });
          });
        }
        marker.openPopup();
      });
    });
  };

  function count(items) {
    return items.reduce(function (sum, item) {
      var p = item[2];
      return sum + (p.n !== undefined ? 1 : p.count || 0);
    }, 0);
  }

  function showFromHash(view) {
    var match = /^#studio-(\d+)$/.exec(window.location.hash);
    if (match) view.show(function (p) { return String(p.n) === match[1]; });
  }

  /* The page names the studios' bounds (data-bounds="south,west,north,east"), so the map
   * opens on them before the tile layer is added: the phone fetches only the tiles it shows. */
  if (window.L && L.Map) {
    L.Map.addInitHook(function () {
      var b = (this.getContainer().dataset.bounds || "").split(",").map(Number);
      if (b.length !== 4 || !b.every(isFinite)) return;
      if (b[0] === b[2] && b[1] === b[3]) {  /* one place: fitting a point zooms to NaN */
        this.setView([b[0], b[1]], 14, { animate: false });
      } else {
        this.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: [20, 20], animate: false });
      }
    });
  }

  function loadStudios(map) {
    readLabels(map.getContainer());
    var view = new StudioView(map);
    var k = window.kunstrute;
    map.on("moveend", function () { view.draw().catch(function () {}); });
    view.draw().then(function (items) {
      k.map = map;
      k.view = view;
      k.studioCount = count(items);
      k.ready = true;
      showFromHash(view);
      window.addEventListener("hashchange", function () { showFromHash(view); });
    }).catch(function () {});
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
    loadStudios: loadStudios,
    /* For the page and for tests: open a studio's or a venue's popup; where a studio is. */
    showStudio: function (n) { return window.kunstrute.view.show(function (p) { return p.n === n; }); },
    showPlace: function (i) { return window.kunstrute.view.show(function (p) { return p.n === undefined && p.i === i; }); },
    locate: function (n) { return window.kunstrute.view.locate(function (p) { return p.n === n; }); }
  };
})();
