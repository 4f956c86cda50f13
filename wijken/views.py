from django.conf import settings
from django.shortcuts import render

from .models import Gebied


def overzicht(request):
    """Home: the wijken of the gemeente with their buurten (2 queries)."""
    gemeente = Gebied.objects.filter(code=settings.GEMEENTE_CODE).first()
    wijken = list(Gebied.objects.wijken_met_buurten(settings.GEMEENTE_CODE)) if gemeente else []
    return render(request, "wijken/overzicht.html", {"gemeente": gemeente, "wijken": wijken})
