"""Wijkagenda and wijknetwerk pages: thin views over `lezen` (reads), `forms` (input) and `services` (writes)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from toegang.regels import toegang_van

from .. import lezen, services
from ..forms import ActieForm, BesprekingForm, NetwerkContactForm, OpgaveForm, VoortgangForm
from ..models import Actie, Bespreking, NetwerkContact, Opgave
from ..regels import mag_agenda_bewerken, mag_agenda_zien, mag_logboek_zien, mag_voortgang_melden


def _lezer(request):
    toegang = toegang_van(request.user)
    if not mag_agenda_zien(toegang):
        raise PermissionDenied("De wijkagenda is voor medewerkers van de gemeente en partners.")
    return toegang


def _bewerker(request, wijk):
    toegang = toegang_van(request.user)
    if not mag_agenda_bewerken(toegang, wijk.id):
        raise PermissionDenied(
            f"Alleen de stadsdeelregisseur van {wijk.weergavenaam} (of een beheerder) kan dit wijzigen."
        )
    return toegang


def agenda(request, code: str):
    """Queries (fixed): session, user, account (+portfolio); wijk; opgaven + 4 prefetches; values of linked
    indicators; signal counts of linked categories; review log + its opgaven."""
    wijk = lezen.wijk_of_404(code)
    toegang = _lezer(request)
    vandaag = timezone.localdate()
    opgaven = lezen.agenda(wijk, toegang, vandaag=vandaag)
    besprekingen = (
        list(Bespreking.objects.zichtbaar_voor(toegang).filter(wijk=wijk).prefetch_related("opgaven"))
        if mag_logboek_zien(toegang)
        else None
    )
    return render(
        request,
        "wijkagenda/agenda.html",
        {
            "wijk": wijk,
            "opgaven": opgaven,
            "besprekingen": besprekingen,
            "mag_bewerken": mag_agenda_bewerken(toegang, wijk.id),
            "is_partner": toegang.is_partner,
            "vandaag": vandaag,
        },
    )


def _formulier(request, *, wijk, form, opslaan, titel: str, terug: str, object_naam: str):
    """Validate the form, call the service with its cleaned data (the form's fields are the service's
    keyword arguments), show field errors from the service's ValidationError."""
    if request.method == "POST" and form.is_valid():
        try:
            opslaan(form.cleaned_data)
        except ValidationError as exc:
            for veld, fouten in exc.message_dict.items():
                form.add_error(veld if veld in form.fields else None, fouten)
        else:
            messages.success(request, f"{object_naam} is opgeslagen.")
            return redirect(terug)
    return render(request, "wijkagenda/formulier.html", {"wijk": wijk, "form": form, "titel": titel, "terug": terug})


def opgave(request, code: str, pk: int | None = None):
    wijk = lezen.wijk_of_404(code)
    _bewerker(request, wijk)
    bestaand = get_object_or_404(Opgave, pk=pk, wijk=wijk) if pk else None
    form = OpgaveForm(request.POST or None, instance=bestaand)
    return _formulier(
        request,
        wijk=wijk,
        form=form,
        opslaan=lambda d: services.opgave_opslaan(door=request.user, wijk=wijk, opgave=bestaand, **d),
        titel=f"Opgave {'wijzigen' if bestaand else 'toevoegen'}: {wijk.weergavenaam}",
        terug=f"/gebied/{wijk.code}/agenda/",
        object_naam="De opgave",
    )


def actie(request, code: str, opgave_pk: int | None = None, pk: int | None = None):
    wijk = lezen.wijk_of_404(code)
    _bewerker(request, wijk)
    bestaand = get_object_or_404(Actie.objects.select_related("opgave"), pk=pk, opgave__wijk=wijk) if pk else None
    bij = bestaand.opgave if bestaand else get_object_or_404(Opgave, pk=opgave_pk, wijk=wijk)
    form = ActieForm(request.POST or None, instance=bestaand)
    return _formulier(
        request,
        wijk=wijk,
        form=form,
        opslaan=lambda d: services.actie_opslaan(door=request.user, opgave=bij, actie=bestaand, **d),
        titel=f"Actie {'wijzigen' if bestaand else 'toevoegen'} bij “{bij.titel}”",
        terug=f"/gebied/{wijk.code}/agenda/#opgave-{bij.pk}",
        object_naam="De actie",
    )


def voortgang(request, code: str, pk: int):
    """The owner of an action (a partner) reports progress: status and what was done."""
    wijk = lezen.wijk_of_404(code)
    toegang = _lezer(request)
    actie = get_object_or_404(Actie.objects.zichtbaar_voor(toegang).select_related("opgave"), pk=pk, opgave__wijk=wijk)
    if not mag_voortgang_melden(toegang, wijk_id=wijk.id, eigenaar_id=actie.eigenaar_id):
        raise PermissionDenied("Alleen de organisatie die de actie uitvoert of de stadsdeelregisseur meldt voortgang.")
    form = VoortgangForm(request.POST or None, initial={"status": actie.status, "toelichting": actie.toelichting})
    return _formulier(
        request,
        wijk=wijk,
        form=form,
        opslaan=lambda d: services.actie_voortgang_melden(door=request.user, actie_id=actie.pk, **d),
        titel=f"Voortgang melden: “{actie.omschrijving}”",
        terug=f"/gebied/{wijk.code}/agenda/#opgave-{actie.opgave_id}",
        object_naam="De voortgang",
    )


def bespreking(request, code: str):
    wijk = lezen.wijk_of_404(code)
    _bewerker(request, wijk)
    form = BesprekingForm(request.POST or None, wijk=wijk)
    return _formulier(
        request,
        wijk=wijk,
        form=form,
        opslaan=lambda d: services.bespreking_vastleggen(door=request.user, wijk=wijk, **d),
        titel=f"Bespreking vastleggen: {wijk.weergavenaam}",
        terug=f"/gebied/{wijk.code}/agenda/#logboek",
        object_naam="De bespreking",
    )


def netwerk(request, code: str):
    """Queries (fixed): session, user, account (+portfolio); wijk; contacts with their organisation."""
    wijk = lezen.wijk_of_404(code)
    toegang = _lezer(request)
    contacten = list(NetwerkContact.objects.zichtbaar_voor(toegang).filter(wijk=wijk).select_related("organisatie"))
    return render(
        request,
        "wijkagenda/netwerk.html",
        {
            "wijk": wijk,
            "contacten": contacten,
            "mag_bewerken": mag_agenda_bewerken(toegang, wijk.id),
            "is_partner": toegang.is_partner,
        },
    )


def contact(request, code: str, pk: int | None = None):
    wijk = lezen.wijk_of_404(code)
    _bewerker(request, wijk)
    bestaand = get_object_or_404(NetwerkContact, pk=pk, wijk=wijk) if pk else None
    form = NetwerkContactForm(request.POST or None, instance=bestaand)
    return _formulier(
        request,
        wijk=wijk,
        form=form,
        opslaan=lambda d: services.contact_opslaan(door=request.user, wijk=wijk, contact=bestaand, **d),
        titel=f"Contact {'wijzigen' if bestaand else 'toevoegen'}: wijknetwerk {wijk.weergavenaam}",
        terug=f"/gebied/{wijk.code}/netwerk/",
        object_naam="Het contact",
    )


def contact_verwijderen(request, code: str, pk: int):
    wijk = lezen.wijk_of_404(code)
    _bewerker(request, wijk)
    bestaand = get_object_or_404(NetwerkContact.objects.select_related("organisatie"), pk=pk, wijk=wijk)
    if request.method == "POST":
        services.contact_verwijderen(door=request.user, contact=bestaand)
        messages.success(request, f"Het contact van {bestaand.organisatie} is verwijderd.")
        return redirect(f"/gebied/{wijk.code}/netwerk/")
    return render(request, "wijkagenda/contact_verwijderen.html", {"wijk": wijk, "contact": bestaand})
