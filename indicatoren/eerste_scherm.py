"""The first screen of a profile (issue 11): key-figure tiles with sparklines, the signals panel as small
multiples and the locator map's rows. Plain functions on plain rows (no ORM, no request), tested on small
hand-checked examples in tests/test_eerste_scherm.py.

Sparklines and small multiples are drawn as inline SVG built here (no JavaScript, nothing to wait for on a
phone); the numbers they show are always printed next to them, so the picture is never the only carrier.
"""

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from lib.getallen import formatteer_getal
from lib.grafieken import kaart_layout, namen_spoor
from lib.perioden import maand_label

from .profiel import DomeinProfiel, Kengetal, ProfielWaarde
from .weergave import toon_waarde

JAAR = re.compile(r"^\d{4}$")
MAAND = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
SIGNALEN_DOMEIN = "signalen"
PER_1000 = "per 1.000 inwoners"


# --- sparkline ----------------------------------------------------------------------------------------


@dataclass
class Lijn:
    """One series as SVG polylines (a gap in the data breaks the line) and its dots."""

    segmenten: list[str]  # each "x,y x,y ..." for one <polyline>
    punten: list[tuple[float, float]]  # (x, y) of every known value


@dataclass
class Sparkline:
    breedte: int
    hoogte: int
    lijn: Lijn
    laatste: tuple[float, float]  # (x, y) of the last known value: drawn as a dot
    eerste_periode: str
    laatste_periode: str
    minimum: float
    maximum: float
    aantal: int  # periods with a number

    @property
    def punt_x(self) -> str:  # as text: the template would localise a float to "117,0", invalid in SVG
        return f"{self.laatste[0]:g}"

    @property
    def punt_y(self) -> str:
        return f"{self.laatste[1]:g}"

    @property
    def beschrijving(self) -> str:
        return (
            f"{maand_label(self.eerste_periode)} tot en met {maand_label(self.laatste_periode)}, {self.aantal} perioden"
        )


def _lijn(waarden: list[float | None], *, breedte: float, hoogte: float, laag: float, hoog: float, rand: float) -> Lijn:
    n = len(waarden)
    bereik = hoog - laag

    def xy(i: int, w: float) -> tuple[float, float]:
        x = rand + (breedte - 2 * rand) * (i / (n - 1) if n > 1 else 0.5)
        y = hoogte - rand - (hoogte - 2 * rand) * ((w - laag) / bereik if bereik else 0.5)
        return round(x, 1), round(y, 1)

    segmenten, huidig, punten = [], [], []
    for i, w in enumerate(waarden):
        if w is None:
            if huidig:
                segmenten.append(huidig)
            huidig = []
            continue
        p = xy(i, w)
        huidig.append(p)
        punten.append(p)
    if huidig:
        segmenten.append(huidig)
    return Lijn([" ".join(f"{x:g},{y:g}" for x, y in s) for s in segmenten if len(s) > 1], punten)


def sparkline(reeks: list[tuple[str, float | None]], *, breedte: int = 120, hoogte: int = 32) -> Sparkline | None:
    """A sparkline of (periode, value) pairs, oldest first; None when fewer than two periods have a number.

    y runs from the series' minimum (bottom) to its maximum (top); a period without a number breaks the line."""
    reeks = sorted(reeks, key=lambda r: r[0])
    getallen = [w for _, w in reeks if w is not None]
    if len(getallen) < 2:
        return None
    bekend = [p for p, w in reeks if w is not None]
    laag, hoog = min(getallen), max(getallen)
    lijn = _lijn([w for _, w in reeks], breedte=breedte, hoogte=hoogte, laag=laag, hoog=hoog, rand=3)
    return Sparkline(breedte, hoogte, lijn, lijn.punten[-1], bekend[0], bekend[-1], laag, hoog, len(getallen))


# --- tiles --------------------------------------------------------------------------------------------


@dataclass
class Tegel:
    kengetal: Kengetal
    sparkline: Sparkline | None
    zin: str  # "11.975 inwoners in 2024": the number in a sentence, with its period

    @property
    def indicator(self):
        return self.kengetal.indicator


def getal_met_eenheid(getal_tekst: str, eenheid: str, naam: str = "") -> str:
    """A number with its unit as a reader says it: '11.975 inwoners' (not '11.975 aantal'), '50,6%', '363 ha'.
    A count takes its noun from an indicator name 'Aantal ...'; without one the bare number stands."""
    if eenheid == "aantal":
        return f"{getal_tekst} {naam[7:]}" if naam.lower().startswith("aantal ") else getal_tekst
    if eenheid == "%":
        return f"{getal_tekst}%"
    return f"{getal_tekst} {eenheid}" if eenheid else getal_tekst


def zin_bij(getal_tekst: str, eenheid: str, naam: str, periode: str) -> str:
    """The number in a natural Dutch phrase with its period: '11.975 inwoners (2024)'."""
    if eenheid in ("", "aantal") and not naam.lower().startswith("aantal "):
        tekst = f"{getal_tekst} {naam.lower()}"
    else:
        tekst = getal_met_eenheid(getal_tekst, eenheid, naam)
    return f"{tekst} ({maand_label(periode)})"


def _reeksen(rijen: list[ProfielWaarde], gebied_id: int) -> dict[int, list[tuple[str, float | None]]]:
    """Per indicator id the area's (periode, shown number) pairs; hidden numbers (secret, below the
    threshold) stay None, so a sparkline never reveals what the table does not show."""
    reeksen: dict[int, list[tuple[str, float | None]]] = defaultdict(list)
    for rij in rijen:
        if rij.gebied_id == gebied_id:
            reeksen[rij.indicator.id].append((rij.periode, toon_waarde(rij).waarde))
    return reeksen


def kies_tegels(domeinen: list[DomeinProfiel], *, maximaal: int = 8) -> list[Kengetal]:
    """Up to `maximaal` key figures for the tiles: the kernset first, taken in turn from each domain (so the
    tiles cover the themes, not eight population counts), figures with a number before those without;
    the signals domain has its own panel and gives no tiles. Filled up from the other indicators when the
    kernset has fewer than `maximaal` with a number."""
    bruikbaar = [d for d in domeinen if d.domein.code != SIGNALEN_DOMEIN]

    def om_beurten(lijsten: list[list[Kengetal]]) -> list[Kengetal]:
        uit, i = [], 0
        while any(i < len(lijst) for lijst in lijsten):
            uit += [lijst[i] for lijst in lijsten if i < len(lijst)]
            i += 1
        return uit

    kern = om_beurten([[k for k in d.kernset if k.eigen.waarde is not None] for d in bruikbaar])
    # Outside the kernset: rates and shares before plain counts (Mannen says less than Aandeel mannen).
    rest = om_beurten(
        [
            sorted((k for k in d.overig if k.eigen.waarde is not None), key=lambda k: bool(k.indicator.absoluut))
            for d in bruikbaar
        ]
    )
    zonder = om_beurten([[k for k in d.kernset if k.eigen.waarde is None] for d in bruikbaar])
    return (kern + rest + zonder)[:maximaal]


def bouw_tegels(
    domeinen: list[DomeinProfiel], rijen: list[ProfielWaarde], gebied_id: int, *, maximaal: int = 8
) -> list[Tegel]:
    reeksen = _reeksen(rijen, gebied_id)
    tegels = []
    for k in kies_tegels(domeinen, maximaal=maximaal):
        ind = k.indicator
        soort = MAAND if MAAND.match(k.periode) else JAAR
        reeks = [(p, w) for p, w in reeksen.get(ind.id, []) if soort.match(p)]
        zin = zin_bij(k.eigen.tekst, ind.eenheid, ind.naam, k.periode) if k.eigen.waarde is not None else ""
        tegels.append(Tegel(k, sparkline(reeks), zin))
    return tegels


# --- signals panel: small multiples -------------------------------------------------------------------


@dataclass
class Paneel:
    """One category: the rate per 1,000 inhabitants per month for the area and for Hengelo."""

    code: str
    naam: str
    maanden: list[str]
    eigen: list[float | None]
    gemeente: list[float | None]
    per_1000: bool = True  # False: counts (no inhabitants known), without the Hengelo line
    breedte: int = 220
    hoogte: int = 70
    lijn_eigen: Lijn | None = None
    lijn_gemeente: Lijn | None = None
    hoogste: float = 0.0

    @property
    def hoogste_tekst(self) -> str:
        return formatteer_getal(self.hoogste, 2 if self.per_1000 else 0)

    @property
    def gemiddelde_eigen(self) -> float | None:
        return _gemiddelde(self.eigen[-12:])

    @property
    def gemiddelde_gemeente(self) -> float | None:
        return _gemiddelde(self.gemeente[-12:])

    @property
    def zin(self) -> str:
        """The last 12 complete months in one sentence, with both numbers."""
        e, h = self.gemiddelde_eigen, self.gemiddelde_gemeente
        laatste12 = self.maanden[-12:]
        periode = f"{maand_label(laatste12[0])} t/m {maand_label(laatste12[-1])}"
        if e is None:
            return f"Geen cijfers voor {periode}."
        if not self.per_1000:
            return f"Gemiddeld {formatteer_getal(e, 1)} signalen per maand ({periode})."
        tekst = f"Gemiddeld {formatteer_getal(e, 2)} per 1.000 inwoners per maand ({periode})"
        if h is not None:
            tekst += f"; Hengelo {formatteer_getal(h, 2)}"
        return tekst + "."

    @property
    def oordeel(self) -> str:
        """'hoger' / 'lager' / 'vergelijkbaar' than Hengelo over the last 12 months (10% margin), '' without numbers."""
        e, h = self.gemiddelde_eigen, self.gemiddelde_gemeente
        if e is None or h is None:
            return ""
        if h == 0:
            return "hoger" if e > 0 else "vergelijkbaar"
        verschil = (e - h) / h
        return "hoger" if verschil > 0.1 else "lager" if verschil < -0.1 else "vergelijkbaar"


def _gemiddelde(waarden: list[float | None]) -> float | None:
    getallen = [w for w in waarden if w is not None]
    return statistics.fmean(getallen) if getallen else None


def categorie_naam(indicator_naam: str) -> str:
    """'Signalen zwerfvuil per 1.000 inwoners (per maand)' -> 'Zwerfvuil'; 'Signalen per 1.000 ...' -> 'Alle signalen';
    'Signalen groen (aantal per maand)' -> 'Groen'."""
    naam = re.sub(r"\s*(per 1\.000 inwoners|\(aantal per maand\)).*$", "", indicator_naam).strip()
    naam = re.sub(r"^Signalen\s*", "", naam).strip()
    return naam[:1].upper() + naam[1:] if naam else "Alle signalen"


def signalen_panelen(
    rijen: list[ProfielWaarde], *, gebied_id: int, gemeente_id: int | None, maanden: list[str], eenheid: str = PER_1000
) -> list[Paneel]:
    """Small multiples of the monthly signal rates (per 1,000 inhabitants) of the area against Hengelo over
    `maanden` (complete months only, see `laatste_volledige_maanden`). The total comes first, then the
    categories by the area's rate over the last 12 months, highest first. Panels without any number in the
    period are left out. Each panel has its own y-scale (from 0 to its highest value, printed)."""
    index = {m: i for i, m in enumerate(maanden)}
    per_indicator: dict[int, dict] = {}
    for rij in rijen:
        ind = rij.indicator
        if ind.domein.code != SIGNALEN_DOMEIN or ind.eenheid != eenheid or rij.periode not in index:
            continue
        if rij.gebied_id not in (gebied_id, gemeente_id):
            continue
        p = per_indicator.setdefault(
            ind.id, {"ind": ind, "eigen": [None] * len(maanden), "gemeente": [None] * len(maanden)}
        )
        reeks = p["eigen"] if rij.gebied_id == gebied_id else p["gemeente"]
        reeks[index[rij.periode]] = toon_waarde(rij).waarde
    panelen = []
    for p in per_indicator.values():
        ind = p["ind"]
        if all(w is None for w in p["eigen"]):
            continue
        if gemeente_id == gebied_id:
            p["gemeente"] = [None] * len(maanden)
        panelen.append(
            Paneel(ind.code, categorie_naam(ind.naam), maanden, p["eigen"], p["gemeente"], per_1000=eenheid == PER_1000)
        )
    totaal = [p for p in panelen if p.naam == "Alle signalen"]
    rest = sorted(
        (p for p in panelen if p.naam != "Alle signalen" and not p.naam.lower().startswith("van ")),
        key=lambda p: (-(p.gemiddelde_eigen or 0), p.naam),
    )
    panelen = totaal + rest
    for p in panelen:
        getallen = [w for w in p.eigen + p.gemeente if w is not None]
        p.hoogste = max(getallen) if getallen else 0.0
        hoog = p.hoogste or 1.0
        if not p.per_1000:
            p.gemeente = [None] * len(maanden)  # counts of a buurt and of the city are not comparable
        p.lijn_eigen = _lijn(p.eigen, breedte=p.breedte, hoogte=p.hoogte, laag=0, hoog=hoog, rand=4)
        p.lijn_gemeente = _lijn(p.gemeente, breedte=p.breedte, hoogte=p.hoogte, laag=0, hoog=hoog, rand=4)
    return panelen


@dataclass
class EersteScherm:
    tegels: list[Tegel] = field(default_factory=list)
    panelen: list[Paneel] = field(default_factory=list)
    maanden: list[str] = field(default_factory=list)
    per_1000: bool = True

    @property
    def eerste_maand(self) -> str:
        return maand_label(self.maanden[0]) if self.maanden else ""

    @property
    def laatste_maand(self) -> str:
        return maand_label(self.maanden[-1]) if self.maanden else ""

    @property
    def periode_signalen(self) -> str:
        return f"{maand_label(self.maanden[0])} t/m {maand_label(self.maanden[-1])}" if self.maanden else ""


# --- locator map --------------------------------------------------------------------------------------

CONTEXT_KLEUR = "#eeeeee"
FOCUS_RAND = "#1a1a1a"


@dataclass
class Omgeving:
    """An area drawn as grey context around the coloured ones (a neighbouring wijk), clickable."""

    code: str
    naam: str
    geometrie: dict | None
    url: str


def locatiekaart_figuur(
    gekleurd: list, klassen: list, *, omgeving: list[Omgeving], focus: Omgeving | None, titel: str, eenheid: str
) -> dict:
    """The profile's locator map: the coloured areas (`KaartGebied` rows, classes as on /kaart/) drawn over
    the grey surrounding wijken, and the profile's own area outlined thick on top. Every area opens its
    profile on click (customdata[0] is its URL)."""
    from .kaart import kaart_figuur

    figuur = kaart_figuur(gekleurd, klassen, titel=titel, eenheid=eenheid)
    rondom = [o for o in omgeving if o.geometrie]
    if rondom:
        figuur["data"].insert(
            0,
            {
                "type": "choropleth",
                "name": "Andere wijken",
                "geojson": {
                    "type": "FeatureCollection",
                    "features": [{"type": "Feature", "id": o.code, "geometry": o.geometrie} for o in rondom],
                },
                "featureidkey": "id",
                "locations": [o.code for o in rondom],
                "z": [0] * len(rondom),
                "zmin": 0,
                "zmax": 1,
                "colorscale": [[0, CONTEXT_KLEUR], [1, CONTEXT_KLEUR]],
                "showscale": False,
                "marker": {"line": {"color": "#9e9e9e", "width": 0.6}},
                "customdata": [[o.url, o.naam] for o in rondom],
                "hovertemplate": "<b>%{customdata[1]}</b><br><i>Klik voor het profiel</i><extra></extra>",
            },
        )
    if focus is not None and focus.geometrie:
        figuur["data"].append(
            {
                "type": "choropleth",
                "name": focus.naam,
                "geojson": {
                    "type": "FeatureCollection",
                    "features": [{"type": "Feature", "id": focus.code, "geometry": focus.geometrie}],
                },
                "featureidkey": "id",
                "locations": [focus.code],
                "z": [0],
                "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                "showscale": False,
                "marker": {"line": {"color": FOCUS_RAND, "width": 3}},
                "hoverinfo": "skip",
            }
        )
    figuur["layout"]["title"] = {"text": ""}  # the figure caption above the map carries the title
    figuur["layout"]["height"] = 420
    figuur["layout"]["margin"] = {"l": 5, "r": 5, "t": 5, "b": 5}
    return figuur


# --- city map (home page) -----------------------------------------------------------------------------

STAD_KLEUR = "#dbe6f1"


def stadskaart_figuur(wijken: list[Omgeving], *, gemarkeerd: frozenset[str] = frozenset()) -> dict:
    """The wijken of the city, each with its name on the map; a click opens the wijk's profile
    (customdata[0] is its URL). Wijken in `gemarkeerd` (e.g. the user's portfolio) are drawn darker."""
    from .kaart import RAND_KLEUR, _binnenpunt

    op_kaart = [w for w in wijken if w.geometrie]
    data = [
        {
            "type": "choropleth",
            "name": "Wijken",
            "geojson": {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "id": w.code, "geometry": w.geometrie} for w in op_kaart],
            },
            "featureidkey": "id",
            "locations": [w.code for w in op_kaart],
            "z": [1 if w.code in gemarkeerd else 0 for w in op_kaart],
            "zmin": 0,
            "zmax": 1,
            "colorscale": [[0, STAD_KLEUR], [0.5, STAD_KLEUR], [0.5, "#8fb1d6"], [1, "#8fb1d6"]],
            "showscale": False,
            "marker": {"line": {"color": RAND_KLEUR, "width": 1}},
            "customdata": [[w.url, w.naam] for w in op_kaart],
            "hovertemplate": "<b>%{customdata[1]}</b><br><i>Klik voor het profiel</i><extra></extra>",
        }
    ]
    labels = [(w, p) for w in op_kaart if (p := _binnenpunt(w.geometrie))]
    if labels:
        data.append(
            namen_spoor(
                [w.naam for w, _ in labels],
                [p for _, p in labels],
                kleur="#1a1a1a",
                customdata=[[w.url, w.naam] for w, _ in labels],
                hovertemplate="<b>%{customdata[1]}</b><br><i>Klik voor het profiel</i><extra></extra>",
            )
        )
    layout = kaart_layout("", title={"text": ""}, height=480, margin={"l": 5, "r": 5, "t": 5, "b": 5})
    return {"data": data, "layout": layout}
