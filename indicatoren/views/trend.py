from django.conf import settings
from django.db.models import F
from django.shortcuts import render
from django.utils import timezone
from django.utils.module_loading import import_string

from lib.perioden import is_compleet, periode_tekst
from lib.tabellen import Paginatabel, download_antwoord
from toegang.regels import toegang_van
from wijken import codes
from wijken.geo import grenswijzigingen
from wijken.models import GebiedVersie

from ..charts import trend_figuur
from ..leeg import nederland_niet_geladen, trend_leeg, voor_dataset
from ..models import Waarde
from ..trend import reeks, samenvatting, wijzigingen_op_perioden
from ..weergave import toon_waarde
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
    ids = {gebied.id} | ({gemeente.id} if gemeente else set())
    waarden = list(
        Waarde.objects.filter(indicator=gekozen)
        .met_land(ids)
        .annotate(niveau=F("gebied__niveau"), gebied_naam=F("gebied__naam"), gebied_code=F("gebied__code"))
        .order_by("periode")
    )
    versies = list(GebiedVersie.objects.filter(gebied=gebied).values_list("jaar", "geometrie"))

    def getoond(w):
        return toon_waarde(w, gekozen)

    eigen = {w.periode: (w, getoond(w)) for w in waarden if w.gebied_id == gebied.id}
    perioden = sorted({w.periode for w in waarden})
    series = [(gebied.weergavenaam, {p: g for p, (_, g) in eigen.items()})]
    # A reference line only where the reference has values for this indicator.
    referentie = [w for w in waarden if gemeente and w.gebied_id == gemeente.id != gebied.id]
    if referentie and gemeente is not None:
        series.append((gemeente.weergavenaam, {w.periode: getoond(w) for w in referentie}))
    land = [w for w in waarden if w.niveau == codes.LAND]
    if land:
        series.append(("Nederland", {w.periode: getoond(w) for w in land}))

    wijzigingen = grenswijzigingen(versies)
    markeringen = wijzigingen_op_perioden(wijzigingen, perioden)
    interventies = []
    if pad := getattr(settings, "TREND_MARKERINGEN", ""):
        interventies = import_string(pad)(toegang=toegang, gebied=gebied, indicator=gekozen, perioden=perioden)
    punten = reeks(perioden, series[0][1])
    # The running month is drawn apart and left out of the summary: it is not over yet.
    vandaag = timezone.localdate()
    lopend = {p for p in perioden if not is_compleet(p, vandaag)}
    titel = f"{gekozen.naam} in {gebied.weergavenaam}"
    figuur = trend_figuur(
        [(naam, reeks(perioden, r)) for naam, r in series],
        titel=titel,
        eenheid=gekozen.eenheid,
        wijzigingen=markeringen,
        interventies=[(m.periode, m.tekst) for m in interventies if m.periode],
        lopend=lopend,
    )
    kolommen = ["periode"] + [f"{naam}" for naam, _ in series] + [f"status {gebied.weergavenaam}", "reden", "bron"]
    rijen = []
    for p in perioden:
        w, g = eigen.get(p, (None, None))
        rijen.append(
            [p]
            + [r[p].waarde if p in r else None for _, r in series]
            + [g.status if g else "geen waarde", (g.reden or g.noot) if g else "", w.bron if w else ""]
        )
    tabel = Paginatabel(
        "trend",
        titel,
        kolommen,
        rijen,
        (f"Elke waarde telt de {gekozen.venster} maanden tot en met de genoemde maand. " if gekozen.venster else "")
        + samenvatting(
            gekozen.naam,
            gebied.weergavenaam,
            [(p, w) for p, w in punten if p not in lopend],
            gekozen.eenheid,
            gekozen.decimalen,
        )
        + "".join(
            f" {periode_tekst(p).capitalize()} is nog niet compleet (lopende maand) en telt in deze "
            "samenvatting niet mee."
            for p in sorted(lopend)
        ),
        decimalen=dict.fromkeys(range(1, 1 + len(series)), gekozen.decimalen),
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
            "heeft_waarden": bool(eigen),
            "wijzigingen": wijzigingen,
            "perioden": perioden,
            "interventies": interventies,
            "nl_geladen": bool(land),
            "nl_reden": nederland_niet_geladen(settings.GEMEENTE_CODE),
            "leeg": trend_leeg(
                gekozen.naam, gebied.weergavenaam, voor_dataset(gekozen.dataset.code, settings.GEMEENTE_CODE)
            ),
        },
    )
