"""Reads that join areas and values for one page, each one query."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Case, CharField, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from wijken import codes
from wijken.models import Gebied, GebiedVersie

from .models import STATUS_MET_WAARDE, Indicator, KernsetItem, Waarde
from .profiel import DomeinProfiel, bouw_profiel, kernset_codes
from .weergave import toon_van


def inwoners_per_jaar(gebied_ids) -> dict[int, dict[int, float | None]]:
    """CBS AantalInwoners per gebied per year (1 query): the denominator of the rates per 1,000 inhabitants that
    signalen and mor publish."""
    uit: dict[int, dict[int, float | None]] = {}
    for gebied_id, periode, waarde in Waarde.objects.filter(
        indicator__code="AantalInwoners", gebied_id__in=gebied_ids, periode__regex=r"^[0-9]{4}$"
    ).values_list("gebied_id", "periode", "waarde"):
        uit.setdefault(gebied_id, {})[int(periode)] = waarde
    return uit


def locatiekaart_gebieden(
    *, gemeente, wijk, indicator_id: int | None, periode: str | None, toegang, perioden: list[str] | None = None
) -> list:
    """The areas of the profile's locator map in one query: all wijken of the gemeente and, when a wijk is
    given, its buurten; each with the geometry of its latest boundary version (`geo`) and the value of
    one indicator in one period (`w_waarde`, `w_status`, `w_toelichting`, `w_bron`; None when not loaded or
    not visible to `toegang`). With `perioden` (e.g. the last 12 complete months of a signal rate) the value
    is the mean over those periods of the numbers that may be shown, `w_status` "beschikbaar" when there is one."""
    filt = Q(niveau=codes.WIJK, ouder=gemeente)
    if wijk is not None:
        filt |= Q(niveau=codes.BUURT, ouder=wijk)
    qs = Gebied.objects.filter(filt).annotate(
        geo=Subquery(GebiedVersie.objects.filter(gebied=OuterRef("pk")).order_by("-jaar").values("geometrie")[:1])
    )
    if indicator_id is not None and perioden:
        gemiddeld = (
            Waarde.objects.zichtbaar_voor(toegang)
            .filter(
                gebied=OuterRef("pk"),
                indicator_id=indicator_id,
                periode__in=perioden,
                waarde__isnull=False,
                status__in=[s.value for s in STATUS_MET_WAARDE],
            )
            .values("gebied")
            .annotate(gem=Avg("waarde"))
            .values("gem")[:1]
        )
        qs = qs.annotate(w_waarde=Subquery(gemiddeld), w_toelichting=Value(""), w_bron=Value(""))
        qs = qs.annotate(
            w_status=Case(
                When(w_waarde__isnull=False, then=Value("beschikbaar")), default=None, output_field=CharField()
            )
        )
    elif indicator_id is not None and periode:
        waarde = Waarde.objects.zichtbaar_voor(toegang).filter(
            gebied=OuterRef("pk"), indicator_id=indicator_id, periode=periode
        )
        qs = qs.annotate(
            w_waarde=Subquery(waarde.values("waarde")[:1]),
            w_status=Subquery(waarde.values("status")[:1]),
            w_toelichting=Subquery(waarde.values("toelichting")[:1]),
            w_bron=Subquery(waarde.values("bron")[:1]),
        )
    return list(qs.order_by("code"))


def gemeente_van(gebied: Gebied) -> Gebied | None:
    """The gebied's gemeente via the parents loaded by met_ouders() (no query)."""
    if gebied.niveau == codes.GEMEENTE:
        return gebied
    ouder = gebied.ouder
    while ouder is not None and ouder.niveau != codes.GEMEENTE:
        ouder = ouder.ouder
    return ouder


def wijk_van(gebied: Gebied) -> Gebied | None:
    if gebied.niveau == codes.WIJK:
        return gebied
    if gebied.niveau == codes.BUURT:
        return gebied.ouder
    return None


# --- the profile of one area: one read for the internal and the public profile -----------------------


@dataclass(frozen=True)
class Profiel:
    """What a profile page shows, read for one access: the area's values with those of its gemeente and
    Nederland (`rijen`: Waarde rows with indicator and domain loaded; `bouw_profiel` and the first screen read
    them by attribute, as they read `ProfielWaarde`), the kernset codes of its wijk and the built domains."""

    gebied: Gebied
    gemeente: Gebied | None
    wijk: Gebied | None
    rijen: list
    nl_id: int | None
    kernset: set[str]
    domeinen: list[DomeinProfiel]

    @property
    def aantal(self) -> int:
        return sum(len(d.alle) for d in self.domeinen)

    @property
    def met_gemeente(self) -> bool:
        """Whether the gemeente's figure stands next to the area's (not on the gemeente's own profile)."""
        return self.gemeente is not None and self.gemeente.id != self.gebied.id


def kernset_van(wijk: Gebied | None) -> set[str]:
    """The kernset codes of a wijk (the default where the wijk has no own choice in a domain; 1 query)."""
    wijk_id = wijk.id if wijk else None
    items = KernsetItem.objects.voor_wijk(wijk_id).values_list(
        "gebied_id", "indicator__code", "indicator__domein__code"
    )
    return kernset_codes(list(items), wijk_id)


def profiel_van(gebied: Gebied, *, toegang, vandaag: date | None = None) -> Profiel:
    """The profile of `gebied` (loaded with `met_ouders()`) as `toegang` may see it, in 2 queries whatever the
    number of indicators or periods: the values (area, gemeente, Nederland) and the kernset."""
    gemeente, wijk = gemeente_van(gebied), wijk_van(gebied)
    ids = {gebied.id} | ({gemeente.id} if gemeente else set())
    rijen = list(Waarde.objects.zichtbaar_voor(toegang).voor_profiel(ids))
    nl_id = next((w.gebied_id for w in rijen if w.niveau == codes.LAND), None)
    kernset = kernset_van(wijk)
    domeinen = bouw_profiel(
        rijen,
        gebied_id=gebied.id,
        gemeente_id=gemeente.id if gemeente else None,
        nl_id=nl_id,
        kernset=kernset,
        vandaag=vandaag or timezone.localdate(),
    )
    return Profiel(gebied, gemeente, wijk, rijen, nl_id, kernset, domeinen)


# --- combine: scatter and composite index ----------------------------------------------------------------

JAAR_SQL = r"^[0-9]{4}$"  # only yearly periods (2024), not months or quarters


def jaren_per_indicator(*, niveau: str, gemeente_code: str, toegang) -> dict[int, set[str]]:
    """Per indicator id the years with values at a level of the gemeente that `toegang` may see (1 query)."""
    paren = (
        Waarde.objects.op_niveau(niveau=niveau, gemeente_code=gemeente_code)
        .zichtbaar_voor(toegang)
        .filter(periode__regex=JAAR_SQL)
        .order_by()
        .values_list("indicator_id", "periode")
        .distinct()
    )
    uit: dict[int, set[str]] = {}
    for indicator_id, periode in paren:
        uit.setdefault(indicator_id, set()).add(periode)
    return uit


@dataclass(frozen=True)
class Spreiding:
    """The rows behind a scatter: values of x and y at the level and for the gemeente in one year, and the
    areas of the level (an area without any value is counted as left out)."""

    waarden: list
    gemeente_waarden: list
    gemeente: Gebied | None
    gebieden: list[Gebied]


def spreiding_van(*, niveau: str, gemeente_code: str, indicator_ids: set[int], jaar: str, toegang) -> Spreiding:
    """3 queries: the values at the level, the gemeente's values, the areas of the level plus the gemeente."""
    waarden = list(
        Waarde.objects.op_niveau(
            niveau=niveau, gemeente_code=gemeente_code, indicator_ids=indicator_ids, periode=jaar
        ).zichtbaar_voor(toegang)
    )
    gemeente_waarden = list(
        Waarde.objects.op_niveau(
            niveau=codes.GEMEENTE, gemeente_code=gemeente_code, indicator_ids=indicator_ids, periode=jaar
        ).zichtbaar_voor(toegang)
    )
    alle = list(
        (Gebied.objects.op_niveau(niveau, gemeente_code) | Gebied.objects.filter(code=gemeente_code)).order_by("code")
    )
    gemeente = next((g for g in alle if g.code == gemeente_code), None)
    return Spreiding(waarden, gemeente_waarden, gemeente, [g for g in alle if g.niveau == niveau])


def jaarwaarden(gebied_ids: list[int], *, toegang) -> list:
    """All yearly values of these areas with indicator, domain and gebied (1 query): the composite index."""
    return list(Waarde.objects.voor_gebieden(gebied_ids).zichtbaar_voor(toegang).filter(periode__regex=JAAR_SQL))


# --- compare areas side by side and similar areas --------------------------------------------------------


def keuzelijst(gemeente_code: str) -> list[tuple[str, list[Gebied]]]:
    """The gemeente, its wijken and per wijk its buurten, for the 'add an area' list (1 query)."""
    gebieden = list(
        Gebied.objects.filter(
            Q(code=gemeente_code) | Q(ouder__code=gemeente_code) | Q(ouder__ouder__code=gemeente_code)
        ).order_by("code")
    )
    gemeente = [g for g in gebieden if g.niveau == codes.GEMEENTE]
    wijken = [g for g in gebieden if g.niveau == codes.WIJK]
    buurten = defaultdict(list)
    for g in gebieden:
        if g.niveau == codes.BUURT:
            buurten[g.ouder_id].append(g)
    groepen = [("Gemeente", gemeente), ("Wijken", wijken)]
    groepen += [(f"Buurten in {w.weergavenaam}", buurten[w.id]) for w in wijken if buurten[w.id]]
    return [(naam, lijst) for naam, lijst in groepen if lijst]


def gebieden_per_code(gebied_codes: list[str]) -> dict[str, Gebied]:
    """The areas of these codes with their parents (1 query); an unknown code is absent."""
    return {g.code: g for g in Gebied.objects.met_ouders().filter(code__in=gebied_codes)}


def relatieve_indicatoren(toegang) -> dict[str, Indicator]:
    """The relative indicators (not counts) `toegang` may see, with domain, by code in display order."""
    return {
        i.code: i for i in Indicator.objects.zichtbaar_voor(toegang).filter(absoluut=False).select_related("domein")
    }


def getoonde_waarden(toegang, *, indicatoren: dict[str, Indicator], **filters) -> dict[tuple[str, str, str], tuple]:
    """(area code, indicator code, period) -> (shown value, source) of the values `filters` select among
    these indicators (code -> Indicator), as `toegang` may see them (1 query)."""
    uit = {}
    for g_code, i_code, periode, waarde, status, toelichting, bron in (
        Waarde.objects.zichtbaar_voor(toegang)
        .filter(indicator_id__in=[i.id for i in indicatoren.values()], **filters)
        .values_list("gebied__code", "indicator__code", "periode", "waarde", "status", "toelichting", "bron")
    ):
        uit[(g_code, i_code, periode)] = (toon_van(indicatoren[i_code], waarde, status, toelichting), bron)
    return uit


def trend_waarden(indicator, gebied_ids: set[int]) -> list:
    """One indicator's values of these areas and of Nederland in period order, with the area's level, name
    and code annotated (1 query; the indicator itself is already checked against the visitor's access)."""
    from django.db.models import F

    return list(
        Waarde.objects.filter(indicator=indicator)
        .met_land(gebied_ids)
        .annotate(niveau=F("gebied__niveau"), gebied_naam=F("gebied__naam"), gebied_code=F("gebied__code"))
        .order_by("periode")
    )


def grensversies(gebied: Gebied) -> list[tuple[int, dict | None]]:
    """(year, geometry) of the area's boundary versions (1 query)."""
    return list(GebiedVersie.objects.filter(gebied=gebied).values_list("jaar", "geometrie"))


# --- the Gegevensoverzicht --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dekkingsrijen:
    """The plain rows `overzicht.bouw_overzicht` builds the Gegevensoverzicht from."""

    datasets: list
    indicatoren: list
    tellingen: list
    gebieden_per_niveau: dict[str, int]


def dekkingsrijen(gemeente_code: str) -> Dekkingsrijen:
    """4 queries whatever the number of datasets, indicators, periods or values: datasets with their owner;
    indicators with their domain; one grouped count over the values; the number of own areas per level."""
    from django.db.models import Count

    from .models import Dataset
    from .overzicht import DatasetRij, IndicatorRij, Periodedekking

    datasets = [
        DatasetRij(d.id, d.code, d.naam, d.get_zichtbaarheid_display(), d.eigenaar.naam, d.eigenaar.soort, d.licentie)
        for d in Dataset.objects.select_related("eigenaar").order_by("naam")
    ]
    indicatoren = [
        IndicatorRij(*rij)
        for rij in Indicator.objects.order_by("domein__volgorde", "volgorde", "code").values_list(
            "id", "code", "naam", "dataset_id", "domein__naam", "soort", "venster"
        )
    ]
    tellingen = [Periodedekking(*rij) for rij in Waarde.objects.dekking(gemeente_code)]
    eigen = (
        Q(code=gemeente_code) | Q(ouder__code=gemeente_code) | Q(ouder__ouder__code=gemeente_code) | Q(niveau="land")
    )
    per_niveau = dict(Gebied.objects.filter(eigen).values_list("niveau").annotate(n=Count("id")).order_by())
    return Dekkingsrijen(datasets, indicatoren, tellingen, per_niveau)
