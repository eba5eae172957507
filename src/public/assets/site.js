// The public site's only script: draws the map (when Leaflet and tiles load) and adds cases from the
// live stream without a reload. The page is complete without it: the list is server-rendered.
(function () {
  'use strict';
  var dataEl = document.getElementById('page-data');
  if (!dataEl) return;
  var page = JSON.parse(dataEl.textContent);
  var mapEl = document.getElementById('map');
  var list = document.getElementById('cases');
  var map = null;
  var markers = {};

  function showMapNote() {
    var note = document.getElementById('map-note');
    if (note) note.hidden = false;
  }

  function initMap() {
    if (!mapEl) return;
    if (typeof L === 'undefined') {
      mapEl.hidden = true;
      showMapNote();
      return;
    }
    var center = mapEl.dataset.lat ? [Number(mapEl.dataset.lat), Number(mapEl.dataset.lon)] : page.center;
    map = L.map(mapEl, { scrollWheelZoom: false, zoomControl: false }).setView(center, mapEl.dataset.lat ? 16 : page.zoom || 13);
    // Leaflet's own control titles are English: name them in the page's language.
    var zoom = page.zoomTitles || ['Zoom in', 'Zoom out'];
    L.control.zoom({ zoomInTitle: zoom[0], zoomOutTitle: zoom[1] }).addTo(map);
    var failed = false;
    // The credit is operator text (MAP_ATTRIBUTION); Leaflet takes HTML, so it is escaped here.
    var credit = String(page.attribution || '\u00a9 OpenStreetMap contributors').replace(/[&<>"]/g, function (ch) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[ch];
    });
    L.tileLayer(page.tileUrl, { maxZoom: 19, attribution: credit })
      .on('tileerror', function () {
        if (!failed) showMapNote();
        failed = true;
      })
      .addTo(map);
    if (mapEl.dataset.lat) L.marker(center).addTo(map);
  }

  function addMarker(item) {
    if (!map || !item.dataset.lat) return;
    var id = item.dataset.id;
    if (markers[id]) map.removeLayer(markers[id]);
    var link = item.querySelector('[data-f="link"]');
    var label = document.createElement('a');
    label.href = link.getAttribute('href');
    label.textContent = link.textContent.replace(/\s+/g, ' ').trim();
    markers[id] = L.circleMarker([Number(item.dataset.lat), Number(item.dataset.lon)], {
      radius: 8,
      color: item.dataset.status === 'closed' ? '#555' : '#c0392b',
    })
      .bindPopup(label)
      .addTo(map);
  }

  function setField(item, name, text) {
    var el = item.querySelector('[data-f="' + name + '"]');
    if (el) el.textContent = text == null ? '' : String(text);
    return el;
  }

  function fillItem(item, c) {
    item.id = 'case-' + c.id;
    item.dataset.id = c.id;
    item.dataset.code = c.service_code;
    item.dataset.status = c.status;
    if (c.lat != null && c.lon != null) {
      item.dataset.lat = c.lat;
      item.dataset.lon = c.lon;
    }
    item.querySelector('[data-f="link"]').setAttribute('href', '/cases/' + c.id + '?lang=' + page.lang);
    setField(item, 'num', '#' + c.id);
    setField(item, 'name', c.service_name);
    var badge = setField(item, 'status', page.statuses[c.status] || c.status);
    badge.className = 'badge status-' + c.status;
    setField(item, 'description', c.description);
    setField(item, 'address', c.address);
    var time = setField(
      item,
      'time',
      new Date(c.requested_at).toLocaleString(page.intl || page.lang, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: page.timeZone,
      }),
    );
    time.setAttribute('datetime', c.requested_at);
  }

  function matches(c) {
    var f = page.filters;
    return (!f.service_code || f.service_code === c.service_code) && (!f.status || f.status === c.status);
  }

  function onCase(message) {
    var c = message.case;
    var item = document.getElementById('case-' + c.id);
    if (item) {
      fillItem(item, c);
      if (!matches(c)) item.classList.add('faded');
    } else if (message.type === 'opened' && matches(c)) {
      item = document.getElementById('case-template').content.firstElementChild.cloneNode(true);
      fillItem(item, c);
      item.classList.add('new');
      list.insertBefore(item, list.firstChild);
      document.getElementById('no-cases').hidden = true;
    }
    if (item) addMarker(item);
  }

  initMap();
  if (list) {
    Array.prototype.forEach.call(list.children, addMarker);
    var points = Object.keys(markers).map(function (id) {
      return markers[id].getLatLng();
    });
    // The first view is set, not animated: no zoom jump on load (and screenshots show the settled map).
    if (points.length) map.fitBounds(L.latLngBounds(points), { maxZoom: 16, padding: [24, 24], animate: false });
    if (page.live && window.EventSource) {
      var stream = new EventSource('/feed/stream?lang=' + page.lang + '&since=' + page.since);
      stream.onmessage = function (e) {
        onCase(JSON.parse(e.data));
      };
    }
  }
})();
