/* A post pane: post publicly at the city's account, or reply in the city's thread. */
(function (Try) {
  'use strict';

  function randomAccount() {
    return { id: '9' + Try.digits(11), name: 'resident_' + Try.digits(4) };
  }

  Try.panes.post = function (pane, channel) {
    var s = pane.id;
    var $ = Try.$;
    var thread = new Try.Thread(s + '-thread', s + '-thread');
    var stream = {};
    var me = Try.saved(s + '-account', null) || randomAccount();
    var lastCityPost = Try.saved(s + '-last-city', null);
    function become(who) {
      me = who;
      Try.save(s + '-account', me);
      $(s + '-who').textContent = '@' + me.name;
      Try.follow(stream, channel.replies_on, me.id, thread, function (d) {
        if (d.provider_id) {
          lastCityPost = d.provider_id;
          Try.save(s + '-last-city', lastCityPost);
        }
        Try.changed();
      });
    }
    become(me);
    pane.querySelector('[data-new-address]').addEventListener('click', function () {
      thread.clear();
      lastCityPost = null;
      Try.save(s + '-last-city', null);
      become(randomAccount());
    });
    $(s + '-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var text = $(s + '-text').value.trim();
      if (!text) return;
      var button = ev.target.querySelector('button');
      button.disabled = true;
      var reply = $(s + '-reply').checked && lastCityPost;
      Try.api('POST', '/try/api/' + s, { user_id: me.id, screen_name: me.name, text: text, in_reply_to: reply || '' })
        .then(function (data) {
          thread.add({ cls: 'out', text: text, meta: '@' + me.name + (reply ? ' · reply' : '') });
          var o = data.outcome;
          // Simulated X posts nothing: the category question comes back in the answer, and "2" answers it.
          if (o?.question) thread.add({ cls: 'in', text: o.question, meta: 'the city (not posted: X is simulated)' });
          else if (o?.kind)
            thread.add({
              cls: 'system',
              text: 'the service: ' + o.kind + (o.caseId ? ' #' + o.caseId : '') + (o.reason ? ' (' + o.reason + ')' : ''),
            });
          $(s + '-text').value = '';
          setTimeout(Try.changed, 300);
        })
        .catch(function (err) {
          thread.add({ cls: 'error', text: err.message });
        })
        .then(function () {
          button.disabled = false;
        });
    });
  };
})(window.Try);
