"""The figures page: what residents raise next to what professionals observe, per category and month,
for Hengelo, a wijk or a buurt. Counted with the dashboard rules (duplicates once, cancelled not) from the
one counting home, `Signaal.objects.per_maand()`, the same rules as the published 'Signalen' indicators."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from lib.parameters import lege_parameters_antwoord
from lib.perioden import maand_van, maand_verschuif, maanden_tussen
from lib.tabellen import Paginatabel, download_antwoord
from toegang.regels import toegang_van
from wijken import codes
from wijken.models import Gebied

from ..charts import maanden_figuur, naast_elkaar_figuur
from ..models import BRONGROEPEN, Categorie, Signaal, brongroep_van
from ..regels import mag_signaalcijfers_zien
from .gedeeld import zonder

GROEPEN = list(BRONGROEPEN)
NAMEN = [BRONGROEPEN[g][0] for g in GROEPEN]


def _gebied(request) -> Gebied:
    """The gemeente, one of its wijken or buurten (?gebied=, default the gemeente); 404 otherwise."""
    code = (request.GET.get("gebied") or settings.GEMEENTE_CODE).strip().upper()
    gebied = Gebied.objects.select_related("ouder").filter(code=code).first()
    gm = settings.GEMEENTE_CODE
    if gebied is None or not (
        gebied.code == gm
        or (gebied.niveau == codes.WIJK and codes.ouder_code(gebied.code) == gm)
        or (gebied.niveau == codes.BUURT and codes.gemeente_code(gebied.code) == gm)
    ):
        raise Http404(f"'{code}' is geen gebied van Hengelo: kies de gemeente, een wijk of een buurt.")
    return gebied


def _aantal_maanden(request) -> int:
    try:
        aantal = int(request.GET.get("maanden") or 12)
    except ValueError:
        raise Http404("Het aantal maanden is een geheel getal, bijv. 12.") from None
    if not 1 <= aantal <= 60:
        raise Http404("Kies 1 tot 60 maanden.")
    return aantal


@dataclass
class _Tellingen:
    per_cat: dict  # (main category id, source group) -> count
    per_maand: dict  # (month, source group) -> count
    totaal: int
    synthetisch: int


def _tellen(gebied: Gebied, hoofden: list, maanden: list[str]) -> _Tellingen:
    """The counts per main category, month and source group (1 grouped query over the monthly aggregate)."""
    qs = Signaal.objects.per_maand().in_maanden(maanden[0], maanden[-1])
    if gebied.niveau == codes.WIJK:
        qs = qs.filter(wijk=gebied)
    elif gebied.niveau == codes.BUURT:
        qs = qs.filter(buurt=gebied)
    rijen = list(qs.met_hoofd(op="id").per("hoofd", "bron", "maand", "synthetisch"))
    uit = _Tellingen(
        {(c.id, g): 0 for c in hoofden for g in GROEPEN}, {(m, g): 0 for m in maanden for g in GROEPEN}, 0, 0
    )
    for hoofd, bron, maand, is_synthetisch, n in rijen:
        g = brongroep_van(bron)
        uit.per_cat[(hoofd, g)] = uit.per_cat.get((hoofd, g), 0) + n
        uit.per_maand[(maand_van(maand), g)] += n
        uit.synthetisch += n if is_synthetisch else 0
        uit.totaal += n
    return uit


def _per_categorie(gebied: Gebied, hoofden: list, t: _Tellingen, periode: str, bron: str) -> tuple[dict, Paginatabel]:
    titel = f"Signalen per categorie in {gebied.weergavenaam}, {periode}"
    figuur = naast_elkaar_figuur(
        [c.naam for c in hoofden],
        [(NAMEN[i], [t.per_cat[(c.id, g)] for c in hoofden]) for i, g in enumerate(GROEPEN)],
        titel=titel,
    )
    meeste = max(hoofden, key=lambda c: sum(t.per_cat[(c.id, g)] for g in GROEPEN), default=None)
    samenvatting = (
        f"{t.totaal} signalen in {gebied.weergavenaam} ({periode}): "
        + ", ".join(
            f"{sum(t.per_cat[(c.id, g)] for c in hoofden)} van {NAMEN[i].lower()}" for i, g in enumerate(GROEPEN)
        )
        + (f"; de meeste over {meeste.naam.lower()}." if meeste and t.totaal else ".")
    )
    rijen = [
        [c.naam, *[t.per_cat[(c.id, g)] for g in GROEPEN], sum(t.per_cat[(c.id, g)] for g in GROEPEN), periode, bron]
        for c in hoofden
    ]
    return figuur, Paginatabel(
        "per-categorie", titel, ["categorie", *NAMEN, "totaal", "periode", "bron"], rijen, samenvatting
    )


def _per_maand(gebied: Gebied, maanden: list[str], t: _Tellingen, periode: str, bron: str) -> tuple[dict, Paginatabel]:
    titel = f"Signalen per maand in {gebied.weergavenaam}: bewoners en professionals"
    figuur = maanden_figuur(
        maanden, [(NAMEN[i], [t.per_maand[(m, g)] for m in maanden]) for i, g in enumerate(GROEPEN)], titel=titel
    )
    tabel = Paginatabel(
        "per-maand",
        titel,
        ["maand", *NAMEN, "bron"],
        [[m, *[t.per_maand[(m, g)] for g in GROEPEN], bron] for m in maanden],
        f"Per maand van het voorval, {periode}; duplicaten tellen één keer, geannuleerde signalen niet.",
    )
    return figuur, tabel


@login_required
def cijfers(request):
    """Queries (fixed): session, user, account (+portfolio), gebied, main categories, counts (1 grouped query),
    wijken for the select."""
    toegang = toegang_van(request.user)
    if not mag_signaalcijfers_zien(toegang):
        raise PermissionDenied("Cijfers over alle signalen zijn alleen voor medewerkers van de gemeente.")
    if (leeg := lege_parameters_antwoord(request, ["gebied", "maanden"])) is not None:
        return leeg
    gebied = _gebied(request)
    aantal_maanden = _aantal_maanden(request)
    laatste = maand_verschuif(maand_van(timezone.localdate()), -1)
    maanden = maanden_tussen(maand_verschuif(laatste, -(aantal_maanden - 1)), laatste)
    hoofden = list(Categorie.objects.filter(hoofdcategorie__isnull=True).order_by("volgorde", "naam"))
    t = _tellen(gebied, hoofden, maanden)
    periode = f"{maanden[0]} t/m {maanden[-1]}"
    bron = "Signalen (Wijkportaal Hengelo)" + (" incl. synthetische demo-signalen" if t.synthetisch else "")
    figuur_cat, tabel_cat = _per_categorie(gebied, hoofden, t, periode, bron)
    figuur_maand, tabel_maand = _per_maand(gebied, maanden, t, periode, bron)
    if (bestand := download_antwoord(request, [tabel_cat, tabel_maand], f"signalen-{gebied.code}")) is not None:
        return bestand
    return render(
        request,
        "signalen/cijfers.html",
        {
            "gebied": gebied,
            "wijken": list(Gebied.objects.op_niveau(codes.WIJK, settings.GEMEENTE_CODE).order_by("code")),
            "aantal_maanden": aantal_maanden,
            "figuur_cat": figuur_cat,
            "tabel_cat": tabel_cat,
            "figuur_maand": figuur_maand,
            "tabel_maand": tabel_maand,
            "totaal": t.totaal,
            "synthetisch": t.synthetisch,
            "querystring": zonder(request, "formaat", "tabel"),
        },
    )
