from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.module_loading import import_string

from lib.tabellen import download_antwoord
from toegang.regels import toegang_van
from wijken.geo import grenswijzigingen

from ..leeg import nederland_niet_geladen, trend_leeg, voor_dataset
from ..selectors import grensversies, trend_waarden
from ..trend import bouw_trend, trend_figuur_en_tabel, wijzigingen_op_perioden
from .opzoeken import gebied_of_404, gemeente_van, indicator_of_404


def trend(request, code: str, indicator: str):
    """One indicator for an area over all loaded periods, with its gemeente and Nederland.

    Queries: gebied with parents, indicator, values (area + references), boundary versions, and markers
    of interventions from the layer named in settings.TREND_MARKERINGEN (the wijkagenda: 1 query).
    """
    gebied = gebied_of_404(code)
    toegang = toegang_van(request.user)
    gekozen = indicator_of_404(indicator, toegang)
    gemeente = gemeente_van(gebied)
    waarden = trend_waarden(gekozen, {gebied.id} | ({gemeente.id} if gemeente else set()))
    reeksen = bouw_trend(waarden, gebied=gebied, gemeente=gemeente, indicator=gekozen)
    wijzigingen = grenswijzigingen(grensversies(gebied))
    interventies = []
    if pad := getattr(settings, "TREND_MARKERINGEN", ""):
        interventies = import_string(pad)(toegang=toegang, gebied=gebied, indicator=gekozen, perioden=reeksen.perioden)
    figuur, tabel = trend_figuur_en_tabel(
        reeksen,
        gebied=gebied,
        indicator=gekozen,
        markeringen=wijzigingen_op_perioden(wijzigingen, reeksen.perioden),
        interventies=interventies,
        vandaag=timezone.localdate(),
    )
    if (bestand := download_antwoord(request, [tabel], f"trend-{gebied.code}-{gekozen.code}")) is not None:
        return bestand
    return render(
        request,
        "indicatoren/trend.html",
        {
            "gebied": gebied,
            "indicator": gekozen,
            "tabel": tabel,
            "figuur": figuur,
            "heeft_waarden": bool(reeksen.eigen),
            "wijzigingen": wijzigingen,
            "perioden": reeksen.perioden,
            "interventies": interventies,
            "nl_geladen": reeksen.nl_geladen,
            "nl_reden": nederland_niet_geladen(settings.GEMEENTE_CODE),
            "leeg": trend_leeg(
                gekozen.naam, gebied.weergavenaam, voor_dataset(gekozen.dataset.code, settings.GEMEENTE_CODE)
            ),
        },
    )
