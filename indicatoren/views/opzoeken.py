"""Small helpers shared by the dashboard views (lookups that 404 with a helpful message)."""

from django.http import Http404

from wijken.models import Gebied

from ..models import Indicator
from ..selectors import gemeente_van, wijk_van

__all__ = ["gebied_of_404", "gemeente_van", "indicator_of_404", "wijk_van"]


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
