// The Script User's deliberate faults, for practising what browser tests
// meet in the field (docs/TESTING.md states each one exactly). The shop
// loads this file for that persona only; without JavaScript none of this
// happens and the shop works as for anyone.
// 1. Remove on the cart page opens an alert first; once it is accepted,
//    the form is sent and the line removed as usual.
// 2. The product page logs an error in the console as it loads.
// 3. Empty cart does nothing when pressed: its form is never sent.
// 4. The checkout's Full name field drops every third character typed
//    into it since the page loaded (the 3rd, 6th, 9th, ...).
// 5. On the grid, the Rocket Mug's links (picture and name) open the Crab
//    Plushie's page; their href still says /products/1.
(function () {
  "use strict";
  var script = document.currentScript;
  var alertText = script.getAttribute("data-alert-text");
  var consoleText = script.getAttribute("data-console-text");

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches('[data-testid^="remove-form-"]')) {
      window.alert(alertText);
    } else if (form.matches('[data-testid="clear-cart-form"]')) {
      event.preventDefault();
    }
  });

  if (document.querySelector('[data-testid="product-detail"]')) {
    console.error(consoleText);
  }

  var typed = 0;
  document.addEventListener("beforeinput", function (event) {
    var field = event.target;
    if (field.id !== "full_name" || event.inputType !== "insertText" || !event.data) {
      return;
    }
    var kept = "";
    Array.from(event.data).forEach(function (character) {
      typed += 1;
      if (typed % 3 !== 0) {
        kept += character;
      }
    });
    if (kept === event.data) {
      return;
    }
    event.preventDefault();
    if (kept) {
      field.setRangeText(kept, field.selectionStart, field.selectionEnd, "end");
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (link && link.pathname === "/products/1" && link.closest('[data-testid="product-grid"]')) {
      event.preventDefault();
      window.location.assign("/products/2");
    }
  });
})();
