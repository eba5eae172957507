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
    };
  }
})();
