from django.conf import settings
from django.db.models import Q
from django.shortcuts import render

from .models import Gebied, Niveau


def overzicht(request):
    """Home: the wijken of the gemeente with their buurten (2 queries)."""
    gemeente = Gebied.objects.filter(code=settings.GEMEENTE_CODE).first()
    wijken = list(Gebied.objects.wijken_met_buurten(settings.GEMEENTE_CODE)) if gemeente else []
    return render(request, "wijken/overzicht.html", {"gemeente": gemeente, "wijken": wijken})


def zoeken(request):
    """Find a wijk or buurt by name or code (offline, 1 query over the areas of the gemeente). One exact
    match opens its profile; otherwise the matches are listed."""
    from django.shortcuts import redirect
    from django.urls import reverse

    from .zoeken import MAX_ZOEKTERM, zoek_gebieden

    term = (request.GET.get("q") or "").strip()
    treffers = []
    if term:
        gm = settings.GEMEENTE_CODE
        gebieden = list(
            Gebied.objects.filter(
                Q(code=gm) | Q(niveau=Niveau.WIJK, ouder__code=gm) | Q(niveau=Niveau.BUURT, ouder__ouder__code=gm)
            ).select_related("ouder")
        )
        treffers = zoek_gebieden(term, gebieden)
        exact = [t for t in treffers if t.score == 0]
        if len(exact) == 1 and request.GET.get("lijst") != "1":
            return redirect(reverse("indicatoren:gebied", args=[exact[0].gebied.code]))
    return render(
        request,
        "wijken/zoeken.html",
        {"term": term, "treffers": treffers, "te_lang": len(term) > MAX_ZOEKTERM},
    )
