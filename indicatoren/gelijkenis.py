"""Similar areas ("vergelijkbare wijken"); the side-by-side comparison is in `vergelijking.py`.

Plain functions on plain rows: no ORM, no request, so they are tested on small hand-checked examples.

Similarity: each indicator is standardised to z-scores over the target and its candidates
(z = (x - mean) / population standard deviation), and the distance between two areas is the root
mean squared difference of their z-scores over the indicators both have a number for. A smaller
distance means more alike. One computation (`vergelijkbaar_matrix`, numpy over a candidates x indicators
matrix); `vergelijkbaar` feeds it plain points. Indicators that cannot be used (no number for the target, no year in
which most candidates have a number, or the same value everywhere) are left out with the reason.
"""

import math
import statistics
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

import numpy as np

from lib.getallen import formatteer_getal

from .weergave import Getoond

AANTAL = 5  # most similar areas shown
MIN_OVERLAP = 2  # indicators a candidate must share with the target to get a distance
_AFRONDING = 9  # distances equal to this many decimals count as a tie (broken by code)


class Gebiedswaarde(NamedTuple):
    """One value: area code, indicator code, period, the number that may be shown (None: none)."""

    gebied: str
    indicator: str
    periode: str
    waarde: float | None


@dataclass(frozen=True)
class Standaardisatie:
    """How one indicator was standardised: its period and the mean/SD over target + candidates."""

    indicator: str
    periode: str
    gemiddelde: float
    sd: float
    aantal: int  # numbers the mean and SD are computed over

    def z(self, waarde: float) -> float:
        return (waarde - self.gemiddelde) / self.sd


@dataclass(frozen=True)
class Weggelaten:
    indicator: str
    reden: str


@dataclass(frozen=True)
class Buur:
    gebied: str
    afstand: float
    gedeeld: tuple[str, ...]  # indicators both the target and this area have a number for
    waarden: dict[str, float | None]  # per used indicator, in its chosen period


@dataclass
class Gelijkenis:
    doel: str
    gebruikt: list[Standaardisatie]
    weggelaten: list[Weggelaten]
    buren: list[Buur]  # the most similar first
    uitgesloten: list[tuple[str, str]]  # (candidate code, reason): no distance could be computed
    aantal_kandidaten: int
    doel_waarden: dict[str, float | None] = field(default_factory=dict)
    min_overlap: int = MIN_OVERLAP

    @property
    def indicatoren(self) -> list[str]:
        return [s.indicator for s in self.gebruikt]


def standaardiseer(waarden: list[float]) -> tuple[float, float]:
    """Mean and population standard deviation; an SD within float noise of 0 is returned as 0."""
    n = len(waarden)
    if n == 0:
        raise ValueError("geen waarden om te standaardiseren")
    gemiddelde = statistics.fmean(waarden)
    sd = math.sqrt(math.fsum((x - gemiddelde) ** 2 for x in waarden) / n)
    if sd <= 1e-12 * max(1.0, abs(gemiddelde)):
        sd = 0.0
    return gemiddelde, sd


def zscores(waarden: dict[str, float]) -> dict[str, float]:
    """z-scores of a set of numbers (empty when the SD is 0: then they tell nothing apart)."""
    gemiddelde, sd = standaardiseer(list(waarden.values()))
    if sd == 0:
        return {}
    return {k: (v - gemiddelde) / sd for k, v in waarden.items()}


def afstand(a: dict[str, float], b: dict[str, float]) -> tuple[float | None, tuple[str, ...]]:
    """Root mean squared difference over the keys both have; (None, ()) when they share none."""
    gedeeld = tuple(sorted(set(a) & set(b)))
    if not gedeeld:
        return None, ()
    return math.sqrt(math.fsum((a[k] - b[k]) ** 2 for k in gedeeld) / len(gedeeld)), gedeeld


G = TypeVar("G")  # an area key: a code (str) or a database id (int)


def kies_periode(per_periode: Mapping[str, Mapping[G, float | None]], doel: G, kandidaten: set[G]) -> str | None:
    """The latest period in which the target has a number and more than half of the candidates do."""
    for periode in sorted(per_periode, reverse=True):
        waarden = per_periode[periode]
        if waarden.get(doel) is None:
            continue
        met_getal = sum(1 for k in kandidaten if waarden.get(k) is not None)
        if kandidaten and 2 * met_getal > len(kandidaten):
            return periode
    return None


class Kolom(NamedTuple):
    """One indicator over the candidates, in the period chosen for it (see `kies_periode`)."""

    periode: str
    getallen: "np.ndarray"  # float per candidate, in the order of the candidates; NaN: no number


def matrix_uit_punten(
    punten: list[Gebiedswaarde], doel: str, kandidaten: list[str], indicatoren: list[str]
) -> tuple[dict[str, dict[str, float | None]], dict[str, Kolom]]:
    """What the database reads hand to `vergelijkbaar_matrix` (`gelijkenis_lezen`), from plain points:
    the target's numbers per indicator and period, and per indicator the column of the period
    `kies_periode` chooses (absent: no period qualifies). `kandidaten` in the order of the columns."""
    binnen = set(kandidaten) | {doel}
    index: dict[str, dict[str, dict[str, float | None]]] = defaultdict(lambda: defaultdict(dict))
    for p in punten:
        if p.gebied in binnen:
            index[p.indicator][p.periode][p.gebied] = p.waarde
    doel_getallen: dict[str, dict[str, float | None]] = {}
    kolommen: dict[str, Kolom] = {}
    for code in indicatoren:
        per_periode = index.get(code, {})
        doel_getallen[code] = {periode: w[doel] for periode, w in per_periode.items() if doel in w}
        periode = kies_periode(per_periode, doel, set(kandidaten))
        if periode is not None:
            w = per_periode[periode]
            kolommen[code] = Kolom(
                periode, np.array([np.nan if w.get(k) is None else w[k] for k in kandidaten], dtype=float)
            )
    return doel_getallen, kolommen


def vergelijkbaar(
    punten: list[Gebiedswaarde],
    doel: str,
    kandidaten: set[str],
    indicatoren: list[str],
    *,
    aantal: int = AANTAL,
    min_overlap: int = MIN_OVERLAP,
) -> Gelijkenis:
    """The `aantal` candidates closest to `doel` on `indicatoren`; ties are broken by code. The same
    computation as the pages' (`vergelijkbaar_matrix`), on plain points."""
    volgorde = sorted(set(kandidaten) - {doel})
    doel_getallen, kolommen = matrix_uit_punten(punten, doel, volgorde, indicatoren)
    return vergelijkbaar_matrix(
        doel, doel_getallen, volgorde, kolommen, indicatoren, aantal=aantal, min_overlap=min_overlap
    )


def vergelijkbaar_matrix(
    doel: str,
    doel_getallen: dict[str, dict[str, float | None]],
    kandidaten: list[str],
    kolommen: dict[str, Kolom],
    indicatoren: list[str],
    *,
    aantal: int = AANTAL,
    min_overlap: int = MIN_OVERLAP,
) -> Gelijkenis:
    """`vergelijkbaar` on a candidates x indicators matrix, vectorised with numpy (national size).

    The same method and result as `vergelijkbaar`; the caller has already chosen each indicator's
    period with the rule of `kies_periode` (in the database: see `gelijkenis_matrix`), so only the
    numbers of that period are loaded. `doel_getallen`: indicator -> period -> the target's number;
    `kolommen`: indicator -> its period and the candidates' numbers (absent: no period qualified).
    """
    kandidaten = [k for k in kandidaten if k != doel]
    n = len(kandidaten)
    gebruikt: list[Standaardisatie] = []
    weggelaten: list[Weggelaten] = []
    doel_z, z_kolommen, ruwe_kolommen = [], [], []
    doel_waarden: dict[str, float | None] = {}
    for code in indicatoren:
        eigen = doel_getallen.get(code, {})
        if not any(w is not None for w in eigen.values()):
            weggelaten.append(Weggelaten(code, "geen getal voor het gekozen gebied"))
            continue
        kolom = kolommen.get(code)
        if kolom is None or eigen.get(kolom.periode) is None:
            weggelaten.append(
                Weggelaten(
                    code, "geen jaar waarin het gekozen gebied én de meeste vergelijkingsgebieden een getal hebben"
                )
            )
            continue
        w_doel = eigen[kolom.periode]
        assert w_doel is not None  # checked just above
        x_doel = float(w_doel)
        getallen = np.asarray(kolom.getallen, dtype=float)
        alle = np.concatenate(([x_doel], getallen[~np.isnan(getallen)]))
        gemiddelde, sd = standaardiseer(alle.tolist())
        if sd == 0:
            weggelaten.append(
                Weggelaten(code, f"alle gebieden hebben in {kolom.periode} dezelfde waarde (standaardafwijking 0)")
            )
            continue
        stand = Standaardisatie(code, kolom.periode, gemiddelde, sd, len(alle))
        gebruikt.append(stand)
        doel_waarden[code] = x_doel
        doel_z.append(stand.z(x_doel))
        z_kolommen.append((getallen - gemiddelde) / sd)
        ruwe_kolommen.append(getallen)

    buren: list[Buur] = []
    uitgesloten: list[tuple[str, str]] = []
    if gebruikt and n:
        z = np.column_stack(z_kolommen)  # n x k, NaN where a candidate has no number
        verschil = z - np.asarray(doel_z)[None, :]
        heeft = ~np.isnan(verschil)
        gedeeld = heeft.sum(axis=1)
        som = np.where(heeft, verschil * verschil, 0.0).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            d = np.sqrt(som / gedeeld)
        telt = gedeeld >= max(1, min_overlap)
        codes_arr = np.asarray(kandidaten, dtype=object)
        for i in np.flatnonzero(~telt):
            uitgesloten.append(
                (
                    kandidaten[i],
                    f"maar {int(gedeeld[i])} van de {len(gebruikt)} indicatoren met een getal "
                    f"(minimaal {min_overlap} nodig)",
                )
            )
        uitgesloten.sort()
        idx = np.flatnonzero(telt)
        volgorde = idx[np.lexsort((codes_arr[idx], np.round(d[idx], _AFRONDING)))][:aantal]
        ruw = np.column_stack(ruwe_kolommen)
        for i in volgorde:
            buren.append(
                Buur(
                    kandidaten[i],
                    float(d[i]),
                    tuple(sorted(s.indicator for j, s in enumerate(gebruikt) if heeft[i, j])),
                    {s.indicator: None if np.isnan(ruw[i, j]) else float(ruw[i, j]) for j, s in enumerate(gebruikt)},
                )
            )
    return Gelijkenis(
        doel=doel,
        gebruikt=gebruikt,
        weggelaten=weggelaten,
        buren=buren,
        uitgesloten=uitgesloten,
        aantal_kandidaten=n,
        doel_waarden=doel_waarden,
        min_overlap=min_overlap,
    )


# --- tables and texts for the similar-areas list -------------------------------------------------


class IndicatorInfo(NamedTuple):
    code: str
    naam: str
    eenheid: str
    decimalen: int


def gelijkenis_tabel(
    uitkomst: Gelijkenis,
    indicatoren: dict[str, IndicatorInfo],
    namen: dict[str, str],
    getoond: dict[tuple[str, str, str], tuple[Getoond, str]],
) -> tuple[list[str], list[list], dict[int, int]]:
    """Columns, rows and decimals of the similar-areas table: the target first, then the top list.

    `getoond`: (area code, indicator code, period) -> (shown value, source), for status and source."""
    gebruikt = uitkomst.gebruikt
    kolommen = ["gebied", "code", "rang", "afstand", "aantal indicatoren"]
    kolommen += [
        f"{indicatoren[s.indicator].naam} ({indicatoren[s.indicator].eenheid})"
        if indicatoren[s.indicator].eenheid
        else indicatoren[s.indicator].naam
        for s in gebruikt
    ]
    kolommen += ["periode", "status", "bron"]
    decimalen = {3: 2} | {5 + i: indicatoren[s.indicator].decimalen for i, s in enumerate(gebruikt)}

    def rij(code: str, rang, afst: float | None, gedeeld: int, waarden: dict[str, float | None]) -> list:
        statussen, bronnen = [], []
        for s in gebruikt:
            g, bron = getoond.get((code, s.indicator, s.periode), (None, ""))
            if bron:
                bronnen.append(bron)
            if g is None:
                statussen.append(f"{indicatoren[s.indicator].naam}: geen waarde")
            elif g.waarde is None:
                statussen.append(f"{indicatoren[s.indicator].naam}: {g.tekst} ({g.reden})")
        return (
            [namen.get(code, code), code, rang, afst, gedeeld]
            + [waarden.get(s.indicator) for s in gebruikt]
            + [
                ", ".join(sorted({s.periode for s in gebruikt})),
                "; ".join(statussen) or "beschikbaar",
                " | ".join(dict.fromkeys(bronnen)),
            ]
        )

    rijen = [rij(uitkomst.doel, "gekozen gebied", None, len(gebruikt), uitkomst.doel_waarden)]
    for i, b in enumerate(uitkomst.buren, start=1):
        rijen.append(rij(b.gebied, i, b.afstand, len(b.gedeeld), b.waarden))
    return kolommen, rijen, decimalen


def gelijkenis_samenvatting(uitkomst: Gelijkenis, namen: dict[str, str], groep: str) -> str:
    doel = namen.get(uitkomst.doel, uitkomst.doel)
    if not uitkomst.buren:
        return f"Geen {groep} te vergelijken met {doel}."
    lijst = ", ".join(f"{namen.get(b.gebied, b.gebied)} ({formatteer_getal(b.afstand, 2)})" for b in uitkomst.buren)
    return (
        f"De {len(uitkomst.buren)} {groep} die het meest op {doel} lijken, met hun afstand "
        f"(0 = gelijk, lager = meer vergelijkbaar): {lijst}."
    )
