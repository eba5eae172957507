// The report form's script: suggestions for the typed address, "use my location", a pin on the map and the photo's
// preview. The form is complete without it: typing the address and pressing Continue always works.
(function () {
  'use strict';
  var dataEl = document.getElementById('report-data');
  if (!dataEl) return;
  var page = JSON.parse(dataEl.textContent);
  var words = page.words || {};
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();

  var form = document.getElementById('report-form');
  var address = document.getElementById('f-address');
  if (!form || !address) return;
  var lat = form.querySelector('input[name="lat"]');
  var lon = form.querySelector('input[name="lon"]');
  var status = document.getElementById('locate-status');
  var list = document.getElementById('address-suggestions');
  var map = null;
  var marker = null;

  function say(text) {
    if (status) status.textContent = text || '';
  }

  function lookup(query, done) {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', '/report/places?lang=' + page.lang + '&' + query);
    xhr.onload = function () {
      if (xhr.status !== 200) return done(null);
      try {
        done(JSON.parse(xhr.responseText).places[0] || null);
      } catch {
        done(null);
      }
    };
    xhr.onerror = function () {
      done(null);
    };
    xhr.send();
  }

  function showPoint(la, lo) {
    if (!map) return;
    if (marker) marker.setLatLng([la, lo]);
    else marker = L.marker([la, lo]).addTo(map);
    map.setView([la, lo], Math.max(map.getZoom(), 16));
  }

  // A pin or a GPS fix: the point is what is sent; the address found there fills the field for the resident to read.
  function usePoint(la, lo) {
    lat.value = la.toFixed(6);
    lon.value = lo.toFixed(6);
    showPoint(la, lo);
    lookup('lat=' + lat.value + '&lon=' + lon.value, function (place) {
      if (!place) return;
      address.value = place.address;
      say((words.pinPlaced || '').replace('{address}', place.address));
    });
  }

  var timer = null;
  address.addEventListener('input', function () {
    // Typing again means the words say where: a pin set before no longer does.
    lat.value = '';
    lon.value = '';
    clearTimeout(timer);
    var q = address.value.trim();
    if (q.length < 3) return;
    timer = setTimeout(function () {
      lookup('q=' + encodeURIComponent(q), function (place) {
        if (!list) return;
        list.textContent = '';
        if (!place) return;
        var option = document.createElement('option');
        option.value = place.address;
        option.label = words.suggestion || '';
        list.appendChild(option);
        showPoint(place.lat, place.lon);
      });
    }, 350);
  });

  var tools = document.getElementById('locate-tools');
  var mapEl = document.getElementById('report-map');
  if (tools && (typeof L !== 'undefined' || navigator.geolocation)) tools.hidden = false;
  if (mapEl && typeof L !== 'undefined') {
    map = L.map(mapEl, { scrollWheelZoom: false, zoomControl: false }).setView(page.center, page.zoom || 13);
    // Leaflet's own control titles are English: name them in the page's language, as the home page's map does.
    L.control.zoom({ zoomInTitle: words.zoomIn, zoomOutTitle: words.zoomOut }).addTo(map);
    var credit = String(page.attribution || '\u00a9 OpenStreetMap contributors').replace(/[&<>"]/g, function (ch) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[ch];
    });
    L.tileLayer(page.tileUrl, { maxZoom: 19, attribution: credit }).addTo(map);
    map.on('click', function (e) {
      usePoint(e.latlng.lat, e.latlng.lng);
    });
    // A form shown again (an error elsewhere) keeps its pin.
    if (lat.value && lon.value) showPoint(Number(lat.value), Number(lon.value));
  } else if (mapEl) {
    mapEl.hidden = true;
  }

  var locate = document.getElementById('use-location');
  if (locate) {
    if (!navigator.geolocation) locate.hidden = true;
    locate.addEventListener('click', function () {
      say(words.locating);
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          usePoint(pos.coords.latitude, pos.coords.longitude);
        },
        function () {
          say(words.locationFailed);
          address.focus();
        },
        { enableHighAccuracy: true, timeout: 15000 },
      );
    });
  }

  var photo = document.getElementById('f-photo');
  var preview = document.getElementById('photo-preview');
  if (photo && preview && window.URL && URL.createObjectURL) {
    photo.addEventListener('change', function () {
      var file = photo.files && photo.files[0];
      if (!file) {
        preview.hidden = true;
        return;
      }
      preview.src = URL.createObjectURL(file);
      preview.hidden = false;
    });
  }
})();
