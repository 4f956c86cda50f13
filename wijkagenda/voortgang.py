"""How an opgave's linked indicators and signals moved since it was opened, and where agenda actions go on a
trend chart. Plain functions on plain rows (no ORM): tested without a database."""

from dataclasses import dataclass
from datetime import date

from indicatoren.models import Indicator, Polariteit
from indicatoren.weergave import Getoond
from lib.perioden import is_compleet, maand_van, maand_verschuif, maanden_tussen, periode_begin, periode_na

from .analyse import periode_sleutel
from .teksten import getoond_tekst, met_eenheid

SIGNAAL_MAANDEN_VOOR = 6


def periode_van_datum(datum: date, perioden: list[str]) -> str | None:
    """The period of a series in which `datum` falls (the last one starting at or before it), or None when the
    date lies before the series. A date after the last period gets the last period only if it lies within it."""
    geordend = sorted(perioden, key=periode_sleutel)
    kandidaten = [p for p in geordend if periode_begin(p) <= datum]
    if not kandidaten:
        return None
    p = kandidaten[-1]
    if p == geordend[-1] and datum >= periode_na(p):
        return None
    return p


@dataclass(frozen=True)
class IndicatorBeweging:
    indicator: Indicator
    basis_periode: str | None  # the latest period that started before the opgave was opened
    basis: Getoond | None
    laatste_periode: str | None
    laatste: Getoond | None
    oordeel: str  # verbeterd, verslechterd, gestegen, gedaald, gelijk, or ""
    tekst: str


def indicator_beweging(
    indicator, reeks: dict[str, Getoond], geopend_op: date, vandaag: date | None = None
) -> IndicatorBeweging:
    """How an indicator moved since an opgave opened: the last period before the opening against the latest
    period. With `vandaag`, a running month or quarter never counts as the latest (never headline an
    incomplete period: a published signal count of the running month is not yet a result)."""
    if vandaag is not None:
        reeks = {p: w for p, w in reeks.items() if is_compleet(p, vandaag)}
    if not reeks:
        return IndicatorBeweging(indicator, None, None, None, None, "", "geen cijfers voor deze wijk geladen")
    laatste_p = max(reeks, key=periode_sleutel)
    voor = [p for p in reeks if periode_begin(p) < geopend_op]
    basis_p = max(voor, key=periode_sleutel) if voor else None
    d = indicator.decimalen
    laatste_t = met_eenheid(getoond_tekst(reeks[laatste_p], d), indicator.eenheid)
    if basis_p is None:
        return IndicatorBeweging(
            indicator,
            None,
            None,
            laatste_p,
            reeks[laatste_p],
            "",
            f"geen cijfer van voor de opening; nu {laatste_t} ({laatste_p})",
        )
    basis, laatste = reeks[basis_p], reeks[laatste_p]
    basis_t = met_eenheid(getoond_tekst(basis, d), indicator.eenheid)
    if basis_p == laatste_p:
        return IndicatorBeweging(
            indicator,
            basis_p,
            basis,
            laatste_p,
            laatste,
            "",
            f"nog geen nieuwer cijfer dan bij de opening: {basis_t} ({basis_p})",
        )
    if basis.waarde is None or laatste.waarde is None:
        return IndicatorBeweging(
            indicator,
            basis_p,
            basis,
            laatste_p,
            laatste,
            "",
            f"{basis_t} ({basis_p}) en {laatste_t} ({laatste_p}): geen verschil te berekenen",
        )
    verschil = laatste.waarde - basis.waarde
    if verschil == 0:
        oordeel = "gelijk"
    elif indicator.polariteit in (Polariteit.HOGER_BETER, Polariteit.HOGER_SLECHTER):
        oordeel = "verbeterd" if (verschil > 0) == (indicator.polariteit == Polariteit.HOGER_BETER) else "verslechterd"
    else:
        oordeel = "gestegen" if verschil > 0 else "gedaald"
    return IndicatorBeweging(
        indicator,
        basis_p,
        basis,
        laatste_p,
        laatste,
        oordeel,
        f"van {basis_t} ({basis_p}) naar {laatste_t} ({laatste_p}): {oordeel}",
    )


@dataclass(frozen=True)
class SignaalBeweging:
    categorie: str
    voor: int
    maanden_voor: int
    sinds: int
    maanden_sinds: int

    @property
    def per_maand_voor(self) -> float | None:
        return self.voor / self.maanden_voor if self.maanden_voor else None

    @property
    def per_maand_sinds(self) -> float | None:
        return self.sinds / self.maanden_sinds if self.maanden_sinds else None


def signaal_vensters(geopend_op: date, vandaag: date, maanden_voor: int = SIGNAAL_MAANDEN_VOOR):
    """(months before opening, complete months since opening, up to last month). The opening month counts as
    'since'; the running month is left out (it is not complete)."""
    opening = maand_van(geopend_op)
    voor = maanden_tussen(maand_verschuif(opening, -maanden_voor), maand_verschuif(opening, -1))
    laatste = maand_verschuif(maand_van(vandaag), -1)
    sinds = maanden_tussen(opening, laatste) if opening <= laatste else []
    return voor, sinds


def signaal_beweging(categorie: str, per_maand: dict[str, int], geopend_op: date, vandaag: date) -> SignaalBeweging:
    """per_maand: 'YYYY-MM' -> number of signals of this category in the wijk (missing months are 0)."""
    voor, sinds = signaal_vensters(geopend_op, vandaag)
    return SignaalBeweging(
        categorie,
        sum(per_maand.get(m, 0) for m in voor),
        len(voor),
        sum(per_maand.get(m, 0) for m in sinds),
        len(sinds),
    )


def actie_markeringen(acties: list[tuple[date, str]], perioden: list[str]) -> list[tuple[str, str]]:
    """Agenda actions as (period, label) on a trend chart with these periods; actions outside the series
    are left out (the page lists every action in a table anyway)."""
    uit = []
    for datum, tekst in sorted(acties, key=lambda a: a[0]):
        p = periode_van_datum(datum, perioden)
        if p is not None:
            uit.append((p, tekst))
    return uit
