/* A call pane: dial the city, answer its prompts on the keypad or in words, hang up. */
(function (Try) {
  'use strict';

  Try.panes.call = function (pane, channel) {
    var s = pane.id;
    var $ = Try.$;
    // A caller hears back on the channel the service follows calls up on (a text to the phone that called).
    var phone = Try.residentPhone(pane, channel);
    var thread = phone.thread;
    var from = phone.from;
    var call = null;
    var pressed = '';
    var keysBox = pane.querySelector('#' + s + '-keypad .keys');
    var said = $(s + '-said');
    '123456789*0#'.split('').forEach(function (k) {
      var b = Try.el('button', null, k);
      b.type = 'button';
      b.disabled = true;
      b.setAttribute('data-key', k);
      b.addEventListener('click', function () {
        press(k);
      });
      keysBox.appendChild(b);
    });
    pane.querySelector('[data-new-address]').addEventListener('click', function () {
      from.value = Try.randomPhone();
      from.dispatchEvent(new Event('change'));
    });

    function enable(waiting) {
      var keypad = !!waiting && waiting.kind === 'gather' && waiting.dtmf;
      var speech = !!waiting && (waiting.kind === 'record' || waiting.speech);
      keysBox.querySelectorAll('button').forEach(function (b) {
        b.disabled = !keypad;
      });
      $(s + '-send-digits').disabled = !keypad;
      said.disabled = !speech;
      pane.querySelector('#' + s + '-speech button[type=submit]').disabled = !speech;
      $(s + '-silence').disabled = !waiting;
      said.placeholder = waiting && waiting.kind === 'record' ? 'Speak after the beep: describe the problem' : said.getAttribute('data-example');
      $(s + '-state').textContent = !call ? 'idle' : waiting ? (waiting.kind === 'record' ? 'recording' : 'listening') : 'connected';
    }
    /**
     * Disabling the focused button (Call while dialling, a key while a turn is sent) drops focus to the page: put it
     * on the control the caller needs next, so keyboard and screen-reader users keep their place.
     */
    function keepFocus() {
      var active = document.activeElement;
      if (active && active !== document.body && !active.disabled && pane.contains(active)) return;
      if (active && active !== document.body && !pane.contains(active)) return;
      var next = [said].concat(Array.prototype.slice.call(keysBox.querySelectorAll('button')), [$(s + '-hangup'), $(s + '-call')]);
      for (var i = 0; i < next.length; i++) {
        if (!next[i].disabled) {
          next[i].focus();
          return;
        }
      }
    }
    function show(turn) {
      turn.prompts.forEach(function (p) {
        thread.add({ cls: 'prompt', text: p });
      });
      if (turn.ended) {
        call = null;
        thread.add({ cls: 'system', text: 'call ended' });
        $(s + '-call').disabled = false;
        $(s + '-hangup').disabled = true;
      }
      enable(turn.ended ? null : turn.waiting);
      keepFocus();
    }
    function fail(err) {
      thread.add({ cls: 'error', text: err.message });
      enable(call?.waiting);
      keepFocus();
    }
    function send(input, shown) {
      if (!call) return;
      enable(null);
      thread.add({ cls: 'out', text: shown });
      Try.api('POST', '/try/api/' + s + '/' + call.id, { input: input })
        .then(function (turn) {
          if (call) call.waiting = turn.waiting;
          show(turn);
        })
        .catch(fail);
    }
    function press(k) {
      pressed += k;
      $(s + '-digits').textContent = pressed;
      var w = call?.waiting;
      if (k === '#' || (w?.numDigits && pressed.length >= w.numDigits)) sendDigits();
    }
    function sendDigits() {
      if (!pressed) return;
      var keys = pressed;
      pressed = '';
      $(s + '-digits').textContent = '';
      send(keys, '[keypad] ' + keys);
    }
    $(s + '-send-digits').addEventListener('click', sendDigits);
    $(s + '-call').addEventListener('click', function () {
      $(s + '-call').disabled = true;
      thread.add({ cls: 'system', text: 'calling ' + channel.city.address + '…' });
      Try.api('POST', '/try/api/' + s, { from: from.value })
        .then(function (turn) {
          call = { id: turn.call_id, waiting: turn.waiting };
          $(s + '-hangup').disabled = false;
          show(turn);
        })
        .catch(function (err) {
          $(s + '-call').disabled = false;
          fail(err);
        });
    });
    $(s + '-hangup').addEventListener('click', function () {
      if (!call) return;
      Try.api('POST', '/try/api/' + s + '/' + call.id, { hangup: true }).catch(function () {
        /* the call is over on our side either way */
      });
      show({ prompts: [], ended: true });
    });
    $(s + '-speech').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var words = said.value.trim();
      if (!words) return;
      said.value = '';
      send(words, '“' + words + '”');
    });
    $(s + '-silence').addEventListener('click', function () {
      send('', '(silence)');
    });
    enable(null);
  };
})(window.Try);
