"""What the signalen pages share: the access check, Hengelo's wijken and buurten, query strings."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from toegang.regels import toegang_van
from wijken import codes
from wijken.models import Gebied

from ..regels import mag_signalen_zien


def toegang_of_403(request):
    toegang = toegang_van(request.user)
    if not mag_signalen_zien(toegang):
        raise PermissionDenied("Uw account heeft geen toegang tot signalen.")
    return toegang


def gebieden():
    """Hengelo's wijken and buurten (1 query), for filters and selects."""
    gm = settings.GEMEENTE_CODE
    return list(
        Gebied.objects.filter(
            Q(niveau=codes.WIJK, ouder__code=gm) | Q(niveau=codes.BUURT, ouder__ouder__code=gm)
        ).order_by("code")
    )


def zonder(request, *namen) -> str:
    params = request.GET.copy()
    for naam in namen:
        params.pop(naam, None)
    return params.urlencode()
