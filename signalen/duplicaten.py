"""Possible duplicates of a signal: open signals of the same main category nearby or in the same buurt."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .geo import afstand_m, omhullend_vak
from .models import OPEN, Categorie, Signaal

DUPLICAAT_STRAAL_M = 100
DUPLICAAT_DAGEN = 90


@dataclass(frozen=True)
class Suggestie:
    signaal: Signaal
    afstand_m: float | None
    reden: str


def duplicaat_suggesties(
    *,
    categorie: Categorie,
    lon: float | None = None,
    lat: float | None = None,
    buurt_id: int | None = None,
    uitsluiten=(),
    nu=None,
    straal_m: float = DUPLICAAT_STRAAL_M,
    dagen: int = DUPLICAAT_DAGEN,
    maximum: int = 10,
) -> list[Suggestie]:
    """Open signals of the same main category, logged in the last `dagen` days, within `straal_m` metres
    (haversine) or in the same buurt; nearest first. Only the first signal of a duplicate group is offered.
    One query (a lon/lat box pre-filters in SQL, haversine decides)."""
    nu = nu or timezone.now()
    hoofd = categorie.hoofdcategorie_id or categorie.id
    plek = Q()
    if lon is not None and lat is not None:
        minlon, minlat, maxlon, maxlat = omhullend_vak(lon, lat, straal_m)
        plek |= Q(lon__range=(minlon, maxlon), lat__range=(minlat, maxlat))
    if buurt_id is not None:
        plek |= Q(buurt_id=buurt_id)
    if not plek:
        return []
    kandidaten = (
        Signaal.objects.filter(plek)
        .filter(
            Q(categorie_id=hoofd) | Q(categorie__hoofdcategorie_id=hoofd),
            status__in=OPEN,
            duplicaat_van__isnull=True,
            gemeld_op__gte=nu - timedelta(days=dagen),
        )
        .exclude(pk__in=[u for u in uitsluiten if u is not None])
        .select_related("categorie", "categorie__hoofdcategorie", "buurt", "wijk")
        .order_by("-gemeld_op")[:200]
    )
    uit = []
    for s in kandidaten:
        afstand = None
        if lon is not None and lat is not None and s.lon is not None and s.lat is not None:
            afstand = afstand_m(lon, lat, s.lon, s.lat)
        if afstand is not None and afstand <= straal_m:
            uit.append(Suggestie(s, afstand, f"op {afstand:.0f} m"))
        elif buurt_id is not None and s.buurt_id == buurt_id:
            uit.append(Suggestie(s, afstand, "in dezelfde buurt"))
    uit.sort(key=lambda x: (x.afstand_m is None, x.afstand_m or 0, -x.signaal.gemeld_op.timestamp()))
    return uit[:maximum]
