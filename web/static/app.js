// tovholder's small progressive enhancements. Every page works without this file: it only adds
// a print button, keeps htmx from evaluating code, counts characters against a field's limit, and
// moves focus to a form's error summary.
(function () {
  'use strict';
  if (window.htmx) {
    window.htmx.config.allowEval = false;
    window.htmx.config.allowScriptTags = false;
  }
  document.addEventListener('DOMContentLoaded', function () {
    if (window.htmx) {
      window.htmx.config.allowEval = false;
      window.htmx.config.allowScriptTags = false;
    }
    // The phone's menu button: shown only with JavaScript, opens and closes the main menu.
    document.documentElement.classList.add('js');
    document.querySelectorAll('.app-menu-button').forEach(function (b) {
      var nav = document.getElementById(b.getAttribute('aria-controls'));
      if (!nav) return;
      b.hidden = false;
      b.addEventListener('click', function () {
        var open = b.getAttribute('aria-expanded') !== 'true';
        b.setAttribute('aria-expanded', open ? 'true' : 'false');
        nav.classList.toggle('is-open', open);
        if (open) { var first = nav.querySelector('a'); if (first) first.focus(); }
      });
    });
    document.querySelectorAll('.js-print').forEach(function (b) {
      b.hidden = false;
      b.addEventListener('click', function () { window.print(); });
    });
    // dkfds's character limit (.form-limit[data-maxlength]), counted in characters (code points)
    // as the server counts them: the count while typing, and a post over a limit is stopped
    // with the field marked, before the request is sent.
    function characters(s) { return Array.from(s).length; }
    function limitMessage(left) {
      return left >= 0 ? 'Du har ' + left.toLocaleString('da-DK') + ' tegn tilbage'
                       : 'Du har ' + (-left).toLocaleString('da-DK') + ' tegn for meget';
    }
    document.querySelectorAll('.form-limit[data-maxlength]').forEach(function (group) {
      var input = group.querySelector('.form-input');
      var visible = group.querySelector('.character-limit');
      var sr = group.querySelector('.character-limit-sr-only');
      var max = Number(group.getAttribute('data-maxlength'));
      if (!input || !visible || !max) return;
      var timer = null;
      function update() {
        var left = max - characters(input.value);
        visible.textContent = limitMessage(left);
        visible.classList.toggle('limit-exceeded', left < 0);
        group.classList.toggle('form-error', left < 0 || group.hasAttribute('data-server-error'));
        clearTimeout(timer);
        timer = setTimeout(function () { if (sr) sr.textContent = limitMessage(left); }, 600);
      }
      if (group.classList.contains('form-error')) group.setAttribute('data-server-error', '');
      input.addEventListener('input', update);
      update();
    });
    document.querySelectorAll('form').forEach(function (form) {
      form.addEventListener('submit', function (ev) {
        var over = null;
        form.querySelectorAll('.form-limit[data-maxlength]').forEach(function (group) {
          var input = group.querySelector('.form-input');
          if (!over && input && characters(input.value) > Number(group.getAttribute('data-maxlength'))) over = input;
        });
        if (over) {
          ev.preventDefault();
          over.setAttribute('aria-invalid', 'true');
          over.focus();
        }
      });
    });
    // After a save, the "Gemt" banner is in view and has the focus (screen readers read it).
    var saved = location.hash === '#gemt' && document.getElementById('gemt');
    if (saved) { saved.focus(); saved.scrollIntoView({ block: 'center' }); }
    // A consequential entry's confirmation step (Bekræft / Fortryd) takes the focus, once the
    // browser has scrolled to the form's #fragment (which would take it away again).
    var confirmStep = document.querySelector('.confirm-step');
    if (confirmStep) {
      window.addEventListener('load', function () { setTimeout(function () { confirmStep.focus(); }, 0); });
    }
    // After a form was refused, take the keyboard to its error summary.
    var summary = document.querySelector('details[open] .error-summary, .intake-form ~ .error-summary, .error-summary');
    if (summary) summary.focus();
  });
})();
