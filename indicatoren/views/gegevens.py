from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import render

from lib.tabellen import Paginatabel, download_antwoord
from toegang.regels import toegang_van
from wijken.models import Gebied

from ..models import Dataset, Indicator, Waarde
from ..overzicht import DatasetRij, IndicatorRij, Periodedekking, bouw_overzicht
from ..regels import mag_gegevensoverzicht_zien


def gegevensoverzicht(request):
    """Per source (dataset) and indicator: levels, periods, areas with a value, last import, what is missing.

    Queries (fixed, whatever the number of datasets, indicators, periods or values): session, user, account;
    datasets with their owner; indicators with their domain; one grouped count over the values; the number
    of areas per level.
    """
    if not mag_gegevensoverzicht_zien(toegang_van(request.user)):
        raise PermissionDenied("Het gegevensoverzicht is alleen voor beheerders.")
    datasets = [
        DatasetRij(d.id, d.code, d.naam, d.get_zichtbaarheid_display(), d.eigenaar.naam, d.eigenaar.soort, d.licentie)
        for d in Dataset.objects.select_related("eigenaar").order_by("naam")
    ]
    indicatoren = [
        IndicatorRij(*rij)
        for rij in Indicator.objects.order_by("domein__volgorde", "volgorde", "code").values_list(
            "id", "code", "naam", "dataset_id", "domein__naam", "soort", "venster"
        )
    ]
    gemeente_code = settings.GEMEENTE_CODE
    tellingen = [Periodedekking(*rij) for rij in Waarde.objects.dekking(gemeente_code)]
    eigen = (
        Q(code=gemeente_code) | Q(ouder__code=gemeente_code) | Q(ouder__ouder__code=gemeente_code) | Q(niveau="land")
    )
    gebieden_per_niveau = dict(Gebied.objects.filter(eigen).values_list("niveau").annotate(n=Count("id")).order_by())
    overzicht = bouw_overzicht(
        datasets,
        indicatoren,
        tellingen,
        gebieden_per_niveau=gebieden_per_niveau,
        gemeente_code=gemeente_code,
    )
    tabel = Paginatabel(
        "gegevens",
        "Gegevensoverzicht: per bron en indicator wat geladen is",
        [
            "dataset",
            "indicator",
            "code",
            "niveau",
            "perioden",
            "laatste periode",
            "met getal",
            "gebieden",
            "andere gebieden (ter vergelijking)",
            "laatst bijgewerkt",
            "ontbreekt",
        ],
        [
            [
                o.dataset.naam,
                i.indicator.naam,
                i.indicator.code,
                d.naam,
                d.perioden_tekst,
                d.laatste,
                d.met_getal,
                d.gebieden,
                d.andere,
                i.laatst.isoformat(timespec="minutes") if i.laatst else "",
                "; ".join(i.ontbreekt),
            ]
            for o in overzicht
            for i in o.indicatoren
            for d in (i.dekking or [None])
            if d is not None
        ]
        + [
            [o.dataset.naam, i.indicator.naam, i.indicator.code, "", "", "", None, None, None, ""]
            + ["; ".join(i.ontbreekt)]
            for o in overzicht
            for i in o.indicatoren
            if not i.dekking
        ],
        f"{sum(o.met_waarden for o in overzicht)} van {len(indicatoren)} indicatoren hebben waarden, "
        f"in {len(datasets)} datasets.",
    )
    if (bestand := download_antwoord(request, [tabel], "gegevensoverzicht")) is not None:
        return bestand
    return render(
        request,
        "indicatoren/gegevensoverzicht.html",
        {
            "overzicht": overzicht,
            "tabel": tabel,
            "aantal_indicatoren": len(indicatoren),
            "aantal_met_waarden": sum(o.met_waarden for o in overzicht),
        },
    )
