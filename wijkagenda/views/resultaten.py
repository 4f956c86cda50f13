"""Internal pages of "Jij zei, wij deden" and "ik ook" (issue 13): the ledger of a wijk with its links and
publication choices, the CSV export, and the decision tasks. Thin: reads and writes in resultaten/steun."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lib.tabellen import download_antwoord
from signalen.models import Signaal
from toegang.regels import toegang_van

from .. import lezen, resultaten, steun
from ..forms_stem import BesluitForm, KoppelForm, PublicatieForm
from ..models import Opgave

TERUG = "wijkagenda:resultaten"


def _fouten(request, fout: ValidationError) -> None:
    messages.error(request, " ".join(fout.messages))


def overzicht(request, code: str):
    """Queries (fixed): session, user, account; wijk; the ledger (see resultaten.grootboek); decision tasks;
    the threshold; categories and buurten of the link form."""
    wijk = lezen.wijk_of_404(code)
    toegang = toegang_van(request.user)
    if not toegang.is_medewerker:
        raise PermissionDenied("Het overzicht 'Jij zei, wij deden' is voor medewerkers van de gemeente.")
    regels = resultaten.grootboek(wijk, toegang=toegang, vandaag=timezone.localdate())
    tabel = resultaten.grootboek_tabel(regels, wijk)
    if (bestand := download_antwoord(request, [tabel], f"jij-zei-wij-deden-{wijk.code}")) is not None:
        return bestand
    mag = resultaten.mag_resultaten_beheren(toegang, wijk.id)
    koppelform = KoppelForm(wijk=wijk) if mag else None
    return render(
        request,
        "wijkagenda/resultaten.html",
        {
            "wijk": wijk,
            "regels": regels,
            "tabel": tabel,
            "mag_beheren": mag,
            "koppelform": koppelform,
            "categorieen": list(koppelform.fields["categorie"].queryset) if mag else [],
            "buurten": list(koppelform.fields["buurt"].queryset) if mag else [],
            "besluiten": steun.besluiten_voor(wijk),
            "drempel": steun.drempel_van(wijk.id),
            "besluitform": BesluitForm(),
        },
    )


@require_POST
def koppelen(request, code: str, opgave_pk: int):
    wijk = lezen.wijk_of_404(code)
    opgave = get_object_or_404(Opgave, pk=opgave_pk, wijk=wijk)
    form = KoppelForm(request.POST, wijk=wijk)
    if not form.is_valid():
        messages.error(request, "Controleer het formulier: " + " ".join(e for v in form.errors.values() for e in v))
        return redirect(TERUG, code=wijk.code)
    d = form.cleaned_data
    signaal = None
    if d["signaal"]:
        signaal = Signaal.objects.filter(pk=d["signaal"]).first()
        if signaal is None:
            messages.error(request, f"Er is geen signaal met nummer {d['signaal']}.")
            return redirect(TERUG, code=wijk.code)
    try:
        resultaten.signalen_koppelen(
            door=request.user,
            opgave=opgave,
            signaal=signaal,
            categorie=d["categorie"],
            buurt=d["buurt"],
            vanaf=d["vanaf"],
        )
    except ValidationError as fout:
        _fouten(request, fout)
    else:
        messages.success(request, f"Gekoppeld aan '{opgave.titel}'.")
    return redirect(f"/gebied/{wijk.code}/resultaten/#opgave-{opgave.pk}")


@require_POST
def ontkoppelen(request, code: str, pk: int):
    wijk = lezen.wijk_of_404(code)
    try:
        resultaten.koppeling_verwijderen(door=request.user, koppeling_id=pk)
    except ValidationError as fout:
        _fouten(request, fout)
    else:
        messages.success(request, "De koppeling is verwijderd.")
    return redirect(TERUG, code=wijk.code)


@require_POST
def publiceren(request, code: str, opgave_pk: int):
    wijk = lezen.wijk_of_404(code)
    opgave = get_object_or_404(Opgave, pk=opgave_pk, wijk=wijk)
    form = PublicatieForm(request.POST)
    form.is_valid()
    try:
        r = resultaten.resultaat_publiceren(
            door=request.user,
            opgave=opgave,
            gepubliceerd=form.cleaned_data.get("gepubliceerd", False),
            samenvatting=form.cleaned_data.get("samenvatting", ""),
        )
    except ValidationError as fout:
        _fouten(request, fout)
    else:
        messages.success(request, "Openbaar gemaakt." if r.gepubliceerd else "Niet (meer) openbaar.")
    return redirect(f"/gebied/{wijk.code}/resultaten/#opgave-{opgave.pk}")


@require_POST
def besluiten(request, code: str, pk: int):
    wijk = lezen.wijk_of_404(code)
    form = BesluitForm(request.POST)
    form.is_valid()
    try:
        steun.besluit_nemen(door=request.user, besluit_id=pk, op_agenda=form.keuze(), reden=form.cleaned_data["reden"])
    except ValidationError as fout:
        _fouten(request, fout)
    else:
        messages.success(request, "Het besluit is vastgelegd en staat met de reden op de openbare wijkpagina.")
    return redirect(f"/gebied/{wijk.code}/resultaten/#besluiten")
