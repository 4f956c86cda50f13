"""Reads that join areas and values for one page, each one query."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Case, CharField, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from wijken import codes
from wijken.models import Gebied, GebiedVersie

from .models import STATUS_MET_WAARDE, KernsetItem, Waarde
from .profiel import DomeinProfiel, bouw_profiel, kernset_codes


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
