// The staff console's one script: keyboard shortcuts, canned replies and live activity. No build step.
(() => {
  'use strict';
  var typing = (el) => el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);

  // Canned replies fill the message box; staff can still edit before sending.
  var canned = document.querySelectorAll('[data-canned-for]');
  for (var i = 0; i < canned.length; i++) {
    canned[i].addEventListener('change', (ev) => {
      var target = document.getElementById(ev.target.getAttribute('data-canned-for'));
      if (target && ev.target.value) {
        target.value = ev.target.value;
        target.focus();
      }
    });
  }

  // Queue: j/k move between rows, Enter opens; "/" jumps to search. Case page: a/r/n/c focus a form.
  var rows = document.querySelectorAll('#queue tbody tr');
  var current = -1;
  var mark = (n) => {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, n));
    for (var r = 0; r < rows.length; r++) rows[r].classList.toggle('current', r === current);
    var link = rows[current].querySelector('a');
    if (link) link.focus();
  };
  document.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(document.activeElement)) return;
    if (ev.key === '/') {
      var search = document.getElementById('q');
      if (search) {
        ev.preventDefault();
        search.focus();
      }
      return;
    }
    if (ev.key === 'j') return mark(current + 1);
    if (ev.key === 'k') return mark(current - 1);
    var form = document.querySelector(`[data-form-key="${ev.key}"]`);
    if (form) {
      ev.preventDefault();
      var first = form.querySelector('select, textarea, input:not([type=hidden])');
      if (first) first.focus();
    }
  });

  // Live activity: count changes and offer a reload, rather than moving rows under the reader's hands.
  var live = document.getElementById('live');
  if (live && window.EventSource) {
    var seen = 0;
    var loading = false;
    // The parts of this page the stream refreshes in place: the queue's rows and counts. A part someone is working in
    // (focus inside, a box checked for a bulk action) is left alone; the notice and its reload link then stand.
    var parts = (live.getAttribute('data-refresh') || '').split(',').filter(Boolean);
    var busy = (el) => el.contains(document.activeElement) || el.querySelector('input:checked');
    var refresh = () => {
      if (loading || !window.fetch || !window.DOMParser) return;
      loading = true;
      fetch(window.location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
        .then((res) => (res.ok ? res.text() : ''))
        .then((html) => {
          if (!html) return;
          var fresh = new DOMParser().parseFromString(html, 'text/html');
          parts.forEach((selector) => {
            var now = document.querySelector(selector);
            var next = fresh.querySelector(selector);
            if (now && next && !busy(now)) now.replaceWith(next);
          });
        })
        .catch(() => undefined)
        .then(() => {
          loading = false;
        });
    };
    var source = new EventSource('/staff/live');
    source.onmessage = () => {
      seen += 1;
      live.textContent = '';
      var text = document.createTextNode(live.getAttribute('data-template').replace('{n}', String(seen)));
      var link = document.createElement('a');
      link.href = window.location.href;
      link.textContent = live.getAttribute('data-reload');
      live.appendChild(text);
      live.appendChild(link);
      refresh();
    };
  }

  // The queue's map: the same selection as the table (which stays the full, accessible list). Hidden if Leaflet is missing.
  var mapEl = document.getElementById('queue-map');
  var placed = document.querySelectorAll('#queue tr[data-lat]');
  if (mapEl && window.L && placed.length) {
    mapEl.hidden = false;
    var center = mapEl.getAttribute('data-center').split(',').map(Number);
    var map = window.L.map(mapEl, { scrollWheelZoom: false }).setView(center, 13);
    window.L.tileLayer(mapEl.getAttribute('data-tiles'), { maxZoom: 19, attribution: '&copy; OpenStreetMap contributors' }).addTo(map);
    var points = [];
    for (var p = 0; p < placed.length; p++) {
      var tr = placed[p];
      var link = tr.querySelector('a');
      var label = document.createElement('a');
      label.href = link.getAttribute('href');
      label.textContent = link.textContent;
      var point = [Number(tr.getAttribute('data-lat')), Number(tr.getAttribute('data-lon'))];
      points.push(point);
      window.L.circleMarker(point, { radius: 8, color: tr.classList.contains('overdue') ? '#a4161a' : '#0a4f9c' })
        .bindPopup(label)
        .addTo(map);
    }
    map.fitBounds(window.L.latLngBounds(points), { maxZoom: 16, padding: [24, 24], animate: false });
  }

  // The case page's pin form: a marker at the case's point (or the city centre); clicking the map or dragging the
  // marker fills the latitude and longitude fields, which stay the real (and keyboard) way to set the point.
  var caseMap = document.getElementById('case-map');
  var latField = document.getElementById('loc-lat');
  var lonField = document.getElementById('loc-lon');
  if (caseMap && window.L && latField && lonField) {
    caseMap.hidden = false;
    var hasPoint = caseMap.hasAttribute('data-lat');
    var start = hasPoint
      ? [Number(caseMap.getAttribute('data-lat')), Number(caseMap.getAttribute('data-lon'))]
      : caseMap.getAttribute('data-center').split(',').map(Number);
    var pinMap = window.L.map(caseMap, { scrollWheelZoom: false }).setView(start, hasPoint ? 17 : 13);
    window.L.tileLayer(caseMap.getAttribute('data-tiles'), { maxZoom: 19, attribution: '&copy; OpenStreetMap contributors' }).addTo(pinMap);
    var pin = window.L.marker(start, { draggable: true, keyboard: false, title: latField.form.querySelector('legend').textContent }).addTo(pinMap);
    var fill = (ll) => {
      latField.value = ll.lat.toFixed(6);
      lonField.value = ll.lng.toFixed(6);
    };
    pin.on('dragend', () => fill(pin.getLatLng()));
    pinMap.on('click', (ev) => {
      pin.setLatLng(ev.latlng);
      fill(ev.latlng);
    });
  }
})();
