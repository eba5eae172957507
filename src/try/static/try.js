/* The /try page: plays a resident's phone, a caller and a tweeter against this service, and a staff panel.
   Plain browser JavaScript with no build step. Everything shown from the service is set as text, never HTML. */
(function () {
  'use strict';

  var KIND_LABELS = {
    case_opened: 'case opened', status_changed: 'status changed', case_closed: 'case closed',
    duplicate_linked: 'linked to another case', feed_opened: 'posted', feed_closed: 'posted'
  };

  function $(id) { return document.getElementById(id); }

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
      body: body ? JSON.stringify(body) : undefined
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) throw new Error((data.error && data.error.message) || ('the service answered ' + res.status));
        return data;
      });
    });
  }

  function saved(key, fallback) {
    try {
      var v = sessionStorage.getItem('try311:' + key);
      return v ? JSON.parse(v) : fallback;
    } catch (e) { return fallback; }
  }
  function save(key, value) {
    try { sessionStorage.setItem('try311:' + key, JSON.stringify(value)); } catch (e) { /* private mode: the page still works, it just forgets */ }
  }

  function digits(n) {
    var s = '';
    for (var i = 0; i < n; i++) s += Math.floor(Math.random() * 10);
    return s;
  }
  // 555-01xx numbers are reserved for fiction in North America: never a real resident's phone.
  function randomPhone() { return '+1555010' + digits(4); }
  function randomTweeter() { return { id: '9' + digits(11), name: 'resident_' + digits(4) }; }

  /** A conversation list that survives a reload of the page (per browser tab). */
  function Thread(listId, key) {
    this.list = $(listId);
    this.key = key;
    this.entries = saved(key, []);
    this.entries.forEach(this.render, this);
  }
  Thread.prototype.add = function (entry) {
    this.entries.push(entry);
    save(this.key, this.entries.slice(-100));
    this.render(entry);
  };
  Thread.prototype.has = function (id) {
    return this.entries.some(function (e) { return e.id === id; });
  };
  Thread.prototype.clear = function () {
    this.entries = [];
    save(this.key, []);
    this.list.textContent = '';
  };
  Thread.prototype.render = function (entry) {
    var li = el('li', 'bubble ' + entry.cls, entry.text);
    if (entry.kind) li.setAttribute('data-kind', entry.kind);
    if (entry.media && /^https?:\/\//i.test(entry.media)) {
      var img = el('img');
      img.src = entry.media;
      img.alt = 'attached photo';
      li.appendChild(img);
    }
    if (entry.meta) li.appendChild(el('span', 'meta', entry.meta));
    this.list.appendChild(li);
    this.list.scrollTop = this.list.scrollHeight;
  };

  /** Live outbound messages to one simulated address, as server-sent events. */
  function follow(stream, channel, address, thread, onDelivery) {
    if (stream.source) stream.source.close();
    stream.source = new EventSource('/try/api/stream?channel=' + channel + '&address=' + encodeURIComponent(address));
    stream.source.addEventListener('notification', function (ev) {
      var d = JSON.parse(ev.data);
      if (thread.has(d.id)) return;
      var text = d.text !== null ? d.text : '(not sent: ' + (d.error || d.status) + ')';
      thread.add({
        id: d.id, kind: d.kind, text: text, media: d.media_url,
        cls: 'in' + (d.kind === 'case_closed' || d.kind === 'duplicate_linked' ? ' alert' : ''),
        meta: (KIND_LABELS[d.kind] || d.kind) + ' · case #' + d.case_id
      });
      if (onDelivery) onDelivery(d);
    });
  }

  function setMode(paneId, channel) {
    var pane = $(paneId);
    var notice = pane.querySelector('[data-notice]');
    if (channel.mode === 'simulated') return true;
    pane.classList.add('off');
    pane.setAttribute('data-mode', channel.mode);
    notice.textContent = channel.notice;
    notice.hidden = false;
    return false;
  }

  function addressInput(inputId, key, onChange) {
    var input = $(inputId);
    input.value = saved(key, null) || randomPhone();
    save(key, input.value);
    input.addEventListener('change', function () {
      if (!/^\+?[0-9]{5,15}$/.test(input.value.trim())) { input.value = saved(key, ''); return; }
      save(key, input.value.trim());
      onChange(input.value.trim());
    });
    return input;
  }

  // ---- Text messages ----
  function setUpSms() {
    var thread = new Thread('sms-thread', 'sms-thread');
    var stream = {};
    var from = addressInput('sms-from', 'sms-from', function (addr) { thread.clear(); follow(stream, 'sms', addr, thread, refreshCases); });
    follow(stream, 'sms', from.value, thread, refreshCases);
    document.querySelector('[data-new-address=sms]').addEventListener('click', function () {
      from.value = randomPhone();
      from.dispatchEvent(new Event('change'));
    });
    $('sms-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var body = $('sms-body').value.trim();
      var media = $('sms-media').value.trim();
      if (!body && !media) return;
      var button = ev.target.querySelector('button');
      button.disabled = true;
      thread.add({ cls: 'out', text: body, media: media });
      api('POST', '/try/api/sms', { from: from.value, body: body, media_url: media })
        .then(function (data) {
          $('sms-body').value = '';
          $('sms-media').value = '';
          if (!data.replies.length) thread.add({ cls: 'system', text: '(no reply)' });
          data.replies.forEach(function (r) { thread.add({ cls: 'in', text: r.text, media: r.media[0] }); });
          refreshCases();
        })
        .catch(function (err) { thread.add({ cls: 'error', text: err.message }); })
        .then(function () { button.disabled = false; $('sms-body').focus(); });
    });
    $('sms-body').addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); $('sms-form').requestSubmit(); }
    });
  }

  // ---- Phone calls ----
  function setUpVoice() {
    var thread = new Thread('voice-thread', 'voice-thread');
    var stream = {};
    // A caller hears back by text message on the phone they called from, as on a real phone.
    var from = addressInput('voice-from', 'voice-from', function (addr) { thread.clear(); follow(stream, 'sms', addr, thread, refreshCases); });
    follow(stream, 'sms', from.value, thread, refreshCases);
    var call = null;
    var pressed = '';
    var keysBox = document.querySelector('#voice-keypad .keys');
    '123456789*0#'.split('').forEach(function (k) {
      var b = el('button', null, k);
      b.type = 'button';
      b.disabled = true;
      b.setAttribute('data-key', k);
      b.addEventListener('click', function () { press(k); });
      keysBox.appendChild(b);
    });
    document.querySelector('[data-new-address=voice]').addEventListener('click', function () {
      from.value = randomPhone();
      from.dispatchEvent(new Event('change'));
    });

    function enable(waiting) {
      var keypad = !!waiting && waiting.kind === 'gather' && waiting.dtmf;
      var speech = !!waiting && (waiting.kind === 'record' || waiting.speech);
      keysBox.querySelectorAll('button').forEach(function (b) { b.disabled = !keypad; });
      $('voice-send-digits').disabled = !keypad;
      $('voice-said').disabled = !speech;
      document.querySelector('#voice-speech button[type=submit]').disabled = !speech;
      $('voice-silence').disabled = !waiting;
      $('voice-said').placeholder = waiting && waiting.kind === 'record' ? 'Speak after the beep: describe the problem' : 'e.g. There\'s a pothole on Main Street';
      $('voice-state').textContent = !call ? 'idle' : waiting ? (waiting.kind === 'record' ? 'recording' : 'listening') : 'connected';
    }
    function show(turn) {
      turn.prompts.forEach(function (p) { thread.add({ cls: 'prompt', text: p }); });
      if (turn.ended) {
        call = null;
        thread.add({ cls: 'system', text: 'call ended' });
        $('voice-call').disabled = false;
        $('voice-hangup').disabled = true;
      }
      enable(turn.ended ? null : turn.waiting);
    }
    function fail(err) {
      thread.add({ cls: 'error', text: err.message });
      enable(call && call.waiting);
    }
    function send(input, shown) {
      if (!call) return;
      enable(null);
      thread.add({ cls: 'out', text: shown });
      api('POST', '/try/api/voice/' + call.sid, { input: input })
        .then(function (turn) { if (call) call.waiting = turn.waiting; show(turn); })
        .catch(fail);
    }
    function press(k) {
      pressed += k;
      $('voice-digits').textContent = pressed;
      var w = call && call.waiting;
      if (k === '#' || (w && w.numDigits && pressed.length >= w.numDigits)) sendDigits();
    }
    function sendDigits() {
      if (!pressed) return;
      var keys = pressed;
      pressed = '';
      $('voice-digits').textContent = '';
      send(keys, '[keypad] ' + keys);
    }
    $('voice-send-digits').addEventListener('click', sendDigits);
    $('voice-call').addEventListener('click', function () {
      $('voice-call').disabled = true;
      thread.add({ cls: 'system', text: 'calling ' + document.querySelector('[data-city-number]').textContent + '…' });
      api('POST', '/try/api/voice', { from: from.value })
        .then(function (turn) {
          call = { sid: turn.call_sid, waiting: turn.waiting };
          $('voice-hangup').disabled = false;
          show(turn);
        })
        .catch(function (err) { $('voice-call').disabled = false; fail(err); });
    });
    $('voice-hangup').addEventListener('click', function () {
      if (!call) return;
      var sid = call.sid;
      api('POST', '/try/api/voice/' + sid, { hangup: true }).catch(function () { /* the call is over on our side either way */ });
      show({ prompts: [], ended: true });
    });
    $('voice-speech').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var said = $('voice-said').value.trim();
      if (!said) return;
      $('voice-said').value = '';
      send(said, '“' + said + '”');
    });
    $('voice-silence').addEventListener('click', function () { send('', '(silence)'); });
    enable(null);
  }

  // ---- Tweets ----
  function setUpTweets(info) {
    var thread = new Thread('tweet-thread', 'tweet-thread');
    var stream = {};
    var me = saved('tweeter', null) || randomTweeter();
    var lastCityTweet = saved('tweet-last-city', null);
    $('city-handle').textContent = '@' + info.twitter.handle;
    function become(who) {
      me = who;
      save('tweeter', me);
      $('tweet-who').textContent = '@' + me.name;
      follow(stream, 'twitter', me.id, thread, function (d) {
        if (d.provider_id) { lastCityTweet = d.provider_id; save('tweet-last-city', lastCityTweet); }
        refreshCases();
      });
    }
    become(me);
    document.querySelector('[data-new-address=tweet]').addEventListener('click', function () {
      thread.clear();
      lastCityTweet = null;
      save('tweet-last-city', null);
      become(randomTweeter());
    });
    $('tweet-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var text = $('tweet-text').value.trim();
      if (!text) return;
      var button = ev.target.querySelector('button');
      button.disabled = true;
      var reply = $('tweet-reply').checked && lastCityTweet;
      api('POST', '/try/api/tweet', { user_id: me.id, screen_name: me.name, text: text, in_reply_to: reply || '' })
        .then(function (data) {
          thread.add({ cls: 'out', text: text, meta: '@' + me.name + (reply ? ' · reply' : '') });
          var o = data.outcome;
          if (o && o.kind) thread.add({ cls: 'system', text: 'the service: ' + o.kind + (o.caseId ? ' #' + o.caseId : '') + (o.reason ? ' (' + o.reason + ')' : '') });
          $('tweet-text').value = '';
          setTimeout(refreshCases, 300);
        })
        .catch(function (err) { thread.add({ cls: 'error', text: err.message }); })
        .then(function () { button.disabled = false; });
    });
  }

  // ---- Staff panel ----
  var staffOn = false;
  function refreshCases() {
    if (!staffOn || document.querySelector('#staff-cases .close-form')) return;
    api('GET', '/try/api/cases').then(renderCases, function (err) {
      var notice = document.querySelector('#staff [data-notice]');
      notice.textContent = err.message;
      notice.hidden = false;
    });
  }
  function renderCases(data) {
    var list = $('staff-cases');
    list.textContent = '';
    if (!data.cases.length) list.appendChild(el('li', 'hint', 'No cases yet: report something in a pane.'));
    data.cases.forEach(function (c) {
      var li = el('li', 'case');
      li.setAttribute('data-case', c.service_request_id);
      var head = el('header');
      head.appendChild(el('span', 'num', '#' + c.service_request_id));
      head.appendChild(el('span', null, c.service_name));
      head.appendChild(el('span', 'status ' + c.status, c.status.replace('_', ' ')));
      head.appendChild(el('span', 'meta', c.channel));
      li.appendChild(head);
      li.appendChild(el('p', null, c.description));
      if (c.status_notes) li.appendChild(el('p', 'hint', 'Note: ' + c.status_notes));
      if (c.status !== 'closed') {
        var open = el('button', 'link', 'Close…');
        open.type = 'button';
        open.addEventListener('click', function () { showCloseForm(li, c.service_request_id, open); });
        li.appendChild(open);
      }
      list.appendChild(li);
    });
  }
  function showCloseForm(li, id, opener) {
    opener.hidden = true;
    var form = $('close-form').content.firstElementChild.cloneNode(true);
    li.appendChild(form);
    form.querySelector('[name=note]').focus();
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var button = form.querySelector('button');
      button.disabled = true;
      api('POST', '/try/api/cases/' + id + '/close', {
        note: form.querySelector('[name=note]').value,
        photo_url: form.querySelector('[name=photo]').value
      }).then(function () {
        form.remove();
        refreshCases();
      }, function (err) {
        form.querySelector('.error').textContent = err.message;
        button.disabled = false;
      });
    });
  }

  api('GET', '/try/api/info').then(function (info) {
    document.querySelectorAll('[data-city-number]').forEach(function (n) { n.textContent = info.twilio_number; });
    if (setMode('sms', info.channels.sms)) setUpSms();
    if (setMode('voice', info.channels.voice)) setUpVoice();
    if (setMode('tweet', info.channels.twitter)) setUpTweets(info);
    staffOn = ['sms', 'voice', 'twitter'].some(function (c) { return info.channels[c].mode !== 'live'; });
    if (!staffOn) setMode('staff', { mode: 'live', notice: 'Every channel is live here, so the staff panel is off: use the staff API with your own token.' });
    $('staff-refresh').addEventListener('click', function () { refreshCases(); });
    refreshCases();
    setInterval(refreshCases, 5000);
    document.body.setAttribute('data-ready', 'true');
  }, function (err) {
    document.querySelector('.top p').textContent = 'Could not reach the service: ' + err.message;
  });
})();
