// Pick areas on the map for the comparison (/kaart/?kiezen=vergelijk, issue 11): a click on an area adds it to
// the list (a second click removes it); the form sends the codes to /vergelijk/. The list of areas under the
// map and the compare page's own list stay the way in for keyboard users. No inline script (CSP).
(function () {
  "use strict";
  var vak = document.querySelector("[data-kiezen]");
  if (!vak) { return; }
  var form = document.getElementById("kies-form");
  var veld = document.getElementById("kies-gebieden");
  var lijst = document.getElementById("kies-lijst");
  var status = document.getElementById("kies-status");
  var knop = document.getElementById("kies-knop");
  var min = parseInt(form.dataset.min, 10), max = parseInt(form.dataset.max, 10);
  var namen = JSON.parse(document.getElementById("kies-namen").textContent);
  var gekozen = [];
  function bijwerken() {
    veld.value = gekozen.join(",");
    lijst.textContent = "";
    gekozen.forEach(function (code) {
      var li = document.createElement("li");
      var weg = document.createElement("button");
      weg.type = "button";
      weg.className = "knop-klein";
      // the visible word starts the accessible name (WCAG 2.5.3), the area's name follows for screen readers
      weg.textContent = "verwijder";
      var wie = document.createElement("span");
      wie.className = "visueel-verborgen";
      wie.textContent = " " + (namen[code] || code);
      weg.appendChild(wie);
      weg.addEventListener("click", function () { kies(code); });
      li.appendChild(document.createTextNode((namen[code] || code) + " (" + code + ") "));
      li.appendChild(weg);
      lijst.appendChild(li);
    });
    knop.disabled = gekozen.length < min;
    status.textContent = gekozen.length
      ? gekozen.length + " gekozen" + (gekozen.length < min ? ": kies er nog " + (min - gekozen.length) : "") +
        (gekozen.length >= max ? " (maximaal " + max + ")" : "") + "."
      : "Nog niets gekozen: klik op " + min + " tot " + max + " gebieden op de kaart.";
  }
  function kies(code) {
    var i = gekozen.indexOf(code);
    if (i >= 0) { gekozen.splice(i, 1); } else if (gekozen.length < max) { gekozen.push(code); }
    bijwerken();
  }
  vak.addEventListener("gebied-gekozen", function (ev) { kies(ev.detail.code); });
  bijwerken();
})();
