// Small enhancements; every page works without them.
// - The language and the sort order apply as soon as they change (their
//   forms' buttons stay for browsers without JavaScript).
// - After a refused form, focus goes to the error summary (the `autofocus`
//   attribute already does it in most browsers).
"use strict";
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      if (select.form) {
        select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit();
      }
    });
  });
  var summary = document.querySelector("[data-testid='error-summary']");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
});
