"""Similar areas ("vergelijkbare wijken") and the rows of the side-by-side comparison.

Plain functions on plain rows: no ORM, no request, so they are tested on small hand-checked examples.

Similarity: each indicator is standardised to z-scores over the target and its candidates
(z = (x - mean) / population standard deviation), and the distance between two areas is the root
mean squared difference of their z-scores over the indicators both have a number for. A smaller
distance means more alike. Indicators that cannot be used (no number for the target, no year in
which most candidates have a number, or the same value everywhere) are left out with the reason.
"""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, cast

import numpy as np

from lib.getallen import formatteer_getal

from .weergave import Getoond, toon_waarde

if TYPE_CHECKING:
    from .models import Domein, Indicator

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


def kies_periode(per_periode: dict[str, dict[str, float | None]], doel: str, kandidaten: set[str]) -> str | None:
    """The latest period in which the target has a number and more than half of the candidates do."""
    for periode in sorted(per_periode, reverse=True):
        waarden = per_periode[periode]
        if waarden.get(doel) is None:
            continue
        met_getal = sum(1 for k in kandidaten if waarden.get(k) is not None)
        if kandidaten and 2 * met_getal > len(kandidaten):
            return periode
    return None


def vergelijkbaar(
    punten: list[Gebiedswaarde],
    doel: str,
    kandidaten: set[str],
    indicatoren: list[str],
    *,
    aantal: int = AANTAL,
    min_overlap: int = MIN_OVERLAP,
) -> Gelijkenis:
    """The `aantal` candidates closest to `doel` on `indicatoren`; ties are broken by code."""
    kandidaten = set(kandidaten) - {doel}
    binnen = kandidaten | {doel}
    index: dict[str, dict[str, dict[str, float | None]]] = defaultdict(lambda: defaultdict(dict))
    for p in punten:
        if p.gebied in binnen:
            index[p.indicator][p.periode][p.gebied] = p.waarde

    gebruikt: list[Standaardisatie] = []
    weggelaten: list[Weggelaten] = []
    z_per_gebied: dict[str, dict[str, float]] = defaultdict(dict)
    waarden_per_gebied: dict[str, dict[str, float | None]] = defaultdict(dict)
    for code in indicatoren:
        per_periode = index.get(code, {})
        if not any(w.get(doel) is not None for w in per_periode.values()):
            weggelaten.append(Weggelaten(code, "geen getal voor het gekozen gebied"))
            continue
        periode = kies_periode(per_periode, doel, kandidaten)
        if periode is None:
            weggelaten.append(
                Weggelaten(
                    code, "geen jaar waarin het gekozen gebied én de meeste vergelijkingsgebieden een getal hebben"
                )
            )
            continue
        getallen = {g: w for g, w in per_periode[periode].items() if w is not None}
        gemiddelde, sd = standaardiseer(list(getallen.values()))
        if sd == 0:
            weggelaten.append(
                Weggelaten(code, f"alle gebieden hebben in {periode} dezelfde waarde (standaardafwijking 0)")
            )
            continue
        stand = Standaardisatie(code, periode, gemiddelde, sd, len(getallen))
        gebruikt.append(stand)
        for g in binnen:
            waarden_per_gebied[g][code] = per_periode[periode].get(g)
        for g, w in getallen.items():
            z_per_gebied[g][code] = stand.z(w)

    buren: list[Buur] = []
    uitgesloten: list[tuple[str, str]] = []
    doel_z = z_per_gebied.get(doel, {})
    if gebruikt:
        for kandidaat in sorted(kandidaten):
            d, gedeeld = afstand(doel_z, z_per_gebied.get(kandidaat, {}))
            if d is None or len(gedeeld) < min_overlap:
                uitgesloten.append(
                    (
                        kandidaat,
                        f"maar {len(gedeeld)} van de {len(gebruikt)} indicatoren met een getal "
                        f"(minimaal {min_overlap} nodig)",
                    )
                )
                continue
            buren.append(Buur(kandidaat, d, gedeeld, dict(waarden_per_gebied[kandidaat])))
    buren.sort(key=lambda b: (round(b.afstand, _AFRONDING), b.gebied))
    return Gelijkenis(
        doel=doel,
        gebruikt=gebruikt,
        weggelaten=weggelaten,
        buren=buren[:aantal],
        uitgesloten=uitgesloten,
        aantal_kandidaten=len(kandidaten),
        doel_waarden=dict(waarden_per_gebied.get(doel, {})),
        min_overlap=min_overlap,
    )


class Kolom(NamedTuple):
    """One indicator over the candidates, in the period chosen for it (see `kies_periode`)."""

    periode: str
    getallen: "np.ndarray"  # float per candidate, in the order of the candidates; NaN: no number


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
        x_doel = float(cast(float, eigen[kolom.periode]))  # the chosen period has the area's number
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


# --- the side-by-side comparison -----------------------------------------------------------------


class VergelijkWaarde(NamedTuple):
    gebied_id: int
    indicator: "Indicator"  # with its domein (read-only use)
    periode: str
    waarde: float | None
    status: str
    toelichting: str
    bron: str


@dataclass
class Cel:
    getoond: Getoond | None  # None: no value loaded for this area in this period
    bron: str = ""

    @property
    def tekst(self) -> str:
        return self.getoond.tekst if self.getoond else "geen waarde"

    @property
    def reden(self) -> str:
        if self.getoond is None:
            return "niet geladen"
        return self.getoond.reden


@dataclass
class VergelijkRij:
    indicator: "Indicator"
    periode: str
    cellen: list[Cel]  # one per area, in the order asked
    voetnoten: list[int] = field(default_factory=list)  # numbers of its sources (see nummer_bronnen)

    @property
    def bronnen(self) -> str:
        return " | ".join(dict.fromkeys(c.bron for c in self.cellen if c.bron))


@dataclass
class VergelijkDomein:
    domein: "Domein"
    rijen: list[VergelijkRij] = field(default_factory=list)


def vergelijk_periode(per_periode: dict[str, set[int]]) -> str:
    """The latest period common to the most areas (all of them when there is one)."""
    return max(per_periode, key=lambda p: (len(per_periode[p]), p))


def vergelijk_rijen(
    rijen: list[VergelijkWaarde], gebied_ids: list[int], *, periode: str | None = None
) -> list[VergelijkDomein]:
    """Per domain one row per indicator with per area the shown value (via `toon`), in one period.

    Without `periode`: the latest period common to the areas (or to most of them); with it,
    only indicators with a value in that period."""
    per_indicator: dict[int, dict[str, dict[int, VergelijkWaarde]]] = defaultdict(lambda: defaultdict(dict))
    indicatoren: dict[int, Indicator] = {}
    for r in rijen:
        if r.gebied_id in gebied_ids:
            per_indicator[r.indicator.id][r.periode][r.gebied_id] = r
            indicatoren[r.indicator.id] = r.indicator

    domeinen: dict[int, VergelijkDomein] = {}
    for ind_id, per_periode in per_indicator.items():
        if periode is not None:
            if periode not in per_periode:
                continue
            gekozen = periode
        else:
            gekozen = vergelijk_periode({p: set(v) for p, v in per_periode.items()})
        ind = indicatoren[ind_id]
        cellen = []
        for gid in gebied_ids:
            w = per_periode[gekozen].get(gid)
            if w is None:
                cellen.append(Cel(None))
            else:
                getoond = toon_waarde(w, ind)
                cellen.append(Cel(getoond, w.bron))
        domeinen.setdefault(ind.domein.id, VergelijkDomein(ind.domein)).rijen.append(VergelijkRij(ind, gekozen, cellen))
    volgorde = sorted(domeinen.values(), key=lambda d: (d.domein.volgorde, d.domein.naam))
    for d in volgorde:
        d.rijen.sort(key=lambda r: (r.indicator.volgorde, r.indicator.code))
    return volgorde


def nummer_bronnen(domeinen: list[VergelijkDomein]) -> list[str]:
    """The distinct sources in order of appearance; each row gets the (1-based) numbers of its own."""
    nummers: dict[str, int] = {}
    for d in domeinen:
        for r in d.rijen:
            eigen = dict.fromkeys(c.bron for c in r.cellen if c.bron)
            r.voetnoten = [nummers.setdefault(b, len(nummers) + 1) for b in eigen]
    return list(nummers)


def unieke_labels(gebieden: list[tuple[str, str]]) -> list[str]:
    """Display names for (code, name) pairs; a name that occurs twice gets its code added."""
    tellen: defaultdict[str, int] = defaultdict(int)
    for _, naam in gebieden:
        tellen[naam] += 1
    return [f"{naam} ({code})" if tellen[naam] > 1 else naam for code, naam in gebieden]


def overzicht_tabel(
    domeinen: list[VergelijkDomein], labels: list[str]
) -> tuple[list[str], list[list], list[dict[int, int]]]:
    """Columns, rows and per-row decimals of the comparison as one wide table: per area its number,
    status and reason."""
    kolommen = ["domein", "indicator", "code", "eenheid", "periode"]
    for label in labels:
        kolommen += [f"{label}: waarde", f"{label}: status", f"{label}: reden"]
    kolommen.append("bron")
    uit, decimalen = [], []
    for d in domeinen:
        for r in d.rijen:
            decimalen.append({5 + 3 * k: r.indicator.decimalen for k in range(len(labels))})
            rij: list[str | float | None] = [d.domein.naam, r.indicator.naam, r.indicator.code, r.indicator.eenheid]
            rij.append(r.periode)
            for c in r.cellen:
                rij += [
                    c.getoond.waarde if c.getoond else None,
                    c.getoond.status if c.getoond else "geen waarde",
                    c.reden,
                ]
            rij.append(r.bronnen)
            uit.append(rij)
    return kolommen, uit, decimalen


def domein_tabel(
    domein: VergelijkDomein, labels: list[str], codes: list[str]
) -> tuple[list[str], list[list], list[dict[int, int]]]:
    """Columns, rows and per-row decimals behind one domain's bar charts: one row per indicator and area."""
    kolommen = ["indicator", "gebied", "code", "waarde", "eenheid", "periode", "status", "reden", "bron"]
    uit, decimalen = [], []
    for r in domein.rijen:
        for label, code, c in zip(labels, codes, r.cellen, strict=True):
            decimalen.append({3: r.indicator.decimalen})
            uit.append(
                [
                    r.indicator.naam,
                    label,
                    code,
                    c.getoond.waarde if c.getoond else None,
                    r.indicator.eenheid,
                    r.periode,
                    c.getoond.status if c.getoond else "geen waarde",
                    c.reden,
                    c.bron,
                ]
            )
    return kolommen, uit, decimalen


def samenvatting_domein(domein: VergelijkDomein, labels: list[str]) -> str:
    """One line: per indicator the highest and lowest area, and how many have no number."""
    delen = []
    for r in domein.rijen:
        getallen = [
            (c.getoond.waarde, label)
            for label, c in zip(labels, r.cellen, strict=True)
            if c.getoond and c.getoond.waarde is not None
        ]
        zonder = len(r.cellen) - len(getallen)
        dec = r.indicator.decimalen
        if not getallen:
            delen.append(f"{r.indicator.naam}: geen getallen")
            continue
        hoog = max(getallen, key=lambda t: t[0])
        laag = min(getallen, key=lambda t: t[0])
        if len(getallen) == 1:
            tekst = f"{r.indicator.naam}: alleen {hoog[1]} heeft een getal ({formatteer_getal(hoog[0], dec)})"
        elif hoog[0] == laag[0]:
            tekst = f"{r.indicator.naam}: overal {formatteer_getal(hoog[0], dec)}"
        else:
            tekst = (
                f"{r.indicator.naam}: hoogste in {hoog[1]} ({formatteer_getal(hoog[0], dec)}), "
                f"laagste in {laag[1]} ({formatteer_getal(laag[0], dec)})"
            )
        if zonder and len(getallen) > 1:
            tekst += f", {zonder} zonder getal"
        delen.append(tekst)
    return f"{domein.domein.naam}: " + "; ".join(delen) + "."


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


# --- parameters -----------------------------------------------------------------------------------

MIN_GEBIEDEN = 2
MAX_GEBIEDEN = 6


def lees_codes(*teksten: str, hoofdletters: bool = True) -> list[str]:
    """Codes from comma (or space) separated texts, duplicates removed, order kept; area codes are
    upper-cased (CBS codes are case-insensitive), indicator codes keep their case."""
    uit: list[str] = []
    for tekst in teksten:
        for deel in (tekst or "").replace(";", ",").replace(" ", ",").split(","):
            code = deel.strip().upper() if hoofdletters else deel.strip()
            if code and code not in uit:
                uit.append(code)
    return uit
