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
