// Plotly in Dutch (the plotly package ships no locale files): month and day names, decimal comma and
// thousands point on axes and hover labels, Dutch modebar texts. Loaded after plotly.min.js; the charts
// use it through config.locale = "nl" (grafieken.js, signalen.js).
(function () {
  "use strict";
  if (typeof Plotly === "undefined") { return; }
  Plotly.register({
    moduleType: "locale",
    name: "nl",
    dictionary: {
      "Download plot as a png": "Download als PNG",
      "Download plot": "Download grafiek",
      "Reset axes": "Assen herstellen",
      "Reset view": "Beeld herstellen",
      "Autoscale": "Automatisch schalen",
      "Zoom": "Zoomen",
      "Pan": "Verschuiven",
      "Zoom in": "Inzoomen",
      "Zoom out": "Uitzoomen",
      "Double-click to zoom back out": "Dubbelklik om uit te zoomen",
      "Double-click on legend to isolate one trace": "Dubbelklik op de legenda om één reeks te tonen",
      "Click to enter Colorscale title": "Klik voor de titel van de kleurschaal",
      "Click to enter Plot title": "Klik voor de titel",
      "trace": "reeks"
    },
    format: {
      days: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
      shortDays: ["zo", "ma", "di", "wo", "do", "vr", "za"],
      months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
      shortMonths: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
      date: "%d-%m-%Y",
      decimal: ",",
      thousands: ".",
      grouping: [3],
      currency: ["€ ", ""]
    }
  });
})();
