"""Combine indicators: a scatter of two indicators over all wijken or buurten, and the composite
index of one wijk or buurt per domain (Hengelo = 100). Form -> selectors -> builders (`combineren`) ->
render: these views only parse, read and assemble.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from lib.parameters import lege_parameters_antwoord
from lib.tabellen import download_antwoord
from toegang.regels import toegang_van

from ..combineren import index_jaren, kies_assen, opties, samengestelde_index_van, spreiding
from ..forms import NIVEAUS, CombineerForm, IndexForm
from ..leeg import index_leeg
from ..models import Indicator, Polariteit
from ..selectors import jaarwaarden, jaren_per_indicator, spreiding_van
from .opzoeken import gebied_of_404, gemeente_van


def _querystring(**params) -> str:
    return urlencode({k: v for k, v in params.items() if v})


def combineer(request):
    """Scatter of indicator y against x for all wijken or buurten of the gemeente in one year.

    Queries (fixed, whatever the number of areas or indicators; anonymous visitor):
    1. indicators the visitor may see, with domain;
    2. which (indicator, year) pairs have values at the level (form options and year check);
    3. the values of x and y at the level in the year, with indicator and gebied;
    4. the values of x and y for the gemeente in the year (reference lines);
    5. the areas of the level plus the gemeente (areas without any value are counted as left out).
    """
    if (leeg := lege_parameters_antwoord(request, ["x", "y", "niveau", "jaar"])) is not None:
        return leeg
    toegang = toegang_van(request.user)
    gemeente_code = settings.GEMEENTE_CODE
    indicatoren = Indicator.objects.zichtbaar_voor(toegang).select_related("domein").per_code()  # 1
    vraag = CombineerForm(request.GET, indicatoren=indicatoren).cleaned_or_404()
    niveau = vraag["niveau"]
    enkelvoud, meervoud = NIVEAUS[niveau]
    jaren_per = jaren_per_indicator(niveau=niveau, gemeente_code=gemeente_code, toegang=toegang)  # 2
    assen = kies_assen(
        x=vraag["x"],
        y=vraag["y"],
        jaar=vraag["jaar"],
        uit_formulier=vraag["formulier"],
        jaren_per_indicator=jaren_per,
        per_id={i.id: i for i in indicatoren.values()},
        enkelvoud=enkelvoud,
        meervoud=meervoud,
    )
    x, y, jaar = assen.x, assen.y, assen.jaar
    context = {
        "niveau": niveau,
        "enkelvoud": enkelvoud,
        "meervoud": meervoud,
        "niveaus": [(k, v[1]) for k, v in NIVEAUS.items()],
        "jaar": jaar,
        "jaren": sorted(set().union(*jaren_per.values())) if jaren_per else [],
        "x": x,
        "y": y,
        "opties": opties(indicatoren.values(), jaren_per, x, y),
        "aanpassingen": assen.aanpassingen,
    }
    if x is None or y is None or jaar is None:
        return render(request, "indicatoren/combineer.html", context)
    rijen = spreiding_van(
        niveau=niveau, gemeente_code=gemeente_code, indicator_ids={x.id, y.id}, jaar=jaar, toegang=toegang
    )  # 3, 4, 5
    context |= spreiding(
        rijen, x=x, y=y, jaar=jaar, gemeente_code=gemeente_code, enkelvoud=enkelvoud, meervoud=meervoud
    )
    naam = f"combineer-{x.code}-{y.code}-{niveau}-{jaar}"
    if (bestand := download_antwoord(request, [context["tabel"]], naam)) is not None:
        return bestand
    context["querystring"] = _querystring(x=x.code, y=y.code, niveau=niveau, jaar=jaar)
    return render(request, "indicatoren/combineer.html", context)


def index(request, code: str):
    """Composite index per domain of one wijk or buurt, standardised on Hengelo in a base year (= 100).

    Queries (fixed, the same for a wijk and a buurt; anonymous visitor):
    1. the gebied with its parents;
    2. the indicators the visitor may see, with domain;
    3. all yearly values of the gebied and of the gemeente, with indicator, domain and gebied.
    """
    if (leeg := lege_parameters_antwoord(request, ["basisjaar", "jaar"])) is not None:
        return leeg
    toegang = toegang_van(request.user)
    gebied = gebied_of_404(code)  # 1
    gemeente = gemeente_van(gebied)
    gemeente_code = settings.GEMEENTE_CODE
    if gebied.niveau not in NIVEAUS or gemeente is None or gemeente.code != gemeente_code:
        raise Http404(
            f"De samengestelde index is er voor de wijken en buurten van {gemeente_code}; "
            f"{gebied.weergavenaam} ({gebied.code}) is een {gebied.get_niveau_display().lower()}"
            + (f" buiten {gemeente_code}." if gemeente is not None and gemeente.code != gemeente_code else ".")
        )
    vraag = IndexForm(request.GET).cleaned_or_404()
    indicatoren = list(Indicator.objects.zichtbaar_voor(toegang).select_related("domein"))  # 2
    waarden = jaarwaarden([gebied.id, gemeente.id], toegang=toegang)  # 3
    basisjaar, jaar, gemeente_jaren, alle_jaren = index_jaren(
        waarden, gebied=gebied, gemeente=gemeente, basisjaar=vraag["basisjaar"], jaar=vraag["jaar"]
    )
    context = {
        "gebied": gebied,
        "gemeente": gemeente,
        "basisjaar": basisjaar,
        "jaar": jaar,
        "gemeente_jaren": gemeente_jaren,
        "alle_jaren": alle_jaren,
        "leeg": index_leeg(gebied.weergavenaam, gemeente_code),
    }
    if basisjaar is None:
        return render(request, "indicatoren/index.html", context)
    context |= samengestelde_index_van(
        indicatoren, waarden, gebied=gebied, gemeente=gemeente, jaar=jaar, basisjaar=basisjaar
    )
    naam = f"index-{gebied.code}-{jaar}-basis-{basisjaar}"
    if (bestand := download_antwoord(request, [context["tabel"], context["detail_tabel"]], naam)) is not None:
        return bestand
    context["querystring"] = _querystring(basisjaar=basisjaar, jaar=jaar if jaar != basisjaar else None)
    context["polariteiten"] = Polariteit
    return render(request, "indicatoren/index.html", context)
