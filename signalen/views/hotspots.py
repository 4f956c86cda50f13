"""Hotspots: buurten where a main category's last month is clearly above its own 12-month baseline, as a page
with links to the worklist and as a table to download."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from lib.parameters import lege_parameters_antwoord
from lib.perioden import maand_einde, maand_van, maand_verschuif
from lib.tabellen import Paginatabel, download_antwoord
from toegang.regels import toegang_van

from ..hotspots import Hotspot, hotspots_berekenen
from ..regels import mag_signaalcijfers_zien
from .gedeeld import zonder


def _parameters(request) -> tuple[str, int]:
    """The month (JJJJ-MM, default the last complete one) and the minimum count; 404 with the reason."""
    maand = request.GET.get("maand") or maand_verschuif(maand_van(timezone.localdate()), -1)
    if not (len(maand) == 7 and maand[4] == "-" and maand[:4].isdigit() and maand[5:].isdigit()) or not (
        1 <= int(maand[5:]) <= 12 and 2000 <= int(maand[:4]) <= 2100
    ):
        raise Http404(f"'{maand}' is geen maand: gebruik JJJJ-MM, bijv. 2026-10.")
    try:
        minimum = int(request.GET.get("minimum") or 5)
    except ValueError:
        raise Http404("Het minimum aantal signalen is een geheel getal, bijv. 5.") from None
    if not 1 <= minimum <= 1000:
        raise Http404("Het minimum aantal signalen ligt tussen 1 en 1000.")
    return maand, minimum


def _tabel(gevonden: list[Hotspot], maand: str) -> Paginatabel:
    rijen = [
        [
            h.buurt.weergavenaam,
            h.buurt.code,
            h.buurt.ouder.weergavenaam if h.buurt.ouder else "",
            h.categorie.naam,
            h.beoordeling.laatste,
            round(h.beoordeling.gemiddelde, 2),
            round(h.beoordeling.sd, 2),
            round(h.beoordeling.drempel, 2),
            " ".join(str(n) for n in h.reeks[:-1]),
            h.synthetisch,
        ]
        for h in gevonden
    ]
    kolommen = [
        "buurt",
        "code",
        "wijk",
        "categorie",
        f"signalen {maand}",
        "gemiddelde 12 maanden",
        "standaardafwijking",
        "drempel",
        "reeks 12 maanden ervoor",
        f"waarvan synthetisch (demo) in {maand}",
    ]
    samenvatting = f"{len(rijen)} buurt-categorieën boven hun eigen basislijn in {maand}." + (
        " Synthetische demo-signalen tellen mee (zie de laatste kolom)." if any(h.synthetisch for h in gevonden) else ""
    )
    return Paginatabel("hotspots", f"Hotspots in {maand}", kolommen, rijen, samenvatting)


def _werklijst_links(gevonden: list[Hotspot], maand: str) -> list[str]:
    """Per hotspot: the worklist filtered to its buurt, category and month."""
    eind = maand_einde(maand)
    werklijst_url = reverse("signalen:werklijst")
    return [
        f"{werklijst_url}?bereik=alle&buurt={h.buurt.code}&categorie={h.categorie.pk}"
        f"&van={maand}-01&tot={eind.isoformat()}"
        for h in gevonden
    ]


@login_required
def hotspots(request):
    """Buurten where a category's last month is clearly above its own 12-month baseline.

    Queries: session, user, account (+portfolio), counts over 13 months, buurten and categories of the hits."""
    toegang = toegang_van(request.user)
    if not mag_signaalcijfers_zien(toegang):
        raise PermissionDenied("Hotspots over alle signalen zijn alleen voor medewerkers van de gemeente.")
    if (leeg := lege_parameters_antwoord(request, ["maand", "minimum"])) is not None:
        return leeg
    maand, minimum = _parameters(request)
    gevonden = hotspots_berekenen(maand=maand, min_aantal=minimum)
    tabel = _tabel(gevonden, maand)
    if (bestand := download_antwoord(request, [tabel], f"signalen-hotspots-{maand}")) is not None:
        return bestand
    return render(
        request,
        "signalen/hotspots.html",
        {
            "hotspots": list(zip(gevonden, _werklijst_links(gevonden, maand), strict=True)),
            "synthetisch": sum(h.synthetisch for h in gevonden),
            "tabel": tabel,
            "maand": maand,
            "minimum": minimum,
            "querystring": zonder(request, "formaat", "tabel"),
        },
    )
