/* What every resident pane shows: the conversation thread, the live stream of what the service sends, and the
   resident's phone number. */
(function (Try) {
  'use strict';

  var KIND_LABELS = {
    case_opened: 'case opened',
    status_changed: 'status changed',
    case_closed: 'case closed',
    duplicate_linked: 'linked to another case',
    feed_opened: 'posted',
    feed_closed: 'posted',
  };

  /** A conversation list that survives a reload of the page (per browser tab). */
  function Thread(listId, key) {
    this.list = Try.$(listId);
    this.key = key;
    this.entries = Try.saved(key, []);
    this.entries.forEach(this.render, this);
  }
  Thread.prototype.add = function (entry) {
    this.entries.push(entry);
    Try.save(this.key, this.entries.slice(-100));
    this.render(entry);
  };
  Thread.prototype.has = function (id) {
    return this.entries.some(function (e) {
      return e.id === id;
    });
  };
  Thread.prototype.clear = function () {
    this.entries = [];
    Try.save(this.key, []);
    this.list.textContent = '';
  };
  Thread.prototype.render = function (entry) {
    var li = Try.el('li', 'bubble ' + entry.cls, entry.text);
    if (entry.kind) li.setAttribute('data-kind', entry.kind);
    if (entry.media && /^https?:\/\//i.test(entry.media)) {
      var img = Try.el('img');
      img.src = entry.media;
      img.alt = 'attached photo';
      li.appendChild(img);
    }
    if (entry.meta) li.appendChild(Try.el('span', 'meta', entry.meta));
    this.list.appendChild(li);
    this.list.scrollTop = this.list.scrollHeight;
  };

  /** Live outbound messages to one simulated address, as server-sent events. */
  function follow(stream, channel, address, thread, onDelivery) {
    if (stream.source) stream.source.close();
    stream.source = new EventSource('/try/api/stream?channel=' + encodeURIComponent(channel) + '&address=' + encodeURIComponent(address));
    stream.source.addEventListener('notification', function (ev) {
      var d = JSON.parse(ev.data);
      if (thread.has(d.id)) return;
      var text = d.text !== null ? d.text : '(not sent: ' + (d.error || d.status) + ')';
      thread.add({
        id: d.id,
        kind: d.kind,
        text: text,
        media: d.media_url,
        cls: 'in' + (d.kind === 'case_closed' || d.kind === 'duplicate_linked' ? ' alert' : ''),
        meta: (KIND_LABELS[d.kind] || d.kind) + ' · case #' + d.case_id,
      });
      if (onDelivery) onDelivery(d);
    });
  }

  /** The resident's phone number field of a pane, remembered per tab; `onChange` hears a new valid number. */
  function addressInput(inputId, key, onChange) {
    var input = Try.$(inputId);
    input.value = Try.saved(key, null) || Try.randomPhone();
    Try.save(key, input.value);
    input.addEventListener('change', function () {
      if (!/^\+?[0-9]{5,15}$/.test(input.value.trim())) {
        input.value = Try.saved(key, '');
        return;
      }
      Try.save(key, input.value.trim());
      onChange(input.value.trim());
    });
    return input;
  }

  /**
   * A pane's resident phone: its number field, its thread, and the live messages to that number on the channel the
   * service answers it on; a new number clears the thread and follows the new one.
   */
  function residentPhone(pane, channel) {
    var s = pane.id;
    var thread = new Thread(s + '-thread', s + '-thread');
    var stream = {};
    var from = addressInput(s + '-from', s + '-from', function (addr) {
      thread.clear();
      follow(stream, channel.replies_on, addr, thread, Try.changed);
    });
    follow(stream, channel.replies_on, from.value, thread, Try.changed);
    return { thread: thread, stream: stream, from: from };
  }

  Try.Thread = Thread;
  Try.follow = follow;
  Try.addressInput = addressInput;
  Try.residentPhone = residentPhone;
})(window.Try);
