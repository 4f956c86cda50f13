"""The wijkanalyse as plain functions on plain rows: no ORM, no request, tested on hand-checked examples.

Method (also shown on the page, docs/wijkanalyse.md)
----------------------------------------------------
Strengths and concerns ("sterke punten", "aandachtspunten")
    For each indicator the area's latest period is taken, with Hengelo's value and the values of all areas
    of the same level in Hengelo (all wijken for a wijk, all buurten for a buurt) in that same period.

        standaardverschil  z = (gebied - Hengelo) / s

    where s is the sample standard deviation of those areas' values. z says how many "usual differences
    between areas" the area lies from Hengelo, so indicators in different units can be ranked together.
    Polarity turns z into a direction: score = z (hoger is beter) or -z (hoger is slechter). A score of at
    least DREMPEL counts as a strength, at most -DREMPEL as a concern; per domain at most MAX_PER_DOMEIN
    of each, the largest first.
    Left out, always with the reason: neutral indicators (no better/worse: listed as "valt op" when
    |z| >= DREMPEL, without a judgement), counts and totals (absoluut), a value without a number (CBS
    status or under the disclosure threshold: a suppressed value is never used, also not in s), no
    Hengelo value, fewer than MIN_GEBIEDEN areas with a number, or no spread (s = 0).
    Ties are broken by indicator order, then code, so the same data always gives the same list.

Largest changes ("grootste veranderingen")
    Per indicator the latest period and the period before it of the same kind (year, quarter, month).
    Ranked by the absolute relative change |new - old| / |old|. When the area's boundary changed between
    the two periods (a new indeling in force), no change is reported: a warning takes its place.
"""

import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import cast

from indicatoren.models import Domein, Indicator, Polariteit
from indicatoren.weergave import Getoond
from lib.perioden import jaar_van, periode_begin

DREMPEL = 0.5
MAX_PER_DOMEIN = 3
MIN_GEBIEDEN = 3
MAX_VERANDERINGEN = 6


# --- strengths and concerns ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kenmerk:
    """One indicator of the area in its latest period, against Hengelo and the spread of the areas."""

    indicator: Indicator
    periode: str
    waarde: Getoond
    gemeente: Getoond | None
    bron: str
    z: float | None  # standardised difference; None with `reden`
    score: float | None  # z with polarity applied; None for neutral indicators or without z
    spreiding: float | None  # s
    n_gebieden: int  # areas with a number behind s
    reden: str = ""  # why there is no z ("" when there is one)

    @property
    def sleutel(self) -> tuple:
        return (self.indicator.volgorde, self.indicator.code)


@dataclass
class DomeinAnalyse:
    domein: Domein
    sterk: list[Kenmerk] = field(default_factory=list)
    zorg: list[Kenmerk] = field(default_factory=list)
    opvallend: list[Kenmerk] = field(default_factory=list)  # neutral indicators that differ, no judgement
    niet_beoordeeld: list[Kenmerk] = field(default_factory=list)

    @property
    def alle_gekozen(self) -> list[Kenmerk]:
        return self.sterk + self.zorg + self.opvallend


def spreiding(getallen: Iterable[float]) -> float | None:
    """Sample standard deviation, None with fewer than MIN_GEBIEDEN numbers."""
    getallen = [g for g in getallen if g is not None and math.isfinite(g)]
    if len(getallen) < MIN_GEBIEDEN:
        return None
    return statistics.stdev(getallen)


def standaardverschil(waarde: float, referentie: float, s: float | None) -> float | None:
    if s is None or s == 0:
        return None
    return (waarde - referentie) / s


def met_richting(z: float | None, polariteit: str) -> float | None:
    if z is None:
        return None
    if polariteit == Polariteit.HOGER_BETER:
        return z
    if polariteit == Polariteit.HOGER_SLECHTER:
        return -z
    return None


def kenmerk(
    indicator, periode: str, waarde: Getoond, gemeente: Getoond | None, gebieden: Iterable[Getoond], bron: str = ""
) -> Kenmerk:
    """The standardised difference of one indicator, or the reason there is none.

    gebieden: the values of all areas of the same level in Hengelo in `periode` (the area itself included);
    only those with a number count for the spread, so suppressed values are never used."""
    getallen = [g.waarde for g in gebieden if g is not None and g.waarde is not None]

    def zonder(reden: str, s=None) -> Kenmerk:
        return Kenmerk(indicator, periode, waarde, gemeente, bron, None, None, s, len(getallen), reden)

    if indicator.absoluut:
        return zonder("aantal of totaal: groeit met de omvang van het gebied, niet te vergelijken met Hengelo")
    if waarde.waarde is None:
        return zonder(f"geen getal: {waarde.reden or waarde.tekst}")
    if gemeente is None or gemeente.waarde is None:
        return zonder("geen getal voor Hengelo" + (f" ({gemeente.reden or gemeente.tekst})" if gemeente else ""))
    s = spreiding(getallen)
    if s is None:
        return zonder(f"te weinig gebieden met een getal ({len(getallen)}, minstens {MIN_GEBIEDEN} nodig)")
    if s == 0:
        return zonder("alle gebieden hebben hetzelfde getal: geen spreiding", s)
    z = standaardverschil(waarde.waarde, gemeente.waarde, s)
    return Kenmerk(
        indicator, periode, waarde, gemeente, bron, z, met_richting(z, indicator.polariteit), s, len(getallen)
    )


def sterke_en_aandachtspunten(
    kenmerken: Iterable[Kenmerk], *, drempel: float = DREMPEL, maximum: int = MAX_PER_DOMEIN
) -> list[DomeinAnalyse]:
    """Per domain (in domain order) the strengths, concerns, notable neutral indicators and the rest."""
    per_domein: dict[str, DomeinAnalyse] = {}
    for k in sorted(kenmerken, key=lambda k: (k.indicator.domein.volgorde, k.indicator.domein.naam, k.sleutel)):
        d = per_domein.setdefault(k.indicator.domein.code, DomeinAnalyse(k.indicator.domein))
        if k.z is None:
            d.niet_beoordeeld.append(k)
        elif k.score is None:
            if abs(k.z) >= drempel:
                d.opvallend.append(k)
        elif k.score >= drempel:
            d.sterk.append(k)
        elif k.score <= -drempel:
            d.zorg.append(k)
    for d in per_domein.values():
        # Each list holds only kenmerken with a score (sterk, zorg) or a z (opvallend).
        d.sterk = sorted(d.sterk, key=lambda k: (-cast(float, k.score), k.sleutel))[:maximum]
        d.zorg = sorted(d.zorg, key=lambda k: (cast(float, k.score), k.sleutel))[:maximum]
        d.opvallend = sorted(d.opvallend, key=lambda k: (-abs(cast(float, k.z)), k.sleutel))[:maximum]
    return list(per_domein.values())


# --- changes since the previous period -----------------------------------------------------------------------


@dataclass(frozen=True)
class Verandering:
    indicator: Indicator
    vorige_periode: str
    periode: str
    oud: Getoond
    nieuw: Getoond
    verschil: float | None
    relatief: float | None  # None when old is 0 or there is no number
    richting: str  # gestegen, gedaald, gelijk; "" without numbers
    oordeel: str  # verbeterd, verslechterd, "" (neutral or no change)
    grenswijziging: tuple[int, int, float] | None  # (from year, to year, share) instead of a trend
    bron: str = ""
    reden: str = ""  # why no change is given

    @property
    def is_trend(self) -> bool:
        return self.verschil is not None and self.grenswijziging is None

    @property
    def rangorde(self) -> tuple:
        grootte = abs(self.relatief) if self.relatief is not None else math.inf
        return (-grootte, self.indicator.volgorde, self.indicator.code)


def soort_periode(periode: str) -> str:
    if len(periode) == 4:
        return "jaar"
    return "kwartaal" if "-Q" in periode else "maand"


def periode_sleutel(periode: str) -> tuple:
    """Chronological order ('2024-Q1' before '2024-03', which plain string order gets wrong)."""
    return (periode_begin(periode), len(periode), periode)


def vorige_en_laatste(perioden: Iterable[str]) -> tuple[str, str] | None:
    """The latest period and the one before it of the same kind (year, quarter, month), or None."""
    perioden = sorted(set(perioden), key=periode_sleutel)
    if not perioden:
        return None
    laatste = perioden[-1]
    eerder = [p for p in perioden[:-1] if soort_periode(p) == soort_periode(laatste)]
    return (eerder[-1], laatste) if eerder else None


def grens_tussen(
    wijzigingen: Iterable[tuple[int, int, float]], vorige: str, laatste: str
) -> tuple[int, int, float] | None:
    """The boundary change whose new indeling came into force after `vorige` and at or before `laatste`."""
    jv, jl = jaar_van(vorige), jaar_van(laatste)
    for wijziging in wijzigingen:
        if jv < wijziging[1] <= jl:
            return wijziging
    return None


def verandering(
    indicator,
    reeks: Mapping[str, Getoond],
    wijzigingen: Iterable[tuple[int, int, float]] = (),
    bron: str = "",
) -> Verandering | None:
    """The change from the previous to the latest period, or None when the series has no two periods."""
    paar = vorige_en_laatste(reeks)
    if paar is None:
        return None
    vorige, laatste = paar
    oud, nieuw = reeks[vorige], reeks[laatste]
    grens = grens_tussen(wijzigingen, vorige, laatste)
    if oud.waarde is None or nieuw.waarde is None:
        zonder = oud if oud.waarde is None else nieuw
        periode = vorige if oud.waarde is None else laatste
        return Verandering(
            indicator,
            vorige,
            laatste,
            oud,
            nieuw,
            None,
            None,
            "",
            "",
            grens,
            bron,
            f"geen getal in {periode}: {zonder.reden or zonder.tekst}",
        )
    verschil = nieuw.waarde - oud.waarde
    relatief = verschil / abs(oud.waarde) if oud.waarde else None
    richting = "gestegen" if verschil > 0 else "gedaald" if verschil < 0 else "gelijk"
    oordeel = ""
    if verschil and indicator.polariteit in (Polariteit.HOGER_BETER, Polariteit.HOGER_SLECHTER):
        oordeel = "verbeterd" if (verschil > 0) == (indicator.polariteit == Polariteit.HOGER_BETER) else "verslechterd"
    return Verandering(indicator, vorige, laatste, oud, nieuw, verschil, relatief, richting, oordeel, grens, bron)


@dataclass
class Veranderingen:
    grootste: list[Verandering]  # real changes, largest relative change first
    grens: list[Verandering]  # a boundary change between the periods: a warning, no trend
    zonder_getal: list[Verandering]


def grootste_veranderingen(veranderingen: Iterable[Verandering | None], *, maximum: int = MAX_VERANDERINGEN):
    alle = [v for v in veranderingen if v is not None]
    trends = sorted((v for v in alle if v.is_trend and v.verschil != 0), key=lambda v: v.rangorde)
    grens = sorted((v for v in alle if v.grenswijziging is not None), key=lambda v: v.rangorde)
    zonder = sorted(
        (v for v in alle if v.verschil is None and v.grenswijziging is None),
        key=lambda v: (v.indicator.volgorde, v.indicator.code),
    )
    return Veranderingen(trends[:maximum], grens, zonder)


# --- signals -----------------------------------------------------------------------------------------------


OPVALLEND_FACTOR = 1.5
OPVALLEND_MINIMUM = 5


@dataclass(frozen=True)
class SignaalCategorie:
    code: str
    naam: str
    aantal: int  # in the area, in the window
    aantal_vorig: int  # in the area, in the window before it
    aantal_gemeente: int
    per_1000: float | None
    per_1000_gemeente: float | None
    reden: str = ""  # why there is no rate

    @property
    def factor(self) -> float | None:
        if self.per_1000 is None or not self.per_1000_gemeente:
            return None
        return self.per_1000 / self.per_1000_gemeente

    @property
    def valt_op(self) -> bool:
        return self.factor is not None and self.factor >= OPVALLEND_FACTOR and self.aantal >= OPVALLEND_MINIMUM

    @property
    def trend(self) -> str:
        if self.aantal > self.aantal_vorig:
            return "meer"
        if self.aantal < self.aantal_vorig:
            return "minder"
        return "gelijk"


@dataclass
class SignaalBeeld:
    categorieen: list[SignaalCategorie]
    periode: str  # "2025-07 t/m 2026-06"
    vorige_periode: str
    totaal: int
    totaal_vorig: int
    synthetisch: int  # of `totaal`, how many are generated demo signals
    open_escalaties: int
    te_laat: int
    inwoners: float | None
    inwoners_gemeente: float | None

    @property
    def opvallend(self) -> list[SignaalCategorie]:
        return [c for c in self.categorieen if c.valt_op]


def signaalbeeld(
    rijen: Iterable[tuple[bool, str, bool, bool, int]],
    *,
    categorieen: list[tuple[str, str]],
    inwoners: float | None,
    inwoners_gemeente: float | None,
    periode: str,
    vorige_periode: str,
    open_escalaties: int = 0,
    te_laat: int = 0,
    gebied_naam: str = "het gebied",
) -> SignaalBeeld:
    """rijen: (in the area?, main category code, in the current window? (else the one before), synthetic?, n).

    Rates per 1,000 inhabitants over the current window; the area's rate is left out with a reason when its
    population is unknown. Categories that stand out (rate >= 1.5 x Hengelo and at least 5 signals) first."""
    eigen: dict[str, int] = {}
    vorig: dict[str, int] = {}
    gemeente: dict[str, int] = {}
    synthetisch = 0
    for in_gebied, code, huidig, is_synthetisch, n in rijen:
        if huidig:
            gemeente[code] = gemeente.get(code, 0) + n
        if not in_gebied:
            continue
        if huidig:
            eigen[code] = eigen.get(code, 0) + n
            synthetisch += n if is_synthetisch else 0
        else:
            vorig[code] = vorig.get(code, 0) + n
    uit = []
    for code, naam in categorieen:
        a, h = eigen.get(code, 0), gemeente.get(code, 0)
        reden = "" if inwoners else f"geen inwonertal van {gebied_naam} bekend"
        uit.append(
            SignaalCategorie(
                code,
                naam,
                a,
                vorig.get(code, 0),
                h,
                1000 * a / inwoners if inwoners else None,
                1000 * h / inwoners_gemeente if inwoners_gemeente else None,
                reden,
            )
        )
    volgorde = {code: i for i, (code, _) in enumerate(categorieen)}
    uit.sort(key=lambda c: (not c.valt_op, -(c.factor or 0) if c.valt_op else 0, volgorde[c.code]))
    return SignaalBeeld(
        uit,
        periode,
        vorige_periode,
        sum(eigen.values()),
        sum(vorig.values()),
        synthetisch,
        open_escalaties,
        te_laat,
        inwoners,
        inwoners_gemeente,
    )
