// Open every <details> before printing, so a printed profile holds all its tables.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details:not([open])").forEach(function (el) {
    el.setAttribute("open", "");
    el.dataset.printGeopend = "1";
  });
});
window.addEventListener("afterprint", function () {
  document.querySelectorAll("details[data-print-geopend]").forEach(function (el) {
    el.removeAttribute("open");
    delete el.dataset.printGeopend;
  });
});
// On a narrow screen the main menu folds behind a "Menu" button (without JavaScript it simply wraps).
(function () {
  "use strict";
  function vouw() {
    var knop = document.querySelector(".menuknop");
    var lijst = knop && document.getElementById(knop.getAttribute("aria-controls"));
    if (!lijst) { return; }
    var smal = window.matchMedia("(max-width: 48rem)");
    function zet(open) {
      knop.setAttribute("aria-expanded", open ? "true" : "false");
      lijst.classList.toggle("menu--dicht", !open);
    }
    function pas() { knop.hidden = !smal.matches; zet(!smal.matches); }
    knop.addEventListener("click", function () { zet(knop.getAttribute("aria-expanded") !== "true"); });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && smal.matches && knop.getAttribute("aria-expanded") === "true") { zet(false); knop.focus(); }
    });
    if (smal.addEventListener) { smal.addEventListener("change", pas); }
    pas();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", vouw); } else { vouw(); }
})();
