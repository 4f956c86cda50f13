"""The home page (issue 11): a city map of the wijken, a search box, and per role what needs attention:
"mijn wijken" for a stadsdeelregisseur, "mijn escalaties" for a partner, the latest hotspots for the
municipality's staff. Anonymous visitors land on the public overview."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from indicatoren.locatiekaart import Omgeving, stadskaart_figuur
from lib.perioden import laatste_volledige_maanden, maand_label
from signalen.hotspots import hotspots_berekenen
from signalen.models import ESCALATIE_OPEN, Escalatie
from signalen.regels import mag_signaalcijfers_zien
from toegang.models import Rol
from toegang.regels import toegang_van
from wijken.models import Gebied

from .. import werk_stem

AANTAL_HOTSPOTS = 5
AANTAL_ESCALATIES = 10


@login_not_required
def start(request):
    """Queries (logged in): session, user, account; gemeente; wijken with their latest boundary; buurten;
    then per role: open escalations of the partner (1) or the hotspots of the last complete month (2)."""
    if not request.user.is_authenticated:
        return redirect("wijkagenda:openbaar")
    toegang = toegang_van(request.user)
    gemeente = Gebied.objects.filter(code=settings.GEMEENTE_CODE).first()
    wijken = list(Gebied.objects.wijken_met_buurten(settings.GEMEENTE_CODE).met_geometrie()) if gemeente else []
    mijn_wijken = [w for w in wijken if w.id in toegang.portefeuille]
    figuur = stadskaart_figuur(
        [Omgeving(w.code, w.weergavenaam, w.geo, reverse("indicatoren:gebied", args=[w.code])) for w in wijken],
        gemarkeerd=frozenset(w.code for w in mijn_wijken),
    )
    context = {
        "gemeente": gemeente,
        "wijken": wijken,
        "mijn_wijken": mijn_wijken,
        "figuur": figuur if any(w.geo for w in wijken) else None,
    }
    if toegang.is_partner and toegang.organisatie_id:
        context["escalaties"] = list(
            Escalatie.objects.filter(partner_id=toegang.organisatie_id, status__in=ESCALATIE_OPEN)
            .select_related("signaal", "signaal__categorie", "signaal__wijk", "signaal__buurt")
            .order_by("streefdatum", "pk")[:AANTAL_ESCALATIES]
        )
        context["vandaag"] = timezone.localdate()
    if toegang.portefeuille or toegang.rol == Rol.BEHEERDER:
        context.update(werk_stem.taken(toegang))  # issue 13: decisions on "ik ook", overdue herkenning rounds
    if mag_signaalcijfers_zien(toegang):
        maand = laatste_volledige_maanden(timezone.localdate(), 1)[0]
        gevonden = hotspots_berekenen(maand=maand)
        context["hotspots"] = sorted(gevonden, key=lambda h: -h.beoordeling.laatste)[:AANTAL_HOTSPOTS]
        context["hotspots_totaal"] = len(gevonden)
        context["hotspot_maand"] = maand
        context["hotspot_maand_label"] = maand_label(maand)
    return render(request, "wijkagenda/start.html", context)
