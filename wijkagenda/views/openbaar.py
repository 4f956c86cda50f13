"""The public wijkprofiel: no log-in, only indicators of open datasets, disclosure control applied.

It shows statistics, and (issue 13, wijkagenda.views.stem_openbaar) the published results of the wijkagenda with
signal counts per category, open concerns and herkenning rounds: never a name, contact detail or a resident's
own text."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render

from indicatoren.selectors import profiel_van
from lib.tabellen import download_antwoord
from toegang.regels import ANONIEM
from wijken import codes
from wijken.models import Gebied

from .stem_openbaar import wijkstem


@login_not_required
def index(request):
    """The wijken of the gemeente with their buurten (2 queries)."""
    gemeente = Gebied.objects.filter(code=settings.GEMEENTE_CODE).first()
    wijken = list(Gebied.objects.wijken_met_buurten(settings.GEMEENTE_CODE)) if gemeente else []
    return render(request, "wijkagenda/openbaar_index.html", {"gemeente": gemeente, "wijken": wijken})


def _openbaar_gebied_of_404(code: str) -> Gebied:
    code = code.strip().upper()
    gebied = Gebied.objects.met_ouders().filter(code=code).first()
    if gebied is None or not codes.is_cbs_code(code) or codes.gemeente_code(code) != settings.GEMEENTE_CODE:
        raise Http404(f"Er is geen openbaar wijkprofiel voor '{code}'.")
    return gebied


@login_not_required
def gebied(request, code: str):
    """The profile as anonymous visitors may see it: the internal profile's read (`profiel_van`) with the
    access of nobody logged in. Queries (fixed): gebied with parents; open values of the gebied, its
    gemeente and Nederland; kernset; kinderen."""
    gebied = _openbaar_gebied_of_404(code)
    profiel = profiel_van(gebied, toegang=ANONIEM)
    stem = wijkstem(gebied)  # issue 13: "Jij zei, wij deden", open concerns, herkenning rounds
    if "tabel" in stem and (bestand := download_antwoord(request, [stem["tabel"]], f"jij-zei-wij-deden-{gebied.code}")):
        return bestand
    return render(
        request,
        "wijkagenda/openbaar_gebied.html",
        {
            **stem,
            "gebied": gebied,
            "gemeente": profiel.gemeente,
            "domeinen": profiel.domeinen,
            "aantal": profiel.aantal,
            "kinderen": list(gebied.kinderen.order_by("code")) if gebied.niveau != codes.BUURT else [],
            "toon_gemeente": profiel.met_gemeente,
        },
    )
