// The map on /signalen/nieuw/: Hengelo's buurten (stored GeoJSON, no tiles). A click in a buurt puts
// the point there: lon/lat from the map projection at the clicked position, or the buurt's inner point
// when the projection is not available. The lon/lat inputs stay the accessible way in, and typing in
// them moves the marker. No inline script (CSP script-src 'self').
(function () {
  "use strict";

  function getal(tekst) {
    var x = parseFloat(String(tekst || "").replace(",", "."));
    return isFinite(x) ? x : null;
  }

  function start(vlak) {
    var bron = document.getElementById(vlak.dataset.signalenkaart);
    var lonVeld = document.getElementById(vlak.dataset.lon);
    var latVeld = document.getElementById(vlak.dataset.lat);
    var uitvoer = document.getElementById(vlak.dataset.uitvoer);
    if (!bron || !lonVeld || !latVeld || typeof Plotly === "undefined") { return; }
    var figuur = JSON.parse(bron.textContent);
    // On a phone the map is as high as it is wide (no empty bands above and below the fitted buurten) and
    // the title wraps instead of running off the canvas.
    if (vlak.clientWidth && vlak.clientWidth < 560) {
      figuur.layout.height = Math.max(320, Math.round(vlak.clientWidth * 1.05));
      if (figuur.layout.title && figuur.layout.title.text) {
        figuur.layout.title.text = String(figuur.layout.title.text).replace(": ", ":<br>");
        figuur.layout.title.font = Object.assign({}, figuur.layout.title.font, { size: 14 });
        figuur.layout.margin = Object.assign({}, figuur.layout.margin, { t: 56 });
      }
    }
    var config = { responsive: true, displaylogo: false, scrollZoom: true, locale: "nl",
                   modeBarButtonsToRemove: ["sendDataToCloud", "select2d", "lasso2d"] };

    function zetMarker(lon, lat) {
      Plotly.restyle(vlak, { lon: [lon === null ? [] : [lon]], lat: [lat === null ? [] : [lat]] }, [1]);
    }

    // The portfolio check on click (the server checks again on submit): null = every area is allowed.
    var portefeuilleBron = document.getElementById(vlak.dataset.portefeuille || "");
    var portefeuille = portefeuilleBron ? JSON.parse(portefeuilleBron.textContent) : null;
    var melding = document.getElementById(vlak.dataset.melding || "");
    function controleer(buurtcode, wijkcode, naam) {
      if (!melding) { return; }
      if (!portefeuille) { melding.hidden = true; return; }
      wijkcode = wijkcode || (buurtcode ? "WK" + buurtcode.substr(2, 6) : "");
      var mag = buurtcode ? portefeuille.buurten.indexOf(buurtcode) >= 0 : portefeuille.wijken.indexOf(wijkcode) >= 0;
      if (!buurtcode && !wijkcode) { melding.hidden = true; return; }
      melding.hidden = mag;
      melding.textContent = mag ? "" : (naam || "Dit punt") + " valt niet in uw portefeuille: alleen de " +
        "stadsdeelregisseur van die wijk kan er signalen melden. Kies een punt in uw eigen wijken of geef het signaal door.";
    }

    function kies(lon, lat, buurt, buurtcode, wijkcode) {
      controleer(buurtcode, wijkcode, buurt);
      lonVeld.value = lon.toFixed(6);
      latVeld.value = lat.toFixed(6);
      zetMarker(lon, lat);
      if (uitvoer) {
        uitvoer.textContent = "Gekozen punt: " + lat.toFixed(5) + " N, " + lon.toFixed(5) + " O" +
          (buurt ? " (buurt " + buurt + ")" : "") + ". De buurt wordt bij opslaan vastgesteld.";
      }
      lonVeld.dispatchEvent(new Event("change", { bubbles: true }));
    }

    // lon/lat of a mouse event via the geo subplot's projection (plotly.js geo: projection.invert of
    // the position in the main SVG); null when this plotly.js does not expose it.
    function positie(ev) {
      try {
        var geo = vlak._fullLayout.geo._subplot;
        var svg = vlak.querySelector(".main-svg");
        if (!geo || !geo.projection || !svg || !ev) { return null; }
        var kader = svg.getBoundingClientRect();
        var p = geo.projection.invert([ev.clientX - kader.left, ev.clientY - kader.top]);
        if (!p || !isFinite(p[0]) || !isFinite(p[1])) { return null; }
        return p;
      } catch (e) {
        return null;
      }
    }

    Plotly.newPlot(vlak, figuur.data, figuur.layout, config).then(function () {
      vlak.querySelectorAll(".modebar-btn").forEach(function (knop) { knop.setAttribute("tabindex", "-1"); });
      vlak.classList.add("grafiek__vlak--klaar");
      vlak.on("plotly_click", function (data) {
        var punt = data && data.points && data.points[0];
        if (!punt || punt.curveNumber !== 0) { return; }
        var extra = punt.customdata || [];
        var p = positie(data.event);
        if (p) { kies(p[0], p[1], extra[1], extra[0]); } else if (extra.length >= 4) { kies(extra[2], extra[3], extra[1], extra[0]); }
      });
    });

    function uitVelden() {
      var lon = getal(lonVeld.value), lat = getal(latVeld.value);
      if (lon !== null && lat !== null) { zetMarker(lon, lat); } else if (!lonVeld.value && !latVeld.value) { zetMarker(null, null); }
    }
    vlak.kiesPunt = kies;  // for the address lookup below
    lonVeld.addEventListener("input", uitVelden);
    latVeld.addEventListener("input", uitVelden);
  }

  // Address lookup (PDOK Locatieserver through /zoeken/adres.json): a chosen address places the point.
  function adreszoeker(blok) {
    var veld = blok.querySelector("input[type=search]");
    var knop = blok.querySelector("button");
    var uit = blok.querySelector("[aria-live]");
    var vlak = document.getElementById(blok.dataset.doel);
    blok.hidden = false;
    function toon(tekst) { uit.textContent = ""; var p = document.createElement("p"); p.className = "hulptekst"; p.textContent = tekst; uit.appendChild(p); }
    function zoek() {
      var term = veld.value.trim();
      if (!term) { toon("Typ een straat, adres of postcode."); return; }
      toon("Zoeken…");
      fetch(blok.dataset.adreszoeker + "?q=" + encodeURIComponent(term), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
        .then(function (data) {
          if (data.fout) { toon(data.fout); return; }
          if (!data.adressen.length) { toon("Geen adres gevonden voor ‘" + term + "’ in deze gemeente."); return; }
          uit.textContent = "";
          var lijst = document.createElement("ul");
          lijst.className = "sig-adressen";
          data.adressen.forEach(function (a) {
            var li = document.createElement("li");
            var b = document.createElement("button");
            b.type = "button";
            b.className = "link-knop";
            b.textContent = a.weergavenaam + (a.buurt ? " (buurt " + a.buurt + ")" : a.wijk ? " (wijk " + a.wijk + ")" : "");
            b.addEventListener("click", function () {
              if (vlak && vlak.kiesPunt) { vlak.kiesPunt(a.lon, a.lat, a.buurt || a.wijk || a.weergavenaam, a.buurtcode, a.wijkcode); }
              toon("Gekozen: " + a.weergavenaam + ".");
            });
            li.appendChild(b);
            lijst.appendChild(li);
          });
          var kop = document.createElement("p");
          kop.className = "hulptekst";
          kop.textContent = data.adressen.length + " gevonden; kies er een:";
          uit.appendChild(kop);
          uit.appendChild(lijst);
        })
        .catch(function () { toon("Het adres kon niet worden opgezocht. Klik dan op de kaart of vul de coördinaten in."); });
    }
    knop.addEventListener("click", zoek);
    veld.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); zoek(); } });
  }

  function alles() {
    document.querySelectorAll("[data-signalenkaart]").forEach(start);
    document.querySelectorAll("[data-adreszoeker]").forEach(adreszoeker);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", alles); } else { alles(); }
})();
