/* Starts the /try page: each pane the service rendered is set up by its style's script, then the staff panel. */
(function (Try) {
  'use strict';

  Try.api('GET', '/try/api/info').then(
    function (info) {
      document.querySelectorAll('section[data-style]').forEach(function (pane) {
        var channel = info.channels[pane.getAttribute('data-channel')];
        var setUp = Try.panes[pane.getAttribute('data-style')];
        if (channel && setUp && Try.setMode(pane, channel)) setUp(pane, channel);
      });
      Try.startStaff(info);
      document.body.setAttribute('data-ready', 'true');
    },
    function (err) {
      document.querySelector('.top p').textContent = 'Could not reach the service: ' + err.message;
    },
  );
})(window.Try);
