"""The profile of one gebied: per domain its indicators with value, references and judgement.

Built from plain rows (`ProfielWaarde`) by plain functions, so it is tested without a database.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from lib.perioden import LOPEND, kop_periode, periode_sleutel, periode_tekst
from lib.tabellen import Paginatabel

from .vergelijken import Oordeel, oordeel
from .weergave import Getoond, toon_waarde

if TYPE_CHECKING:
    from .models import Domein, Indicator


class ProfielWaarde(NamedTuple):
    gebied_id: int
    indicator: "Indicator"  # with its domein loaded (read-only use)
    periode: str
    waarde: float | None
    status: str
    toelichting: str
    bron: str


@dataclass
class Kengetal:
    indicator: "Indicator"
    periode: str
    eigen: Getoond
    bron: str
    gemeente: Getoond | None
    nl: Getoond | None
    oordeel_gemeente: Oordeel | None
    oordeel_nl: Oordeel | None
    in_kernset: bool
    aantal_perioden: int
    periode_tekst: str = ""  # the period as read: '2024', 'nov 2026', 'dec 2025 t/m nov 2026'


@dataclass
class DomeinProfiel:
    domein: "Domein"
    kernset: list[Kengetal] = field(default_factory=list)
    overig: list[Kengetal] = field(default_factory=list)

    @property
    def alle(self) -> list[Kengetal]:
        return self.kernset + self.overig

    @property
    def bronnen(self) -> list[str]:
        """The distinct sources of the domain's figures: one footnote under its table."""
        return sorted({k.bron for k in self.alle if k.bron})


def kernset_codes(items: list[tuple[int | None, str, str]], wijk_id: int | None) -> set[str]:
    """items: (gebied_id or None, indicator code, domein code). Per domain the wijk's own
    choice wins over the default; a domain without its own choice keeps the default."""
    eigen: dict[str, set[str]] = defaultdict(set)
    standaard: dict[str, set[str]] = defaultdict(set)
    for gebied_id, code, domein in items:
        if gebied_id is None:
            standaard[domein].add(code)
        elif gebied_id == wijk_id:
            eigen[domein].add(code)
    codes: set[str] = set()
    for domein in set(eigen) | set(standaard):
        codes |= eigen[domein] if domein in eigen else standaard[domein]
    return codes


def nog_niet_compleet(periode: str) -> Getoond:
    """The headline of a series that holds only a running period: no number, and why."""
    return Getoond("nog geen complete periode", None, "onbekend", f"alleen {periode_tekst(periode)} geladen ({LOPEND})")


def bouw_profiel(
    rijen: list[ProfielWaarde],
    *,
    gebied_id: int,
    gemeente_id: int | None,
    nl_id: int | None,
    kernset: set[str],
    vandaag: date | None = None,
) -> list[DomeinProfiel]:
    """Latest complete period per indicator for the gebied, with the references for that same period.

    A month or quarter that has not ended on `vandaag` (default: today) never headlines: its count is still
    growing. A series with only such a period shows no number and says why (`nog_niet_compleet`)."""
    vandaag = vandaag or date.today()
    per_indicator: dict[int, list[ProfielWaarde]] = defaultdict(list)
    referenties: dict[tuple[int | None, int, str], ProfielWaarde] = {}
    for rij in rijen:
        if rij.gebied_id == gebied_id:
            per_indicator[rij.indicator.id].append(rij)
        if rij.gebied_id in (gemeente_id, nl_id):
            referenties[(rij.gebied_id, rij.indicator.id, rij.periode)] = rij

    domeinen: dict[int, DomeinProfiel] = {}
    for reeks in per_indicator.values():
        kop = kop_periode([r.periode for r in reeks], vandaag)
        laatste = (
            next(r for r in reeks if r.periode == kop) if kop else max(reeks, key=lambda r: periode_sleutel(r.periode))
        )
        ind = laatste.indicator
        eigen = toon_waarde(laatste) if kop else nog_niet_compleet(laatste.periode)
        ref_h = referenties.get((gemeente_id, ind.id, laatste.periode)) if gemeente_id != gebied_id else None
        ref_nl = referenties.get((nl_id, ind.id, laatste.periode)) if nl_id != gebied_id else None
        gemeente = toon_waarde(ref_h) if ref_h else None
        nl = toon_waarde(ref_nl) if ref_nl else None
        kengetal = Kengetal(
            indicator=ind,
            periode=laatste.periode,
            eigen=eigen,
            bron=laatste.bron,
            gemeente=gemeente,
            nl=nl,
            oordeel_gemeente=oordeel(
                eigen.waarde, gemeente.waarde if gemeente else None, ind.polariteit, absoluut=ind.absoluut
            ),
            oordeel_nl=oordeel(eigen.waarde, nl.waarde if nl else None, ind.polariteit, absoluut=ind.absoluut),
            in_kernset=ind.code in kernset,
            aantal_perioden=len(reeks),
            periode_tekst=periode_tekst(laatste.periode, getattr(ind, "venster", None)),
        )
        profiel = domeinen.setdefault(ind.domein.id, DomeinProfiel(ind.domein))
        (profiel.kernset if kengetal.in_kernset else profiel.overig).append(kengetal)

    volgorde = sorted(domeinen.values(), key=lambda d: (d.domein.volgorde, d.domein.naam))
    for d in volgorde:
        d.kernset.sort(key=lambda k: (k.indicator.volgorde, k.indicator.code))
        d.overig.sort(key=lambda k: (k.indicator.volgorde, k.indicator.code))
    return volgorde


def niet_geladen(rijen: list[ProfielWaarde], *, gebied_id: int) -> list["Indicator"]:
    """Indicators known for a reference (gemeente, Nederland) but without any value for the gebied itself:
    the profile names them as 'niet geladen' instead of leaving them out silently. In display order."""
    eigen = {r.indicator.id for r in rijen if r.gebied_id == gebied_id}
    anders = {r.indicator.id: r.indicator for r in rijen if r.gebied_id != gebied_id and r.indicator.id not in eigen}
    return sorted(anders.values(), key=lambda i: (i.domein.volgorde, i.domein.naam, getattr(i, "volgorde", 0), i.code))


def profiel_tabel(gebied, domeinen: list[DomeinProfiel], gemeente) -> Paginatabel:
    """The profile's table for HTML, CSV and XLSX: one row per indicator, in display order."""
    gemeente_kolom = f"waarde {gemeente.weergavenaam}" if gemeente else "waarde gemeente"
    # (column, cell of one key figure in its domain): the column and its content stay side by side.
    kolommen: list[tuple[str, Callable[[DomeinProfiel, Kengetal], object]]] = [
        ("domein", lambda d, k: d.domein.naam),
        ("indicator", lambda d, k: k.indicator.naam),
        ("code", lambda d, k: k.indicator.code),
        ("periode", lambda d, k: k.periode_tekst or k.periode),
        ("waarde", lambda d, k: k.eigen.waarde),
        ("eenheid", lambda d, k: k.indicator.eenheid),
        ("status", lambda d, k: k.eigen.status),
        ("reden", lambda d, k: k.eigen.reden or k.eigen.noot),
        (gemeente_kolom, lambda d, k: k.gemeente.waarde if k.gemeente else None),
        ("oordeel t.o.v. gemeente", lambda d, k: k.oordeel_gemeente.woord if k.oordeel_gemeente else ""),
        ("waarde Nederland", lambda d, k: k.nl.waarde if k.nl else None),
        ("bron", lambda d, k: k.bron),
    ]
    rijen = [[cel(d, k) for _, cel in kolommen] for d in domeinen for k in d.alle]
    return Paginatabel(
        "profiel",
        f"Profiel {gebied.weergavenaam} ({gebied.code})",
        [naam for naam, _ in kolommen],
        rijen,
        f"{len(rijen)} indicatoren voor {gebied.weergavenaam}.",
    )
