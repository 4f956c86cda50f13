"""The figures page: what residents raise next to what professionals observe, per category and month,
for Hengelo, a wijk or a buurt. Counted live from the signals with the dashboard rules
(duplicates once, cancelled not), the same rules as the published 'Signalen' indicators."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from lib.parameters import lege_parameters_antwoord
from lib.perioden import maand_van, maand_verschuif, maanden_tussen
from lib.tabellen import Paginatabel, download_antwoord
from toegang.regels import toegang_van
from wijken import codes
from wijken.models import Gebied

from . import services
from .charts import maanden_figuur, naast_elkaar_figuur
from .models import BRONGROEPEN, Categorie, brongroep_van
from .regels import mag_signaalcijfers_zien


@login_required
def cijfers(request):
    """Queries (fixed): session, user, account (+portfolio), gebied, main categories, counts (1 grouped query),
    wijken for the select."""
    toegang = toegang_van(request.user)
    if not mag_signaalcijfers_zien(toegang):
        raise PermissionDenied("Cijfers over alle signalen zijn alleen voor medewerkers van de gemeente.")
    if (leeg := lege_parameters_antwoord(request, ["gebied", "maanden"])) is not None:
        return leeg
    code = (request.GET.get("gebied") or settings.GEMEENTE_CODE).strip().upper()
    gebied = Gebied.objects.select_related("ouder").filter(code=code).first()
    gm = settings.GEMEENTE_CODE
    if gebied is None or not (
        gebied.code == gm
        or (gebied.niveau == codes.WIJK and codes.ouder_code(gebied.code) == gm)
        or (gebied.niveau == codes.BUURT and codes.gemeente_code(gebied.code) == gm)
    ):
        raise Http404(f"'{code}' is geen gebied van Hengelo: kies de gemeente, een wijk of een buurt.")
    try:
        aantal_maanden = int(request.GET.get("maanden") or 12)
    except ValueError:
        raise Http404("Het aantal maanden is een geheel getal, bijv. 12.") from None
    if not 1 <= aantal_maanden <= 60:
        raise Http404("Kies 1 tot 60 maanden.")
    lopend = maand_van(timezone.localdate())
    laatste = maand_verschuif(lopend, -1)
    maanden = maanden_tussen(maand_verschuif(laatste, -(aantal_maanden - 1)), laatste)
    van = f"{maanden[0]}-01"
    tot = f"{lopend}-01"

    hoofden = list(Categorie.objects.filter(hoofdcategorie__isnull=True).order_by("volgorde", "naam"))
    qs = services.signaaltellingen(met_synthetisch=True).filter(maand__gte=van, maand__lt=tot)
    if gebied.niveau == codes.WIJK:
        qs = qs.filter(wijk=gebied)
    elif gebied.niveau == codes.BUURT:
        qs = qs.filter(buurt=gebied)
    rijen = list(
        qs.annotate(hoofd=Coalesce("categorie__hoofdcategorie_id", "categorie_id"))
        .values_list("hoofd", "bron", "maand", "synthetisch")
        .annotate(n=Sum("aantal"))
        .order_by()
    )
    groepen = list(BRONGROEPEN)
    per_cat = {(c.id, g): 0 for c in hoofden for g in groepen}
    per_maand = {(m, g): 0 for m in maanden for g in groepen}
    synthetisch = 0
    for hoofd, bron, maand, is_synthetisch, n in rijen:
        g = brongroep_van(bron)
        per_cat[(hoofd, g)] = per_cat.get((hoofd, g), 0) + n
        per_maand[(maand_van(maand), g)] += n
        synthetisch += n if is_synthetisch else 0
    totaal = sum(n for *_, n in rijen)
    namen = [BRONGROEPEN[g][0] for g in groepen]
    periode = f"{maanden[0]} t/m {maanden[-1]}"
    titel_cat = f"Signalen per categorie in {gebied.weergavenaam}, {periode}"
    figuur_cat = naast_elkaar_figuur(
        [c.naam for c in hoofden],
        [(namen[i], [per_cat[(c.id, g)] for c in hoofden]) for i, g in enumerate(groepen)],
        titel=titel_cat,
    )
    bron_tekst = "Signalen (Wijkportaal Hengelo)" + (" incl. synthetische demo-signalen" if synthetisch else "")
    meeste = max(hoofden, key=lambda c: sum(per_cat[(c.id, g)] for g in groepen), default=None)
    tabel_cat = Paginatabel(
        "per-categorie",
        titel_cat,
        ["categorie", *namen, "totaal", "periode", "bron"],
        [
            [
                c.naam,
                *[per_cat[(c.id, g)] for g in groepen],
                sum(per_cat[(c.id, g)] for g in groepen),
                periode,
                bron_tekst,
            ]
            for c in hoofden
        ],
        (
            f"{totaal} signalen in {gebied.weergavenaam} ({periode}): "
            + ", ".join(
                f"{sum(per_cat[(c.id, g)] for c in hoofden)} van {namen[i].lower()}" for i, g in enumerate(groepen)
            )
            + (f"; de meeste over {meeste.naam.lower()}." if meeste and totaal else ".")
        ),
    )
    titel_maand = f"Signalen per maand in {gebied.weergavenaam}: bewoners en professionals"
    figuur_maand = maanden_figuur(
        maanden, [(namen[i], [per_maand[(m, g)] for m in maanden]) for i, g in enumerate(groepen)], titel=titel_maand
    )
    tabel_maand = Paginatabel(
        "per-maand",
        titel_maand,
        ["maand", *namen, "bron"],
        [[m, *[per_maand[(m, g)] for g in groepen], bron_tekst] for m in maanden],
        f"Per maand van het voorval, {periode}; duplicaten tellen één keer, geannuleerde signalen niet.",
    )
    if (bestand := download_antwoord(request, [tabel_cat, tabel_maand], f"signalen-{gebied.code}")) is not None:
        return bestand
    params = request.GET.copy()
    params.pop("formaat", None)
    params.pop("tabel", None)
    wijken = list(Gebied.objects.op_niveau(codes.WIJK, gm).order_by("code"))
    return render(
        request,
        "signalen/cijfers.html",
        {
            "gebied": gebied,
            "wijken": wijken,
            "aantal_maanden": aantal_maanden,
            "figuur_cat": figuur_cat,
            "tabel_cat": tabel_cat,
            "figuur_maand": figuur_maand,
            "tabel_maand": tabel_maand,
            "totaal": totaal,
            "synthetisch": synthetisch,
            "querystring": params.urlencode(),
        },
    )
