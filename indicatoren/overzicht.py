"""The Gegevensoverzicht: per source (dataset) and indicator, what is loaded and what is missing.

Plain functions from plain rows (no ORM, no request), tested without a database. The view reads three
fixed queries (datasets, indicators, one grouped count over all values) whatever the number of indicators.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from lib.perioden import periode_sleutel, periode_tekst
from lib.tabellen import Paginatabel

from .leeg import Aanvulling, voor_dataset

# The levels the portal shows, in the order a reader expects them (Nederland is the reference).
NIVEAUS = [("gemeente", "gemeente"), ("wijk", "wijken"), ("buurt", "buurten"), ("land", "Nederland")]
MEERVOUD = {"gemeente": "gemeenten", "wijk": "wijken", "buurt": "buurten", "land": "landen"}


class DatasetRij(NamedTuple):
    id: int
    code: str
    naam: str
    zichtbaarheid: str
    eigenaar: str
    eigenaar_soort: str
    licentie: str


class IndicatorRij(NamedTuple):
    id: int
    code: str
    naam: str
    dataset_id: int
    domein: str
    soort: str  # basis / afgeleid
    venster: int | None


class Periodedekking(NamedTuple):
    """Values of one indicator at one level in one period, of the own gemeente (its wijken, buurten and
    Nederland) or of other areas at that level (other gemeenten, loaded for comparison)."""

    indicator_id: int
    niveau: str
    eigen: bool
    periode: str
    met_getal: int  # areas with a number
    rijen: int  # areas with a row (a number or a status such as geheim)
    laatst: datetime | None  # when the latest of these rows was written


@dataclass
class Dekking:
    """One indicator at one level: its periods and how many areas have a number in the latest one."""

    niveau: str
    naam: str
    perioden: list[str]
    laatste: str
    met_getal: int
    rijen: int
    gebieden: int  # areas of this level in the own gemeente
    andere: int = 0  # other areas of this level with a row in that period (other gemeenten: comparisons)

    @property
    def perioden_tekst(self) -> str:
        return samenvatting_perioden(self.perioden)

    @property
    def tekst(self) -> str:
        tekst = f"{self.met_getal} van {self.gebieden} met een getal ({periode_tekst(self.laatste)})"
        if self.andere:
            andere = f"{'andere ' if self.gebieden else ''}{MEERVOUD[self.niveau]}"
            tekst += f"; plus {self.andere} {andere} ter vergelijking"
        return tekst


@dataclass
class IndicatorOverzicht:
    indicator: IndicatorRij
    dekking: list[Dekking]
    laatst: datetime | None
    ontbreekt: list[str]

    @property
    def geladen(self) -> bool:
        return bool(self.dekking)


@dataclass
class DatasetOverzicht:
    dataset: DatasetRij
    indicatoren: list[IndicatorOverzicht] = field(default_factory=list)
    aanvullingen: tuple[Aanvulling, ...] = ()

    @property
    def met_waarden(self) -> int:
        return sum(1 for i in self.indicatoren if i.geladen)

    @property
    def zonder_waarden(self) -> int:
        return len(self.indicatoren) - self.met_waarden

    @property
    def laatst(self) -> datetime | None:
        momenten = [i.laatst for i in self.indicatoren if i.laatst]
        return max(momenten) if momenten else None


def samenvatting_perioden(perioden: list[str]) -> str:
    """'2014, 2019, 2022, 2024' for a few; 'jan 2024 t/m nov 2026 (35 maanden)' for a long monthly series."""
    perioden = sorted(perioden, key=periode_sleutel)
    if len(perioden) <= 6:
        return ", ".join(periode_tekst(p) for p in perioden)
    return f"{periode_tekst(perioden[0])} t/m {periode_tekst(perioden[-1])} ({len(perioden)} perioden)"


def _ontbreekt(dekking: list[Dekking], alle_perioden: set[str]) -> list[str]:
    uit = []
    aanwezig = {d.niveau for d in dekking}
    niet = [naam for niveau, naam in NIVEAUS if niveau not in aanwezig]
    if niet:
        uit.append(f"niet geladen voor {', '.join(niet)}")
    for d in dekking:
        if d.niveau == "land":
            continue
        zonder_rij = d.gebieden - d.rijen
        zonder_getal = d.rijen - d.met_getal
        if zonder_rij > 0:
            uit.append(f"{d.naam} {periode_tekst(d.laatste)}: {zonder_rij} van {d.gebieden} zonder waarde")
        if zonder_getal > 0:
            uit.append(
                f"{d.naam} {periode_tekst(d.laatste)}: {zonder_getal} met een status zonder getal "
                "(geheim, onbekend of onder de drempel)"
            )
        andere = sorted(alle_perioden - set(d.perioden), key=periode_sleutel)
        # Only years are compared across levels: a monthly series has the same months at every level.
        andere = [p for p in andere if len(p) == 4]
        if andere:
            uit.append(f"{d.naam}: geen cijfers voor {', '.join(andere)} (wel op een ander niveau)")
    return uit


def bouw_overzicht(
    datasets: list[DatasetRij],
    indicatoren: list[IndicatorRij],
    tellingen: list[Periodedekking],
    *,
    gebieden_per_niveau: dict[str, int],
    gemeente_code: str,
) -> list[DatasetOverzicht]:
    """Per dataset (in the given order) its indicators (in the given order) with, per level, the periods and
    the areas with a number in the latest period, when they were last written and what is missing."""
    per_indicator: dict[int, dict[str, list[Periodedekking]]] = defaultdict(lambda: defaultdict(list))
    for t in tellingen:
        per_indicator[t.indicator_id][t.niveau].append(t)
    overzicht = {
        d.id: DatasetOverzicht(d, aanvullingen=voor_dataset(d.code, gemeente_code, d.eigenaar_soort)) for d in datasets
    }
    for ind in indicatoren:
        niveaus = per_indicator.get(ind.id, {})
        dekking = []
        for niveau, naam in NIVEAUS:
            rijen = niveaus.get(niveau)
            if not rijen:
                continue
            # The latest period of the own areas (else of the others), and the counts in that period.
            eigen_perioden = [t.periode for t in rijen if t.eigen] or [t.periode for t in rijen]
            laatste = max(eigen_perioden, key=periode_sleutel)
            eigen = [t for t in rijen if t.eigen and t.periode == laatste]
            andere = [t for t in rijen if not t.eigen and t.periode == laatste]
            dekking.append(
                Dekking(
                    niveau,
                    naam,
                    sorted({t.periode for t in rijen}, key=periode_sleutel),
                    laatste,
                    sum(t.met_getal for t in eigen),
                    sum(t.rijen for t in eigen),
                    gebieden_per_niveau.get(niveau, 0),
                    sum(t.rijen for t in andere),
                )
            )
        momenten = [t.laatst for lijst in niveaus.values() for t in lijst if t.laatst]
        alle_perioden = {p for d in dekking for p in d.perioden}
        ontbreekt = _ontbreekt(dekking, alle_perioden) if dekking else ["geen waarden geladen"]
        io = IndicatorOverzicht(ind, dekking, max(momenten) if momenten else None, ontbreekt)
        if ind.dataset_id in overzicht:
            overzicht[ind.dataset_id].indicatoren.append(io)
    return list(overzicht.values())


def overzicht_tabel(overzicht: list[DatasetOverzicht], *, aantal_indicatoren: int, aantal_datasets: int) -> Paginatabel:
    """The Gegevensoverzicht as one table (HTML, CSV, XLSX): a row per indicator and level with values, and
    a row per indicator without any, saying what is missing."""
    kolommen = [
        "dataset",
        "indicator",
        "code",
        "niveau",
        "perioden",
        "laatste periode",
        "met getal",
        "gebieden",
        "andere gebieden (ter vergelijking)",
        "laatst bijgewerkt",
        "ontbreekt",
    ]
    rijen = [
        [
            o.dataset.naam,
            i.indicator.naam,
            i.indicator.code,
            d.naam,
            d.perioden_tekst,
            d.laatste,
            d.met_getal,
            d.gebieden,
            d.andere,
            i.laatst.isoformat(timespec="minutes") if i.laatst else "",
            "; ".join(i.ontbreekt),
        ]
        for o in overzicht
        for i in o.indicatoren
        for d in i.dekking
    ]
    rijen += [
        [o.dataset.naam, i.indicator.naam, i.indicator.code, "", "", "", None, None, None, "", "; ".join(i.ontbreekt)]
        for o in overzicht
        for i in o.indicatoren
        if not i.dekking
    ]
    return Paginatabel(
        "gegevens",
        "Gegevensoverzicht: per bron en indicator wat geladen is",
        kolommen,
        rijen,
        f"{sum(o.met_waarden for o in overzicht)} van {aantal_indicatoren} indicatoren hebben waarden, "
        f"in {aantal_datasets} datasets.",
    )
