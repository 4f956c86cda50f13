"""Reads that join areas and values for one page, each one query."""

from django.db.models import Avg, Case, CharField, OuterRef, Q, Subquery, Value, When

from wijken import codes
from wijken.models import Gebied, GebiedVersie

from .models import STATUS_MET_WAARDE, Waarde


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
