// The order page's shipping label says "being prepared" until the server
// would say it is ready (data-ready-in seconds after the page was sent);
// then this shows it ready without a reload. Without JavaScript, reloading
// the page after that time shows it ready.
(function () {
  "use strict";
  var label = document.querySelector('[data-testid="shipping-label"]');
  if (!label || label.getAttribute("data-state") !== "preparing") {
    return;
  }
  var seconds = Number(label.getAttribute("data-ready-in")) || 0;
  window.setTimeout(function () {
    var status = label.querySelector('[data-testid="shipping-label-status"]');
    status.textContent = label.getAttribute("data-ready-text");
    label.setAttribute("data-state", "ready");
  }, seconds * 1000);
})();
