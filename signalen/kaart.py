"""The map to pick a signal's point: Hengelo's buurten from the stored GeoJSON as a Plotly choropleth
(no tiles, no internet), plus one marker trace for the chosen point. Plain functions, no ORM."""

from typing import NamedTuple

from lib.grafieken import kaart_layout

VLAK_KLEUR = "#e8eef6"
RAND_KLEUR = "#3d3d3d"
PUNT_KLEUR = "#d4462b"


class KaartBuurt(NamedTuple):
    code: str
    naam: str
    wijk: str
    geometrie: dict
    binnenpunt: tuple[float, float]  # (lon, lat) inside the buurt: the fallback when a click has no position


def kiesfiguur(buurten: list[KaartBuurt], *, punt: tuple[float, float] | None = None, jaar: int | None = None) -> dict:
    """Choropleth of the buurten (one neutral colour, names on hover) and trace 1: the chosen point.

    customdata per buurt: [code, name, lon, lat] (not a URL: clicking picks a point, it opens nothing)."""
    features = [{"type": "Feature", "id": b.code, "properties": {}, "geometry": b.geometrie} for b in buurten]
    data = [
        {
            "type": "choropleth",
            "name": "Buurten",
            "geojson": {"type": "FeatureCollection", "features": features},
            "featureidkey": "id",
            "locations": [b.code for b in buurten],
            "z": [0] * len(buurten),
            "zmin": 0,
            "zmax": 1,
            "colorscale": [[0, VLAK_KLEUR], [1, VLAK_KLEUR]],
            "showscale": False,
            "marker": {"line": {"color": RAND_KLEUR, "width": 0.8}},
            "customdata": [[b.code, b.naam, b.binnenpunt[0], b.binnenpunt[1]] for b in buurten],
            "text": [f"{b.naam} ({b.wijk})" for b in buurten],
            "hovertemplate": "<b>%{text}</b><br>Klik om hier het punt te zetten<extra></extra>",
        },
        {
            "type": "scattergeo",
            "name": "Gekozen punt",
            "mode": "markers",
            "lon": [punt[0]] if punt else [],
            "lat": [punt[1]] if punt else [],
            "marker": {"symbol": "x", "size": 14, "color": PUNT_KLEUR, "line": {"width": 3, "color": PUNT_KLEUR}},
            "hovertemplate": "Gekozen punt<br>%{lat:.5f} N, %{lon:.5f} O<extra></extra>",
            "showlegend": False,
        },
    ]
    titel = "Kies het punt: klik in een buurt" + (f" (grenzen {jaar})" if jaar else "")
    layout = kaart_layout(
        titel, height=520, margin={"l": 5, "r": 5, "t": 40, "b": 5}, clickmode="event", dragmode="pan"
    )
    return {"data": data, "layout": layout}


# --- hotspots on the indicator map (/kaart/, issue 11) ------------------------------------------------------


class KaartHotspot(NamedTuple):
    code: str  # the area on the map (the buurt, or its wijk on a map of wijken)
    tekst: str  # "Overlast: 9 signalen in 2026-11 (gemiddeld 2,1)"
    synthetisch: bool


def kaart_hotspots(*, toegang, indicator, niveau: str, periode: str) -> list[KaartHotspot]:
    """The hotspots (signalen.hotspots.hotspots_berekenen) of the month a map of a published signal count
    shows, for its category (all categories for the totals). indicatoren calls this through
    settings.KAART_HOTSPOTS and does not know this app. Nothing (and no query) for other indicators, for
    accounts that may not see figures over all signals, or for a yearly period."""
    from wijken import codes

    from .hotspots import hotspots_berekenen
    from .publicatie import DATASET
    from .regels import mag_signaalcijfers_zien

    if getattr(indicator.dataset, "code", "") != DATASET or len(periode) != 7:
        return []
    if niveau not in (codes.WIJK, codes.BUURT) or not mag_signaalcijfers_zien(toegang):
        return []
    categorie = indicator.code.split("_", 1)[1] if "_" in indicator.code else ""
    uit = []
    for h in hotspots_berekenen(maand=periode):
        if categorie and h.categorie.code != categorie:  # hotspots are per main category
            continue
        code = h.buurt.code if niveau == codes.BUURT else (h.buurt.ouder.code if h.buurt.ouder else "")
        gemiddelde = f"{h.beoordeling.gemiddelde:.1f}".replace(".", ",")
        uit.append(
            KaartHotspot(
                code,
                f"{h.categorie.naam} in {h.buurt.weergavenaam}: {h.beoordeling.laatste} signalen in {periode} "
                f"(eigen 12-maandsgemiddelde {gemiddelde})",
                bool(h.synthetisch),
            )
        )
    return uit
