// Draws every server-built Plotly figure on the page. The figure JSON sits in a
// <script type="application/json"> (Django's json_script), so no inline script runs (CSP).
(function () {
  "use strict";
  function teken(vlak) {
    var bron = document.getElementById(vlak.dataset.grafiek);
    if (!bron || typeof Plotly === "undefined") { return; }
    var figuur = JSON.parse(bron.textContent);
    // On a phone the chart's own title (repeated in the figure caption above it) would run off the
    // canvas: leave it to the caption there.
    if (vlak.clientWidth && vlak.clientWidth < 560 && figuur.layout && figuur.layout.title) {
      figuur.layout.title = { text: "" };
      figuur.layout.margin = Object.assign({}, figuur.layout.margin, { t: 24, l: Math.min((figuur.layout.margin || {}).l || 60, 50), r: 10 });
    }
    // Agenda actions on a phone: a short label on the chart; the full text is in the list below it.
    if (vlak.clientWidth && vlak.clientWidth < 560 && figuur.layout && Array.isArray(figuur.layout.annotations)) {
      figuur.layout.annotations.forEach(function (a) {
        if (typeof a.text === "string" && a.text.charAt(0) === "\u25b2" && a.text.length > 26) {
          a.text = a.text.slice(0, 25) + "\u2026";
        }
      });
    }
    // A long month axis carries every n-th month as horizontal labels (indicatoren/charts.py maand_ticks);
    // on a narrow canvas keep fewer, counted back from the latest, so no label is cut off or overlaps.
    var as = figuur.layout && figuur.layout.xaxis;
    if (as && Array.isArray(as.tickvals) && vlak.clientWidth) {
      var past = Math.max(2, Math.floor(vlak.clientWidth / 80));
      if (as.tickvals.length > past) {
        var k = Math.ceil(as.tickvals.length / past), n = as.tickvals.length;
        as.tickvals = as.tickvals.filter(function (_, i) { return (n - 1 - i) % k === 0; });
        as.ticktext = as.tickvals.slice();
      }
    }
    // Dutch locale (plotly-nl.js), a trimmed modebar: download as image and reset, nothing else.
    var config = { responsive: true, displaylogo: false, locale: "nl",
                   modeBarButtonsToRemove: ["sendDataToCloud", "select2d", "lasso2d", "autoScale2d", "zoomIn2d",
                                            "zoomOut2d", "toggleSpikelines", "hoverClosestCartesian",
                                            "hoverCompareCartesian", "zoomInGeo", "zoomOutGeo", "hoverClosestGeo"] };
    Plotly.newPlot(vlak, figuur.data, figuur.layout, config).then(function () {
      // The modebar stays usable with the mouse but out of the tab order: the table next to every chart
      // holds the same numbers for keyboard and screen-reader users.
      vlak.querySelectorAll(".modebar-btn").forEach(function (knop) { knop.setAttribute("tabindex", "-1"); });
      vlak.classList.add("grafiek__vlak--klaar");
      // A point or area that carries a URL in customdata opens it (map: area profile).
      vlak.on("plotly_click", function (ev) {
        var punt = ev && ev.points && ev.points[0];
        // On a map in 'pick areas' mode (kaart-kiezen.js) a click chooses the area instead of opening it.
        var kiezen = vlak.closest("[data-kiezen]");
        if (kiezen && punt && punt.location) {
          kiezen.dispatchEvent(new CustomEvent("gebied-gekozen", { detail: { code: punt.location } }));
          return;
        }
        var url = punt && (Array.isArray(punt.customdata) ? punt.customdata[0] : punt.customdata);
        if (typeof url === "string" && url.charAt(0) === "/") { window.location.href = url; }
      });
    });
  }
  function alles() { document.querySelectorAll("[data-grafiek]").forEach(teken); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", alles); } else { alles(); }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".grafiek__vlak--klaar").forEach(function (v) { Plotly.Plots.resize(v); });
  });
})();
