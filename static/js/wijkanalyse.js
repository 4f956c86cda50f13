// The print button of the wijkanalyse (no inline script: CSP). The browser's print dialog also saves as PDF.
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    if (ev.target && ev.target.closest && ev.target.closest("[data-afdrukken]")) { window.print(); }
  });
})();
