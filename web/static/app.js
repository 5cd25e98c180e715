// tovholder's small progressive enhancements. Every page works without this file: it only adds
// a print button, keeps htmx from evaluating code, and moves focus to a form's error summary.
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
    // After a form was refused, take the keyboard to its error summary.
    var summary = document.querySelector('details[open] .error-summary, .intake-form ~ .error-summary, .error-summary');
    if (summary) summary.focus();
  });
})();
