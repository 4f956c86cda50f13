from django.conf import settings
from django.shortcuts import render

from lib.tabellen import download_antwoord
from toegang.regels import toegang_van

from ..forms import ProfielForm
from ..leeg import nederland_niet_geladen, profiel_leeg
from ..profiel import niet_geladen, profiel_tabel
from ..selectors import profiel_van
from .eerste_scherm import eerste_scherm
from .opzoeken import gebied_of_404


def gebied(request, code: str):
    """Profile of a gemeente, wijk or buurt.

    Queries (fixed, whatever the number of indicators): gebied with parents; values of the
    gebied, its gemeente and Nederland with indicator and domain; kernset; kinderen.
    """
    gebied = gebied_of_404(code)
    toegang = toegang_van(request.user)
    profiel = profiel_van(gebied, toegang=toegang)
    tabel = profiel_tabel(gebied, profiel.domeinen, profiel.gemeente)
    # The first screen (tiles, signals panel, locator map, domain index); its map query also gives the
    # sub-areas, so the budget stays the same.
    scherm = eerste_scherm(profiel, toegang=toegang, kaart_code=ProfielForm(request.GET).kaart_code())
    if profiel.gemeente is None:  # an area outside the configured gemeente: its sub-areas as before
        scherm["kinderen"] = list(gebied.kinderen.order_by("code"))
    tabellen = [tabel] + [scherm[t] for t in ("kaart_tabel", "index_tabel") if t in scherm]
    if (bestand := download_antwoord(request, tabellen, f"profiel-{gebied.code}")) is not None:
        return bestand
    return render(
        request,
        "indicatoren/profiel.html",
        {
            **scherm,
            "gebied": gebied,
            "gemeente": profiel.gemeente,
            "domeinen": profiel.domeinen,
            "aantal": profiel.aantal,
            "tabel": tabel,
            "toon_gemeente": profiel.met_gemeente,
            "toon_nl": profiel.nl_id is not None,
            "nl_reden": nederland_niet_geladen(settings.GEMEENTE_CODE),
            "niet_geladen": niet_geladen(profiel.rijen, gebied_id=gebied.id),
            "leeg": profiel_leeg(gebied.weergavenaam, settings.GEMEENTE_CODE),
            "laad_cbs": f"python manage.py load_cbs --gemeente {settings.GEMEENTE_CODE}",
        },
    )
