from django.conf import settings
from django.db.models import Q
from django.shortcuts import render

from .models import Gebied, Niveau


def overzicht(request):
    """Home: the wijken of the gemeente with their buurten (2 queries)."""
    gemeente = Gebied.objects.filter(code=settings.GEMEENTE_CODE).first()
    wijken = list(Gebied.objects.wijken_met_buurten(settings.GEMEENTE_CODE)) if gemeente else []
    return render(request, "wijken/overzicht.html", {"gemeente": gemeente, "wijken": wijken})


def _gebieden_van_gemeente() -> list[Gebied]:
    gm = settings.GEMEENTE_CODE
    return list(
        Gebied.objects.filter(
            Q(code=gm) | Q(niveau=Niveau.WIJK, ouder__code=gm) | Q(niveau=Niveau.BUURT, ouder__ouder__code=gm)
        ).select_related("ouder")
    )


def _adressen(term: str, per_code: dict) -> tuple[list[dict], str]:
    """Addresses from the geocoder with the stored buurt they lie in, and a message when it failed."""
    from .geocoder import GeocoderFout, zoek_adres

    try:
        gevonden = zoek_adres(
            term,
            basis_url=settings.PDOK_LOCATIESERVER_URL,
            gemeente_code=settings.GEMEENTE_CODE,
            timeout=settings.PDOK_TIMEOUT,
        )
    except GeocoderFout as exc:
        return [], f"{exc} Zoeken op de naam van een wijk of buurt werkt wel."
    uit = []
    for a in gevonden:
        buurt = per_code.get(a.buurtcode)
        wijk = per_code.get(a.wijkcode) or (buurt.ouder if buurt else None)
        uit.append({"adres": a, "buurt": buurt, "wijk": wijk})
    return uit, ""


def zoeken(request):
    """Find a wijk or buurt by name or code (offline, 1 query over the areas of the gemeente), and a street,
    address or postcode through the PDOK Locatieserver when no name matches exactly. One exact name match
    opens its profile; otherwise the matches are listed, addresses with the buurt they lie in."""
    from django.shortcuts import redirect
    from django.urls import reverse

    from .zoeken import MAX_ZOEKTERM, zoek_gebieden

    term = (request.GET.get("q") or "").strip()
    treffers, adressen, adresfout = [], [], ""
    if term:
        gebieden = _gebieden_van_gemeente()
        treffers = zoek_gebieden(term, gebieden)
        exact = [t for t in treffers if t.score == 0]
        if len(exact) == 1 and request.GET.get("lijst") != "1":
            return redirect(reverse("indicatoren:gebied", args=[exact[0].gebied.code]))
        if not exact:
            adressen, adresfout = _adressen(term, {g.code: g for g in gebieden})
    return render(
        request,
        "wijken/zoeken.html",
        {
            "term": term,
            "treffers": treffers,
            "adressen": adressen,
            "adresfout": adresfout,
            "te_lang": len(term) > MAX_ZOEKTERM,
        },
    )


def adres_json(request):
    """The address lookup for the new-signal form (static/js/signalen.js): addresses with point and buurt."""
    from django.http import JsonResponse

    term = (request.GET.get("q") or "").strip()
    if not term:
        return JsonResponse({"adressen": [], "fout": "Typ een straat, adres of postcode."})
    adressen, fout = _adressen(term, {g.code: g for g in _gebieden_van_gemeente()})
    return JsonResponse(
        {
            "adressen": [
                {
                    "weergavenaam": r["adres"].weergavenaam,
                    "soort": r["adres"].soort,
                    "lon": r["adres"].lon,
                    "lat": r["adres"].lat,
                    "buurtcode": r["buurt"].code if r["buurt"] else "",
                    "buurt": r["buurt"].weergavenaam if r["buurt"] else "",
                    "wijkcode": r["wijk"].code if r["wijk"] else "",
                    "wijk": r["wijk"].weergavenaam if r["wijk"] else "",
                }
                for r in adressen
            ],
            "fout": fout,
        }
    )
