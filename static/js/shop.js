// Small enhancements; every page works without them.
// - The sort order and the language apply only when their button is pressed
//   (a choice in a menu never loads a page by itself); on the page that
//   follows, the focus is back on that menu.
// - After a refused form, focus goes to the error summary (the `autofocus`
//   attribute already does it in most browsers).
// - A form sent once is not sent again until its answer comes: its buttons
//   are disabled meanwhile. Two posts with one cookie would race, and the
//   last answer's cookie would win (docs/TESTING.md, "One cookie, two
//   requests"). A page come back to from the history is enabled again.
"use strict";
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method !== "post") {
    return;
  }
  if (form.dataset.sent === "true") {
    event.preventDefault();
    return;
  }
  // NOTE: after every other listener, and after the browser has read the
  // form, so the pressed button's name and value are still sent; a
  // submission another listener cancelled leaves the form as it was.
  window.setTimeout(function () {
    if (event.defaultPrevented) {
      return;
    }
    form.dataset.sent = "true";
    form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (button) {
      button.disabled = true;
    });
  }, 0);
});
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-sent]").forEach(function (form) {
    delete form.dataset.sent;
    form.querySelectorAll("button[disabled]").forEach(function (button) {
      button.disabled = false;
    });
  });
});
document.addEventListener("DOMContentLoaded", function () {
  var KEY = "session-shop-focus";
  var remember = function (id) {
    try {
      window.sessionStorage.setItem(KEY, id);
    } catch (e) {
      // Storage may be off; the focus then starts at the top, as without JavaScript.
    }
  };
  var recall = function () {
    try {
      var id = window.sessionStorage.getItem(KEY);
      window.sessionStorage.removeItem(KEY);
      return id;
    } catch (e) {
      return null;
    }
  };

  document.querySelectorAll("form.sort-form, form.language-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      remember(form.querySelector("select").id);
    });
  });

  var summary = document.querySelector("[data-testid='error-summary']");
  var kept = recall();
  if (summary) {
    if (document.activeElement !== summary) {
      summary.focus();
    }
  } else if (kept && document.getElementById(kept)) {
    var control = document.getElementById(kept);
    var menu = control.closest("[popover]");
    if (menu && control.getClientRects().length === 0 && menu.showPopover) {
      menu.showPopover();
    }
    control.focus();
  }
});
