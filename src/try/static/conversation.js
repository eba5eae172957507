/* A conversation pane: send a message, with a photo if you like, and read the replies. */
(function (Try) {
  'use strict';

  Try.panes.conversation = function (pane, channel) {
    var s = pane.id;
    var $ = Try.$;
    var phone = Try.residentPhone(pane, channel);
    var thread = phone.thread;
    var from = phone.from;
    pane.querySelector('[data-new-address]').addEventListener('click', function () {
      from.value = Try.randomPhone();
      from.dispatchEvent(new Event('change'));
    });
    $(s + '-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var body = $(s + '-body').value.trim();
      var media = $(s + '-media').value.trim();
      if (!body && !media) return;
      var button = ev.target.querySelector('button');
      button.disabled = true;
      thread.add({ cls: 'out', text: body, media: media });
      Try.api('POST', '/try/api/' + s, { from: from.value, body: body, media_url: media })
        .then(function (data) {
          $(s + '-body').value = '';
          $(s + '-media').value = '';
          if (!data.replies.length) thread.add({ cls: 'system', text: '(no reply)' });
          data.replies.forEach(function (r) {
            thread.add({ cls: 'in', text: r.text, media: r.media[0] });
          });
          Try.changed();
        })
        .catch(function (err) {
          thread.add({ cls: 'error', text: err.message });
        })
        .then(function () {
          button.disabled = false;
          $(s + '-body').focus();
        });
    });
    $(s + '-body').addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && !ev.shiftKey) {
        ev.preventDefault();
        $(s + '-form').requestSubmit();
      }
    });
  };
})(window.Try);
