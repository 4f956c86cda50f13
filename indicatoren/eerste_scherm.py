"""The first screen of a profile (issue 11): key-figure tiles with sparklines, and the month helpers they
share with the signals panel (`signalenpaneel.py`) and the locator map (`locatiekaart.py`). Plain functions
on plain rows (no ORM, no request), tested on small hand-checked examples in tests/indicatoren/test_eerste_scherm.py.

Sparklines and small multiples are drawn as inline SVG built here (no JavaScript, nothing to wait for on a
phone); the numbers they show are always printed next to them, so the picture is never the only carrier.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lib.perioden import maand_label

from .profiel import DomeinProfiel, Kengetal, ProfielWaarde
from .weergave import toon_waarde

if TYPE_CHECKING:
    from .signalenpaneel import Paneel

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

    segmenten: list[list[tuple[float, float]]] = []
    huidig: list[tuple[float, float]] = []
    punten: list[tuple[float, float]] = []
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


@dataclass
class EersteScherm:
    tegels: list[Tegel] = field(default_factory=list)
    panelen: "list[Paneel]" = field(default_factory=list)
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
