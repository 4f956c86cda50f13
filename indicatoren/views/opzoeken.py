"""Small helpers shared by the dashboard views (lookups that 404 with a helpful message)."""

from django.http import Http404

from wijken import codes
from wijken.models import Gebied

from ..models import Indicator


def gebied_of_404(code: str) -> Gebied:
    gebied = Gebied.objects.met_ouders().filter(code=code.strip().upper()).first()
    if gebied is None:
        raise Http404(f"Er is geen gebied met code '{code}'.")
    return gebied


def indicator_of_404(code: str, toegang=None) -> Indicator:
    """The indicator by code; one the user may not see is as unknown as one that does not exist."""
    qs = Indicator.objects.select_related("domein", "dataset")
    if toegang is not None:
        qs = qs.zichtbaar_voor(toegang)
    indicator = qs.filter(code=code.strip()).first()
    if indicator is None:
        raise Http404(f"Er is geen indicator met code '{code}'.")
    return indicator


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
