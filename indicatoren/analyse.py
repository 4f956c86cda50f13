"""Combining indicators: pairs for a scatter with Pearson's r, and a composite index per domain.

Plain functions on plain rows (no ORM, no request), tested on hand-checked examples without a database.
Values come in as `Getoond` (see weergave.toon): a value with a CBS status or under the disclosure
threshold has no number and is left out with its reason, never counted as 0.

Composite index (in the style of Rotterdam's Wijkprofiel)
---------------------------------------------------------
Each indicator is standardised as a ratio to the Hengelo value in a chosen base year, so that
Hengelo = 100, and its polarity is applied:

    hoger_beter     score = 100 * gebied / Hengelo(basisjaar)
    hoger_slechter  score = 100 * Hengelo(basisjaar) / gebied

The index of a domain is the plain (unweighted) mean of the scores of its usable indicators.
Above 100 is better than Hengelo, below 100 worse; 120 means "20% better than Hengelo".

Why a ratio (and not z-scores or ranks): a ratio keeps the meaning of the number ("a fifth more than
Hengelo") and a fixed reference, so the index of a later year against the same base year shows real
change, not a moving average; z-scores depend on the spread of the other areas and change when one
area changes. Why the inverse for hoger_slechter (not 200 - ratio): it stays positive and treats
better and worse alike on a multiplicative scale (twice the Hengelo unemployment gives 50, just as
half the Hengelo income gives 50), whereas 200 - ratio goes below 0 for values over twice Hengelo.

What is left out (always with its reason, shown on the page):
- absoluut indicators (counts and totals such as inwoners or hectares): they grow with the size of
  the area, so a ratio to the whole of Hengelo says nothing about better or worse;
- neutral indicators: they have no better/worse direction;
- a value without a number for the area in the year, or for Hengelo in the base year;
- a Hengelo value of 0 (no ratio), an area value of 0 for hoger_slechter (the inverse is undefined),
  and negative values (a ratio only makes sense for positive quantities).
A domain without any usable indicator gets no index ("geen index: geen bruikbare indicatoren").
"""

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lib.getallen import formatteer_getal

from .models import Domein, Indicator, Polariteit
from .weergave import Getoond

# --- pairs and correlation ------------------------------------------------------------------------

MINIMUM_N = 3


@dataclass(frozen=True)
class Spreidingspunt:
    code: str
    naam: str
    x: float
    y: float


@dataclass(frozen=True)
class Weggelaten:
    code: str
    naam: str
    reden_x: str  # "" when x has a number
    reden_y: str  # "" when y has a number


@dataclass
class Koppeling:
    punten: list[Spreidingspunt]
    weggelaten: list[Weggelaten]

    @property
    def n(self) -> int:
        return len(self.punten)

    @property
    def zonder_x(self) -> int:
        return sum(1 for w in self.weggelaten if w.reden_x)

    @property
    def zonder_y(self) -> int:
        return sum(1 for w in self.weggelaten if w.reden_y)


GEEN_WAARDE = "geen waarde geladen"


def koppel(gebieden: Iterable[tuple[str, str]], x: Mapping[str, Getoond], y: Mapping[str, Getoond]) -> Koppeling:
    """Pair the x and y value of every area (code, naam); an area enters the scatter only when both
    have a number. Areas without a number for x or y are kept in `weggelaten` with the reason."""
    punten, weggelaten = [], []
    for code, naam in gebieden:
        gx, gy = x.get(code), y.get(code)
        reden_x = GEEN_WAARDE if gx is None else ("" if gx.waarde is not None else gx.reden or gx.tekst)
        reden_y = GEEN_WAARDE if gy is None else ("" if gy.waarde is not None else gy.reden or gy.tekst)
        if reden_x or reden_y:
            weggelaten.append(Weggelaten(code, naam, reden_x, reden_y))
        else:
            assert gx is not None and gy is not None and gx.waarde is not None and gy.waarde is not None
            punten.append(Spreidingspunt(code, naam, gx.waarde, gy.waarde))
    return Koppeling(punten, weggelaten)


def pearson(paren: Iterable[tuple[float, float]]) -> float | None:
    """Pearson's correlation coefficient, or None with fewer than 3 pairs or without spread."""
    paren = list(paren)
    n = len(paren)
    if n < MINIMUM_N:
        return None
    try:
        r = statistics.correlation([x for x, _ in paren], [y for _, y in paren])
    except statistics.StatisticsError:  # no spread in x or y
        return None
    return max(-1.0, min(1.0, r))


def sterkte(r: float) -> str:
    """Plain Dutch for the size of r (rules of thumb after Cohen: 0,1 / 0,3 / 0,5)."""
    a = abs(r)
    if a < 0.1:
        return "geen of nauwelijks"
    if a < 0.3:
        return "zwak"
    if a < 0.5:
        return "matig"
    return "sterk"


BIJVOEGLIJK = {"zwak": "zwakke", "matig": "matige", "sterk": "sterke"}


def lees_samenhang(r: float | None, n: int, *, eenheid: str = "gebieden") -> str:
    """One sentence reading r for a reader without statistics."""
    if n < MINIMUM_N:
        return f"Te weinig gebieden om een samenhang te berekenen ({n} met beide getallen, minstens {MINIMUM_N} nodig)."
    if r is None:
        return "Geen samenhang te berekenen: een van beide indicatoren heeft in alle gebieden hetzelfde getal."
    woord = sterkte(r)
    if woord == "geen of nauwelijks":
        return f"r = {formatteer_getal(r, 2)} over {n} {eenheid}: geen of nauwelijks samenhang."
    richting = "positieve" if r > 0 else "negatieve"
    uitleg = (
        "waar de ene hoger is, is de andere meestal ook hoger"
        if r > 0
        else "waar de ene hoger is, is de andere meestal lager"
    )
    return f"r = {formatteer_getal(r, 2)} over {n} {eenheid}: {BIJVOEGLIJK[woord]} {richting} samenhang ({uitleg})."


def gemiddelde(getallen: Iterable[float]) -> float | None:
    getallen = list(getallen)
    return statistics.fmean(getallen) if getallen else None


# --- composite index --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    indicator: Indicator
    waarde: float
    referentie: float
    score: float
    getoond: Getoond | None = None  # the area's value as shown (Dutch notation, status)
    referentie_getoond: Getoond | None = None

    @property
    def score_tekst(self) -> str:
        return formatteer_getal(self.score, 1)


@dataclass(frozen=True)
class NietMee:
    indicator: Indicator
    reden: str
    waarde: Getoond | None = None
    referentie: Getoond | None = None
    soort: str = ""  # short group for the summary line: "aantal", "neutraal", "zonder getal", ...


@dataclass
class DomeinIndex:
    domein: Domein
    scores: list[Score] = field(default_factory=list)
    niet_mee: list[NietMee] = field(default_factory=list)

    @property
    def index(self) -> float | None:
        return gemiddelde(s.score for s in self.scores)

    @property
    def index_tekst(self) -> str:
        index = self.index  # None exactly when there are no scores
        return formatteer_getal(index, 1) if index is not None else ""

    @property
    def melding(self) -> str:
        return "" if self.scores else "geen index: geen bruikbare indicatoren"

    @property
    def niet_mee_kort(self) -> str:
        """E.g. "20 aantal of totaal, 12 neutraal, 1 zonder getal voor het gebied"."""
        tellingen: dict[str, int] = {}
        for n in self.niet_mee:
            tellingen[n.soort] = tellingen.get(n.soort, 0) + 1
        return ", ".join(f"{aantal} {soort}" for soort, aantal in tellingen.items())


REDEN_ABSOLUUT = "aantal of totaal: groeit met de omvang van het gebied, zegt niets over beter of slechter"
REDEN_NEUTRAAL = "neutraal: hoger is niet beter of slechter, dus geen richting voor een index"
SOORT_ABSOLUUT = "aantal of totaal"
SOORT_NEUTRAAL = "neutraal"


def indicator_score(waarde: float, referentie: float, polariteit: str) -> tuple[float | None, str]:
    """The standardised score (Hengelo = 100, higher = better) or None with the reason."""
    if polariteit not in (Polariteit.HOGER_BETER, Polariteit.HOGER_SLECHTER):
        return None, REDEN_NEUTRAAL
    if waarde < 0 or referentie < 0:
        return None, "negatieve waarde: een verhouding is alleen zinvol bij positieve getallen"
    if referentie == 0:
        return None, "de Hengelo-waarde is 0: geen verhouding te berekenen"
    if polariteit == Polariteit.HOGER_BETER:
        return 100 * waarde / referentie, ""
    if waarde == 0:
        return None, "de waarde is 0: de omgekeerde verhouding (Hengelo / gebied) is niet te berekenen"
    return 100 * referentie / waarde, ""


def samengestelde_index(
    indicatoren: Iterable,
    eigen: Mapping[str, Getoond],
    referentie: Mapping[str, Getoond],
    *,
    gebied_naam: str,
    jaar: str,
    referentie_naam: str = "Hengelo",
    basisjaar: str,
) -> list[DomeinIndex]:
    """The index per domain, in the order of the indicators given (domain order first).

    indicatoren: objects with code, naam, polariteit, absoluut and domein (code, naam, volgorde);
    eigen: indicator code -> value of the area in `jaar`; referentie: code -> Hengelo in `basisjaar`.
    """
    per_domein: dict[str, DomeinIndex] = {}
    for ind in sorted(indicatoren, key=lambda i: (i.domein.volgorde, i.domein.naam)):
        d = per_domein.setdefault(ind.domein.code, DomeinIndex(ind.domein))
        g, h = eigen.get(ind.code), referentie.get(ind.code)
        if ind.absoluut:
            d.niet_mee.append(NietMee(ind, REDEN_ABSOLUUT, g, h, SOORT_ABSOLUUT))
            continue
        if ind.polariteit not in (Polariteit.HOGER_BETER, Polariteit.HOGER_SLECHTER):
            d.niet_mee.append(NietMee(ind, REDEN_NEUTRAAL, g, h, SOORT_NEUTRAAL))
            continue
        if g is None or g.waarde is None:
            reden = f"geen getal voor {gebied_naam} in {jaar}"
            if g is not None:
                reden += f" ({g.reden or g.tekst})"
            d.niet_mee.append(NietMee(ind, reden, g, h, "zonder getal voor het gebied"))
            continue
        if h is None or h.waarde is None:
            reden = f"geen getal voor {referentie_naam} in {basisjaar}"
            if h is not None:
                reden += f" ({h.reden or h.tekst})"
            d.niet_mee.append(NietMee(ind, reden, g, h, f"zonder getal voor {referentie_naam}"))
            continue
        score, reden = indicator_score(g.waarde, h.waarde, ind.polariteit)
        if score is None:
            d.niet_mee.append(NietMee(ind, reden, g, h, "geen verhouding (0 of negatief)"))
        else:
            d.scores.append(Score(ind, g.waarde, h.waarde, score, g, h))
    return list(per_domein.values())


def index_samenvatting(domeinen: list[DomeinIndex], gebied_naam: str, jaar: str, basisjaar: str) -> str:
    met = [d for d in domeinen if d.index is not None]
    basis = f"Hengelo {basisjaar} = 100" + (f", cijfers {gebied_naam} {jaar}" if jaar != basisjaar else "")
    if not met:
        return (
            f"Voor {gebied_naam} is voor geen enkel domein een index te berekenen ({basis}): "
            "er zijn geen indicatoren met een richting en een getal voor zowel het gebied als Hengelo."
        )
    delen = [f"{d.domein.naam} {d.index_tekst}" for d in met]
    zonder = len(domeinen) - len(met)
    extra = f"; {zonder} domein{'en' if zonder != 1 else ''} zonder index" if zonder else ""
    return f"Index van {gebied_naam} per domein ({basis}): {', '.join(delen)}{extra}."
