/* The /try page's shared helpers (thread.js adds the residents' threads); each pane's script registers itself
   in Try.panes by its simulator's style.
   Plain browser JavaScript with no build step. Everything shown from the service is set as text, never HTML. */
(function () {
  'use strict';

  var listeners = [];

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function api(method, path, body) {
    return fetch(path, {
      method: method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (res) {
      return res
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          if (!res.ok) throw new Error(data.error?.message || 'the service answered ' + res.status);
          return data;
        });
    });
  }

  function saved(key, fallback) {
    try {
      var v = sessionStorage.getItem('try311:' + key);
      return v ? JSON.parse(v) : fallback;
    } catch (_e) {
      return fallback;
    }
  }
  function save(key, value) {
    try {
      sessionStorage.setItem('try311:' + key, JSON.stringify(value));
    } catch (_e) {
      /* private mode: the page still works, it just forgets */
    }
  }

  function digits(n) {
    var s = '';
    for (var i = 0; i < n; i++) s += Math.floor(Math.random() * 10);
    return s;
  }
  // 555-01xx numbers are reserved for fiction in North America: never a real resident's phone.
  function randomPhone() {
    return '+1555010' + digits(4);
  }

  /** Shows why a pane is off (a live channel, say); true when the pane can be used. */
  function setMode(pane, channel) {
    var notice = pane.querySelector('[data-notice]');
    if (channel.mode === 'simulated') return true;
    pane.classList.add('off');
    pane.setAttribute('data-mode', channel.mode);
    notice.textContent = channel.notice;
    notice.hidden = false;
    return false;
  }

  window.Try = {
    /** Pane set-up functions by simulator style: `function (pane, channel)`, channel as /try/api/info describes it. */
    panes: {},
    $: $,
    el: el,
    api: api,
    saved: saved,
    save: save,
    digits: digits,
    randomPhone: randomPhone,
    setMode: setMode,
    /** Something a pane did may have changed the cases (the staff panel listens). */
    changed: function () {
      listeners.forEach(function (fn) {
        fn();
      });
    },
    onChanged: function (fn) {
      listeners.push(fn);
    },
  };
})();
