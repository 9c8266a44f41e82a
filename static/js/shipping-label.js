// The order page's shipping label says "being prepared" until the time in
// its data-ready-at (milliseconds since 1970, the server's clock: 3 seconds
// after the order), then this shows it ready without a reload. Without
// JavaScript, reloading the page from that time on shows it ready.
(function () {
  "use strict";
  var label = document.querySelector('[data-testid="shipping-label"]');
  if (!label || label.getAttribute("data-state") !== "preparing") {
    return;
  }
  var readyAt = Number(label.getAttribute("data-ready-at")) || 0;
  window.setTimeout(function () {
    var status = label.querySelector('[data-testid="shipping-label-status"]');
    status.textContent = label.getAttribute("data-ready-text");
    label.setAttribute("data-state", "ready");
  }, Math.max(0, readyAt - Date.now()));
})();
