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
    document.querySelectorAll('.js-print').forEach(function (b) {
      b.hidden = false;
      b.addEventListener('click', function () { window.print(); });
    });
    // After a form was refused, take the keyboard to its error summary.
    var summary = document.querySelector('details[open] .error-summary, .intake-form ~ .error-summary, .error-summary');
    if (summary) summary.focus();
  });
})();
