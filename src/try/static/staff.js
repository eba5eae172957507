/* The staff pane: recent cases of the simulated channels; close one and the resident gets the alert. */
(function (Try) {
  'use strict';

  var on = false;
  var $ = Try.$;
  var el = Try.el;

  function closeFormOpen() {
    return document.querySelector('#staff-cases .close-form') !== null;
  }
  /** `focusId`: a case just closed; focus goes to it once the list is redrawn (its Close button is gone). */
  function refreshCases(focusId) {
    if (!on || closeFormOpen()) return;
    Try.api('GET', '/try/api/cases').then(
      function (data) {
        // Asked again on arrival: a close form opened while this was in flight would be wiped with what was typed.
        if (closeFormOpen()) return;
        renderCases(data);
        var li = focusId && document.querySelector('#staff-cases [data-case="' + focusId + '"]');
        if (li) {
          li.tabIndex = -1;
          li.focus();
        }
      },
      function (err) {
        var notice = document.querySelector('#staff [data-notice]');
        notice.textContent = err.message;
        notice.hidden = false;
      },
    );
  }
  function renderCases(data) {
    var list = $('staff-cases');
    // The list is redrawn every few seconds: a keyboard user's place in it (a case, or its Close button) survives.
    var active = document.activeElement;
    var holder = active && list.contains(active) ? active.closest('[data-case]') : null;
    var keep = holder ? { id: holder.getAttribute('data-case'), button: active.tagName === 'BUTTON' } : null;
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
        open.addEventListener('click', function () {
          showCloseForm(li, c.service_request_id, open);
        });
        li.appendChild(open);
      }
      list.appendChild(li);
    });
    var again = keep && list.querySelector('[data-case="' + keep.id + '"]');
    if (again) {
      var button = keep.button && again.querySelector('button');
      if (button) button.focus();
      else {
        again.tabIndex = -1;
        again.focus();
      }
    }
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
      Try.api('POST', '/try/api/cases/' + id + '/close', {
        note: form.querySelector('[name=note]').value,
        photo_url: form.querySelector('[name=photo]').value,
      }).then(
        function () {
          form.remove();
          refreshCases(id);
        },
        function (err) {
          form.querySelector('.error').textContent = err.message;
          button.disabled = false;
        },
      );
    });
  }

  /** Starts the panel, which is off when every channel is live (it would show real residents' cases). */
  Try.startStaff = function (info) {
    var channels = Object.keys(info.channels).map(function (name) {
      return info.channels[name];
    });
    on = channels.some(function (c) {
      return c.mode !== 'live';
    });
    if (!on)
      Try.setMode($('staff'), {
        mode: 'live',
        notice: 'Every channel is live here, so the staff panel is off: use the staff API with your own token.',
      });
    Try.onChanged(function () {
      refreshCases();
    });
    $('staff-refresh').addEventListener('click', function () {
      refreshCases();
    });
    refreshCases();
    setInterval(function () {
      refreshCases();
    }, 5000);
  };
})(window.Try);
