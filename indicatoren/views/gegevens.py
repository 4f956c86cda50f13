from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from lib.tabellen import download_antwoord
from toegang.regels import toegang_van

from ..overzicht import bouw_overzicht, overzicht_tabel
from ..regels import mag_gegevensoverzicht_zien
from ..selectors import dekkingsrijen


def gegevensoverzicht(request):
    """Per source (dataset) and indicator: levels, periods, areas with a value, last import, what is missing.

    Queries (fixed, whatever the number of datasets, indicators, periods or values): session, user, account;
    datasets with their owner; indicators with their domain; one grouped count over the values; the number
    of areas per level.
    """
    if not mag_gegevensoverzicht_zien(toegang_van(request.user)):
        raise PermissionDenied("Het gegevensoverzicht is alleen voor beheerders.")
    gemeente_code = settings.GEMEENTE_CODE
    rijen = dekkingsrijen(gemeente_code)
    overzicht = bouw_overzicht(
        rijen.datasets,
        rijen.indicatoren,
        rijen.tellingen,
        gebieden_per_niveau=rijen.gebieden_per_niveau,
        gemeente_code=gemeente_code,
    )
    tabel = overzicht_tabel(overzicht, aantal_indicatoren=len(rijen.indicatoren), aantal_datasets=len(rijen.datasets))
    if (bestand := download_antwoord(request, [tabel], "gegevensoverzicht")) is not None:
        return bestand
    return render(
        request,
        "indicatoren/gegevensoverzicht.html",
        {
            "overzicht": overzicht,
            "tabel": tabel,
            "aantal_indicatoren": len(rijen.indicatoren),
            "aantal_met_waarden": sum(o.met_waarden for o in overzicht),
        },
    )
