"""Logging a signal: the form with a map to pick the point, and a second step when similar open signals are
near (a new problem, or a duplicate of one of them)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from shapely.geometry import shape

from toegang.regels import toegang_van
from wijken import codes
from wijken.models import GebiedVersie

from .. import services
from ..duplicaten import duplicaat_suggesties
from ..forms import MeldFormulier, fouten_overnemen
from ..kaart import KaartBuurt, kiesfiguur
from ..models import Categorie
from ..regels import mag_signalen_behandelen, mag_signalen_melden
from .gedeeld import gebieden, toegang_of_403


def _kaartbuurten(jaar: int) -> tuple[list[KaartBuurt], int | None]:
    versies = list(
        GebiedVersie.objects.geldig_in(jaar)
        .filter(gebied__niveau=codes.BUURT, gebied__ouder__ouder__code=settings.GEMEENTE_CODE, geometrie__isnull=False)
        .select_related("gebied", "gebied__ouder")
        .order_by("gebied__code")
    )
    uit = []
    for v in versies:
        p = shape(v.geometrie).representative_point()
        uit.append(
            KaartBuurt(v.gebied.code, v.naam, v.gebied.ouder.weergavenaam, v.geometrie, (round(p.x, 6), round(p.y, 6)))
        )
    return uit, max((v.jaar for v in versies), default=None)


def _punt(form) -> tuple[float, float] | None:
    try:
        lon = float(str(form.data.get("lon", "")).replace(",", "."))
        lat = float(str(form.data.get("lat", "")).replace(",", "."))
    except ValueError:
        return None
    return (lon, lat)


def _portefeuille(toegang) -> dict | None:
    """The wijk and buurt codes the user may log signals in, for the check on click on the form's map
    (the service checks again on submit); None when that is every area (1 query)."""
    alle = gebieden()
    wijken = {g.id: g for g in alle if g.niveau == codes.WIJK}
    mag = {i for i in wijken if mag_signalen_behandelen(toegang, i)}
    if len(mag) == len(wijken):
        return None
    return {
        "wijken": sorted(wijken[i].code for i in mag),
        "buurten": sorted(g.code for g in alle if g.niveau == codes.BUURT and g.ouder_id in mag),
    }


def _meld_pagina(request, form, *, suggesties=(), status=200):
    buurten, jaar = _kaartbuurten(timezone.localdate().year)
    punt = _punt(form) if form.is_bound else None
    return render(
        request,
        "signalen/melden.html",
        {
            "form": form,
            "kaart": kiesfiguur(buurten, punt=punt, jaar=jaar),
            "portefeuille": _portefeuille(toegang_van(request.user)),
            "suggesties": suggesties,
            "grens_jaar": jaar,
            "vandaag": timezone.localdate(),
            "bewaartermijn": getattr(settings, "SIGNALEN_BEWAARTERMIJN_MAANDEN", 12),
        },
        status=status,
    )


@login_required
def melden(request):
    """Log a signal. Step 1: the form; when open signals of the same category lie within 100 m or in the
    same buurt (last 90 days), step 2 asks: a new problem, or a duplicate of one of them?"""
    toegang = toegang_of_403(request)
    if not mag_signalen_melden(toegang):
        raise PermissionDenied("Alleen stadsdeelregisseurs kunnen signalen melden.")
    wijken = [g for g in gebieden() if g.niveau == codes.WIJK]
    categorieen = list(Categorie.objects.actief().boom())
    if request.method != "POST":
        form = MeldFormulier(
            initial={"datum_voorval": timezone.localdate().isoformat(), "aantal_bewoners": 1},
            categorieen=categorieen,
            wijken=wijken,
        )
        return _meld_pagina(request, form)
    form = MeldFormulier(request.POST, categorieen=categorieen, wijken=wijken)
    if not form.is_valid():
        return _meld_pagina(request, form, status=400)
    velden = form.service_velden()
    try:
        if form.cleaned_data["keuze"] != "bevestigd":
            nieuw = services.melding_controleren(door=request.user, **velden).signaal
            suggesties = duplicaat_suggesties(
                categorie=nieuw.categorie, lon=nieuw.lon, lat=nieuw.lat, buurt_id=nieuw.buurt_id
            )
            if suggesties:
                return _meld_pagina(request, form, suggesties=suggesties)
        signaal = services.signaal_melden(door=request.user, **velden)
    except ValidationError as fout:
        fouten_overnemen(form, fout)
        return _meld_pagina(request, form, status=400)
    plek = signaal.buurt or signaal.wijk
    tekst = f"Signaal #{signaal.pk} is gemeld in {plek.weergavenaam}"
    if signaal.duplicaat_van_id:
        tekst += f", als duplicaat van #{signaal.duplicaat_van_id}"
    messages.success(request, tekst + ".")
    return redirect("signalen:detail", pk=signaal.pk)
