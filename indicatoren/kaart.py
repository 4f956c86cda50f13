"""The map: class breaks, legend labels, summary and the Plotly choropleth, as plain functions.

No ORM, no request: rows in, dicts out, tested without a database. The map is drawn from the
stored GeoJSON (Plotly `choropleth` with `geojson`, the base map switched off): no tile server.

Colour is never the only carrier: every area's class label is in the hover and in the table,
areas without a number also get a cross marker, and the legend is an HTML list next to the map.
"""

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from lib.getallen import formatteer_getal
from lib.grafieken import kaart_layout, namen_spoor, plotly_tekst

# ColorBrewer YlGnBu (sequential, colour-blind safe), per number of classes.
SEQUENTIEEL = {
    1: ["#41b6c4"],
    2: ["#a1dab4", "#2c7fb8"],
    3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
    4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
    5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
}
# ColorBrewer PuOr (diverging, colour-blind safe): orange = less favourable, purple = more favourable,
# each side from the reference outwards (light next to the reference, dark far from it).
ONGUNSTIG = ["#fdb863", "#e66101"]
GUNSTIG = ["#b2abd2", "#5e3c99"]
GEEN_GETAL_KLEUR = "#bdbdbd"
GEEN_GETAL = "geen getal"
MAX_LABELS = 30
RAND_KLEUR = "#3d3d3d"
# Nice step multipliers, coarse to fine within one power of ten.
_VEELVOUDEN = (5, 2.5, 2, 1)


@dataclass(frozen=True)
class Klasse:
    """A map class: values v with van <= v < tot (or <= tot when tot_en_met)."""

    van: float
    tot: float
    tot_en_met: bool
    label: str
    kleur: str

    def bevat(self, waarde: float) -> bool:
        return self.van <= waarde and (waarde < self.tot or (self.tot_en_met and waarde <= self.tot))


def klasse_index(waarde: float | None, klassen: list[Klasse]) -> int | None:
    """The index of the class holding `waarde`; None for no number (never class 0)."""
    if waarde is None:
        return None
    for i, klasse in enumerate(klassen):
        if klasse.bevat(waarde):
            return i
    return None


def _decimalen_van(stap: float) -> int:
    for d in range(8):
        if abs(stap * 10**d - round(stap * 10**d)) < 1e-9:
            return d
    return 8


def _schoon(grenzen: list[float], waarden: list[float]) -> list[float]:
    """Strictly increasing breaks inside (min, max], each leaving no empty class."""
    laag, hoog = waarden[0], waarden[-1]
    uit: list[float] = []
    for b in sorted(set(grenzen)):
        if not laag < b <= hoog:
            continue
        onder = uit[-1] if uit else -math.inf
        # The class [onder, b) must hold a value, else drop the break.
        if any(onder <= v < b for v in waarden):
            uit.append(b)
    # The last class [b_last, max] must hold a value: it always does, since b_last <= max.
    return uit


def _indeling(waarden: list[float], grenzen: list[float]) -> list[int]:
    return [sum(1 for b in grenzen if v >= b) for v in waarden]


def nette_grenzen(waarden: list[float], klassen: int, *, decimalen: int = 0) -> tuple[list[float], int]:
    """Quantile breaks rounded to the coarsest 'nice' step (1, 2, 2.5, 5 x 10^n, not finer than the
    indicator's decimals) that keeps the number of classes and moves at most one in ten values
    to another class than the exact quantiles would. Returns (breaks, decimals for their labels)."""
    waarden = sorted(waarden)
    if klassen < 2 or len(set(waarden)) < 2:
        return [], decimalen
    ruw = _schoon(statistics.quantiles(waarden, n=klassen, method="inclusive"), waarden)
    if not ruw:
        return [], decimalen
    ruwe_indeling = _indeling(waarden, ruw)
    speling = max(1, len(waarden) // 10)
    spreiding = waarden[-1] - waarden[0]
    macht = math.ceil(math.log10(spreiding))
    for n in range(macht, -decimalen - 1, -1):
        for veelvoud in _VEELVOUDEN:
            stap = veelvoud * 10.0**n
            if _decimalen_van(stap) > decimalen:  # no 2,5 for whole counts
                continue
            grenzen = _schoon([round(round(b / stap) * stap, 10) for b in ruw], waarden)
            if len(grenzen) != len(ruw):
                continue
            verschoven = sum(a != b for a, b in zip(_indeling(waarden, grenzen), ruwe_indeling, strict=True))
            if verschoven <= speling:
                return grenzen, _decimalen_van(stap)
    return [round(b, decimalen) for b in ruw], decimalen


def _bereik_labels(van: float, grenzen: list[float], tot: float, d_rand: int, d_grens: int) -> list[str]:
    punten = [formatteer_getal(van, d_rand)] + [formatteer_getal(b, d_grens) for b in grenzen]
    punten.append(formatteer_getal(tot, d_rand))
    labels = [f"{a} tot {b}" for a, b in zip(punten[:-2], punten[1:-1], strict=True)]
    labels.append(f"{punten[-2]} tot en met {punten[-1]}")
    return labels


def _reeks(van: float, grenzen: list[float], tot: float) -> list[tuple[float, float, bool]]:
    randen = [van, *grenzen, tot]
    return [(a, b, i == len(randen) - 2) for i, (a, b) in enumerate(zip(randen, randen[1:], strict=False))]


def indeling(
    waarden: list[float | None],
    *,
    decimalen: int = 0,
    max_klassen: int = 5,
    referentie: float | None = None,
    referentie_naam: str = "Hengelo",
    polariteit: str = "neutraal",
) -> list[Klasse]:
    """Map classes for the numbers of one indicator (None = no number, left out).

    - no numbers: no classes; one distinct value, or no more distinct values than classes: one class
      per value (labelled with that value);
    - otherwise up to `max_klassen` quantile classes (about two areas per class at least) with nice,
      rounded breaks; the first class starts at the lowest value, the last ends at the highest;
    - with a reference (the gemeente's value) and a polarity hoger_beter/hoger_slechter: a diverging
      scheme, the reference is a break, one or two classes each side, orange for the less favourable
      side and purple for the more favourable one.
    """
    getallen = sorted(w for w in waarden if w is not None)
    if not getallen:
        return []
    verschillend = sorted(set(getallen))
    if referentie is not None and polariteit in ("hoger_beter", "hoger_slechter"):
        return _divergerend(getallen, referentie, referentie_naam, polariteit, decimalen)
    if len(verschillend) <= max_klassen:
        kleuren = SEQUENTIEEL[len(verschillend)]
        return [
            Klasse(v, v, True, formatteer_getal(v, decimalen), k) for v, k in zip(verschillend, kleuren, strict=True)
        ]
    grenzen, d_grens = nette_grenzen(getallen, min(max_klassen, max(2, len(getallen) // 2)), decimalen=decimalen)
    if not grenzen:  # cannot happen with more distinct values than classes, but never fail
        return [
            Klasse(
                getallen[0],
                getallen[-1],
                True,
                _bereik_labels(getallen[0], [], getallen[-1], decimalen, 0)[0],
                SEQUENTIEEL[1][0],
            )
        ]
    labels = _bereik_labels(getallen[0], grenzen, getallen[-1], decimalen, max(d_grens, 0))
    kleuren = SEQUENTIEEL[len(grenzen) + 1]
    return [
        Klasse(van, tot, incl, label, kleur)
        for (van, tot, incl), label, kleur in zip(
            _reeks(getallen[0], grenzen, getallen[-1]), labels, kleuren, strict=True
        )
    ]


def _divergerend(getallen, referentie, referentie_naam, polariteit, decimalen) -> list[Klasse]:
    lager = [v for v in getallen if v < referentie]
    hoger = [v for v in getallen if v >= referentie]
    hoger_is_gunstig = polariteit == "hoger_beter"
    ref_tekst = formatteer_getal(referentie, decimalen)
    klassen: list[Klasse] = []
    if lager:
        grenzen, d = nette_grenzen(lager, 2, decimalen=decimalen) if len(set(lager)) >= 4 else ([], decimalen)
        grenzen = [b for b in grenzen if b < referentie]
        palet = list(reversed((ONGUNSTIG if hoger_is_gunstig else GUNSTIG)[: len(grenzen) + 1]))
        woord = "ongunstiger" if hoger_is_gunstig else "gunstiger"
        randen = [lager[0], *grenzen, referentie]
        teksten = [formatteer_getal(lager[0], decimalen)] + [formatteer_getal(b, d) for b in grenzen] + [ref_tekst]
        for i, kleur in enumerate(palet):
            label = f"{teksten[i]} tot {teksten[i + 1]} (lager dan {referentie_naam}: {woord})"
            klassen.append(Klasse(randen[i], randen[i + 1], False, label, kleur))
    if hoger:
        grenzen, d = nette_grenzen(hoger, 2, decimalen=decimalen) if len(set(hoger)) >= 4 else ([], decimalen)
        grenzen = [b for b in grenzen if b > referentie]
        palet = (GUNSTIG if hoger_is_gunstig else ONGUNSTIG)[: len(grenzen) + 1]
        woord = "gunstiger" if hoger_is_gunstig else "ongunstiger"
        randen = [referentie, *grenzen, hoger[-1]]
        teksten = [ref_tekst] + [formatteer_getal(b, d) for b in grenzen] + [formatteer_getal(hoger[-1], decimalen)]
        for i, kleur in enumerate(palet):
            laatste = i == len(palet) - 1
            verbinding = "tot en met" if laatste else "tot"
            zijde = f"gelijk aan of hoger dan {referentie_naam}" if i == 0 else f"hoger dan {referentie_naam}"
            label = f"{teksten[i]} {verbinding} {teksten[i + 1]} ({zijde}: {woord})"
            klassen.append(Klasse(randen[i], randen[i + 1], laatste, label, kleur))
    return klassen


def klassenregel(klassen: list[Klasse], *, meervoud: str, referentie_naam: str = "", divergerend: bool = False) -> str:
    """The rule that made the classes, in one sentence for the legend (issue 11: no unexplained colours)."""
    if not klassen:
        return ""
    bereik = "Een klasse loopt van de ondergrens tot de bovengrens; de hoogste tot en met het hoogste getal."
    if divergerend:
        return (
            f"Indeling: de grens tussen oranje en paars is de waarde van {referentie_naam}. Aan elke kant één klasse, "
            "of twee (gesplitst bij de middelste waarde, afgerond) bij minstens vier verschillende waarden. " + bereik
        )
    if all(k.van == k.tot for k in klassen):
        n = len(klassen)
        return f"Indeling: één klasse per waarde ({n} verschillende waarde{'n' if n != 1 else ''})."
    return (
        f"Indeling: {len(klassen)} klassen met elk ongeveer even veel {meervoud} (kwantielen), de grenzen afgerond "
        "op een rond getal. " + bereik
    )


def met_eenheid(tekst: str, eenheid: str) -> str:
    if not eenheid or eenheid == "aantal":
        return tekst
    if eenheid == "%":
        return f"{tekst}%"
    return f"{tekst} {eenheid}"


@dataclass(frozen=True)
class KaartGebied:
    """One area on the map: its number as it may be shown (None = no number) and why not."""

    code: str
    naam: str
    geometrie: dict | None
    waarde: float | None
    tekst: str  # the shown value ("11.975", "12,5 (voorlopig)") or the status ("onbekend (CBS)")
    status: str
    reden: str
    url: str


def samenvatting(
    gebieden: list[KaartGebied], *, naam: str, jaar: str, meervoud: str, decimalen: int, eenheid: str
) -> str:
    """One sentence: highest and lowest area, and how many areas have no number."""
    met_getal = [g for g in gebieden if g.waarde is not None]
    zonder = len(gebieden) - len(met_getal)
    totaal = f"{zonder} van {len(gebieden)} {meervoud} zonder getal."
    if not met_getal:
        return f"{naam} {jaar}: voor geen van de {len(gebieden)} {meervoud} is een getal bekend."

    def waarde(g):
        return met_eenheid(formatteer_getal(g.waarde, decimalen), eenheid)

    if len(met_getal) == 1:
        g = met_getal[0]
        return f"{naam} {jaar}: alleen {g.naam} heeft een getal ({waarde(g)}); {totaal}"
    hoogste = max(met_getal, key=lambda g: g.waarde or 0.0)  # met_getal: every waarde is a number
    laagste = min(met_getal, key=lambda g: g.waarde or 0.0)
    if hoogste.waarde == laagste.waarde:
        return f"{naam} {jaar}: alle {meervoud} met een getal hebben {waarde(hoogste)}; {totaal}"
    return (
        f"{naam} {jaar}: hoogste waarde in {hoogste.naam} ({waarde(hoogste)}), "
        f"laagste in {laagste.naam} ({waarde(laagste)}); {totaal}"
    )


_html = plotly_tekst  # names and values in the hover are escaped like every chart's text


def _binnenpunt(geometrie: dict | None) -> tuple[float, float] | None:
    if geometrie is None:
        return None
    try:
        from shapely.geometry import shape

        punt = shape(geometrie).representative_point()
    except (ValueError, TypeError, AttributeError, KeyError, IndexError):
        return None
    return round(punt.x, 6), round(punt.y, 6)


def _tekstkleur(achtergrond: str) -> str:
    """#1a1a1a on a light colour, white on a dark one (relative luminance, WCAG formula)."""
    try:
        r, g, b = (int(achtergrond[i : i + 2], 16) / 255 for i in (1, 3, 5))
    except (ValueError, IndexError):
        return "#1a1a1a"

    def kanaal(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return "#ffffff" if 0.2126 * kanaal(r) + 0.7152 * kanaal(g) + 0.0722 * kanaal(b) < 0.18 else "#1a1a1a"


def is_stijl(url: str) -> bool:
    """A MapLibre style document (…/style.json) rather than a raster tile template ({z}/{x}/{y})."""
    return url.lower().split("?")[0].endswith(".json")


def ondergrond_stijl(url: str, bron: str = "") -> str | dict:
    """The `map.style` for a base layer: a style URL as it is, a tile template as a one-layer raster style."""
    if is_stijl(url):
        return url
    return {
        "version": 8,
        "sources": {"ondergrond": {"type": "raster", "tiles": [url], "tileSize": 256, "attribution": bron}},
        "layers": [{"id": "ondergrond", "type": "raster", "source": "ondergrond"}],
    }


def kaartbeeld(geometrieen: list[dict], *, hoogte: int = 660, breedte: int = 700) -> tuple[dict, float]:
    """Centre and zoom (web mercator) that fit the areas' bounding box in a canvas of about this size."""
    from shapely.geometry import shape
    from shapely.ops import unary_union

    x0, y0, x1, y1 = unary_union([shape(g) for g in geometrieen]).bounds

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    # MapLibre's zoom counts 512-pixel tiles: the world is 512 * 2**zoom pixels wide
    zoom_x = math.log2(breedte * 360 / (512 * max(x1 - x0, 1e-6)))
    zoom_y = math.log2(hoogte * 2 * math.pi / (512 * max(merc(y1) - merc(y0), 1e-9)))
    return {"lon": round((x0 + x1) / 2, 6), "lat": round((y0 + y1) / 2, 6)}, round(min(zoom_x, zoom_y) - 0.3, 2)


def kaart_figuur(
    gebieden: list[KaartGebied],
    klassen: list[Klasse],
    *,
    titel: str,
    eenheid: str,
    ondergrond: str = "",
    ondergrond_bron: str = "",
    hotspots: Sequence[tuple[str, str]] = (),
) -> dict:
    """A choropleth from the stored GeoJSON (feature id = CBS code), coloured by class.

    z is the class index; areas without a number get the extra last index, drawn grey, and a cross
    marker at an inner point. customdata[0] is the area's profile URL (opened on click).
    With `ondergrond` (settings.KAART_ONDERGROND_URL) the same areas are drawn half-transparent on that
    base layer (MapLibre `choroplethmap`); without it nothing is loaded from elsewhere (offline drawing)."""
    op_kaart = [g for g in gebieden if g.geometrie]
    geen = len(klassen)
    kleuren = [k.kleur for k in klassen] + [GEEN_GETAL_KLEUR]
    n = len(kleuren)
    schaal = []
    for i, kleur in enumerate(kleuren):
        schaal += [[i / n, kleur], [(i + 1) / n, kleur]]
    features = [
        {"type": "Feature", "id": g.code, "properties": {"naam": g.naam}, "geometry": g.geometrie} for g in op_kaart
    ]
    z, customdata = [], []
    for g in op_kaart:
        index = klasse_index(g.waarde, klassen)
        z.append(geen if index is None else index)
        if index is None:
            regel_waarde = f"Geen getal: {g.tekst}" + (f" ({g.reden})" if g.reden and g.reden != g.tekst else "")
            regel_klasse = f"Klasse: {GEEN_GETAL}"
        else:
            regel_waarde = f"Waarde: {met_eenheid(g.tekst, eenheid)}"
            regel_klasse = f"Klasse: {klassen[index].label}"
        customdata.append([g.url, _html(g.naam), g.code, _html(regel_waarde), _html(regel_klasse)])
    data = [
        {
            "type": "choropleth",
            "name": titel,
            "geojson": {"type": "FeatureCollection", "features": features},
            "featureidkey": "id",
            "locations": [g.code for g in op_kaart],
            "z": z,
            "zmin": -0.5,
            "zmax": n - 0.5,
            "colorscale": schaal,
            "showscale": False,
            "marker": {"line": {"color": RAND_KLEUR, "width": 0.8}},
            "customdata": customdata,
            "hovertemplate": "<b>%{customdata[1]}</b> (%{customdata[2]})<br>%{customdata[3]}<br>"
            "%{customdata[4]}<br><i>Klik voor het profiel</i><extra></extra>",
        }
    ]
    punten = [p for g in op_kaart if g.waarde is None and (p := _binnenpunt(g.geometrie))]
    if punten:
        data.append(
            {
                "type": "scattergeo",
                "name": GEEN_GETAL,
                "mode": "markers",
                "lon": [p[0] for p in punten],
                "lat": [p[1] for p in punten],
                "marker": {"symbol": "x-thin", "size": 7, "line": {"width": 1.5, "color": RAND_KLEUR}},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    # Area names on the map (issue 11), while they fit: up to 30 areas (the wijken; buurten only in part).
    labels = [(g, p) for g in op_kaart if (p := _binnenpunt(g.geometrie))] if len(op_kaart) <= MAX_LABELS else []
    if labels:
        # dark text on light classes, white on dark ones (readable on every class colour)
        tekstkleuren = [_tekstkleur(kleuren[z[op_kaart.index(g)]]) for g, _ in labels]
        data.append(namen_spoor([g.naam for g, _ in labels], [p for _, p in labels], kleur=tekstkleuren))
    # Hotspots (signals clearly above an area's own baseline): a star with its text on hover, listed below the map.
    per_code = {g.code: g for g in op_kaart}
    sterren = [(per_code[c], t, p) for c, t in hotspots if c in per_code and (p := _binnenpunt(per_code[c].geometrie))]
    if sterren:
        data.append(
            {
                "type": "scattergeo",
                "name": "Hotspots",
                "mode": "markers",
                "lon": [p[0] for _, _, p in sterren],
                "lat": [p[1] for _, _, p in sterren],
                "text": [_html(t) for _, t, _ in sterren],
                "customdata": [[g.url] for g, _, _ in sterren],
                "marker": {
                    "symbol": "star",
                    "size": 16,
                    "color": "#d4462b",
                    "line": {"width": 1.5, "color": "#1a1a1a"},
                },
                "hovertemplate": "<b>Hotspot</b><br>%{text}<extra></extra>",
                "showlegend": False,
            }
        )
    if ondergrond and op_kaart:
        return _op_ondergrond(data, op_kaart, labels, titel, ondergrond, ondergrond_bron)
    layout = kaart_layout(titel, height=720, margin={"l": 10, "r": 10, "t": 50, "b": 10})
    layout["title"].update({"x": 0.01, "xanchor": "left"})  # clear of the mode bar on the right
    return {"data": data, "layout": layout}


def _op_ondergrond(data: list[dict], op_kaart, labels, titel: str, url: str, bron: str) -> dict:
    """The offline traces turned into their MapLibre twins on the configured base layer."""
    vlakken = dict(data[0], type="choroplethmap", marker={"line": {"color": RAND_KLEUR, "width": 1}, "opacity": 0.72})
    vlakken.pop("geo", None)
    uit = [vlakken]
    for spoor in data[1:]:
        if spoor["name"] == GEEN_GETAL:
            # MapLibre draws symbols only from a sprite: a grey-rimmed circle marks 'geen getal' instead
            uit.append(dict(spoor, type="scattermap", marker={"size": 9, "color": GEEN_GETAL_KLEUR, "opacity": 0.9}))
        elif spoor["name"] == "Hotspots":
            uit.append(dict(spoor, type="scattermap", marker={"size": 16, "color": "#d4462b"}))
        elif spoor["name"] == "Namen" and is_stijl(url):
            # text needs the glyphs of a style; on a plain tile layer the names are in the hover and the table
            uit.append(dict(spoor, type="scattermap", textfont={"size": 12, "color": "#1a1a1a"}))
    centrum, zoom = kaartbeeld([g.geometrie for g in op_kaart])
    layout = kaart_layout(titel, height=720, margin={"l": 10, "r": 10, "t": 50, "b": 10})
    layout.pop("geo", None)
    layout["title"].update({"x": 0.01, "xanchor": "left"})
    layout["map"] = {"style": ondergrond_stijl(url, bron), "center": centrum, "zoom": zoom}
    return {"data": uit, "layout": layout}
