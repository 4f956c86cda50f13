"""A signal's detail page and its workflow forms: status, escalating to partners, duplicates, updating an
escalation. Every POST validates with its form and writes through its service; a refusal shows the page again
with the input and the reason (400), a stale change the new state with the input kept (409)."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from toegang.audit import audit_pagina
from toegang.models import Organisatie

from .. import services
from ..duplicaten import duplicaat_suggesties
from ..forms import DuplicaatFormulier, EscalatieFormulier, EscalerenFormulier, StatusFormulier, fouten_overnemen
from ..models import Escalatie, Historie, Signaal
from ..regels import escalaties_filter, mag_escalatie_bijwerken, mag_melder_zien, mag_signalen_behandelen
from ..terugkoppeling import sjabloon_voor
from ..workflow import volgende_escalatiestatussen, volgende_statussen
from .gedeeld import toegang_of_403


def _signaal_of_404(toegang, pk):
    signaal = (
        Signaal.objects.zichtbaar_voor(toegang)
        .select_related(
            "categorie",
            "categorie__hoofdcategorie",
            "categorie__standaard_partner",
            "wijk",
            "buurt",
            "gemeld_door",
            "duplicaat_van",
        )
        .filter(pk=pk)
        .first()
    )
    if signaal is None:
        raise Http404(f"Er is geen signaal met nummer {pk} dat u mag zien.")
    return signaal


@dataclass
class _Gegevens:
    """What the detail page reads besides the signal (the queries of its budget)."""

    historie: list
    escalaties: list
    groep: list = field(default_factory=list)
    suggesties: list = field(default_factory=list)
    partners: list = field(default_factory=list)


def _gegevens(toegang, signaal: Signaal, *, behandelaar: bool) -> _Gegevens:
    """History, escalations (a partner: only its own), the duplicate group (medewerkers), and for the handler
    of an open signal the duplicate suggestions and the partners of the escalation form."""
    historie = list(
        Historie.objects.filter(signaal=signaal)
        .filter(escalaties_filter(toegang, prefix="escalatie__") if toegang.is_partner else Q())
        .select_related("escalatie", "escalatie__partner")
        .order_by("tijdstip", "id")
    )
    escalaties = list(
        Escalatie.objects.filter(signaal=signaal).filter(escalaties_filter(toegang)).select_related("partner")
    )
    uit = _Gegevens(historie, escalaties)
    if toegang.is_medewerker:
        hoofd_id = signaal.duplicaat_van_id or signaal.pk
        uit.groep = list(
            Signaal.objects.filter(Q(pk=hoofd_id) | Q(duplicaat_van_id=hoofd_id))
            .select_related("categorie", "categorie__hoofdcategorie", "wijk", "buurt")
            .order_by("gemeld_op", "id")
        )
    if behandelaar and signaal.is_open:
        if signaal.duplicaat_van_id is None:
            uit.suggesties = duplicaat_suggesties(
                categorie=signaal.categorie,
                lon=signaal.lon,
                lat=signaal.lat,
                buurt_id=signaal.buurt_id,
                uitsluiten=[s.pk for s in uit.groep] or [signaal.pk],
            )
        uit.partners = list(
            Organisatie.objects.filter(soort__in=[Organisatie.Soort.PARTNER, Organisatie.Soort.GEMEENTE]).order_by(
                "naam"
            )
        )
    return uit


def _formulieren(signaal: Signaal, g: _Gegevens, *, gebonden: dict, behouden: dict) -> dict:
    """The handler's workflow forms: bound to a failed POST (`gebonden`) or fresh at the signal's version,
    keeping the input of a stale change (`behouden`)."""
    formulieren = {
        "status": gebonden.get("status")
        or StatusFormulier(
            initial={
                "uitleg": sjabloon_voor(signaal.categorie) if signaal.is_open else "",
                **behouden.get("status", {}),
                "versie": signaal.versie,
            },
            keuzes=volgende_statussen(signaal.status),
        )
    }
    if signaal.is_open:
        open_partners = {e.partner_id for e in g.escalaties if e.is_open}
        standaard = signaal.categorie.standaard_partner_id
        formulieren["escaleren"] = gebonden.get("escaleren") or EscalerenFormulier(
            initial={
                "werkdagen": signaal.categorie.afhandeltermijn,
                "partners": [str(standaard)] if standaard not in open_partners else [],
                **behouden.get("escaleren", {}),
                "versie": signaal.versie,
            },
            partners=g.partners,
        )
        formulieren["duplicaat"] = gebonden.get("duplicaat") or DuplicaatFormulier(
            initial={**behouden.get("duplicaat", {}), "versie": signaal.versie}
        )
    return formulieren


def _escalatieformulieren(toegang, signaal: Signaal, g: _Gegevens, *, gebonden: dict, behouden: dict) -> list:
    """Each escalation with the form to update it, or None when this user may not (or it is closed)."""
    uit = []
    for e in g.escalaties:
        form = None
        if e.is_open and mag_escalatie_bijwerken(toegang, e.partner_id, signaal.wijk_id):
            form = gebonden.get(f"esc{e.pk}") or EscalatieFormulier(
                initial={"referentie": e.referentie_partner, **behouden.get(f"esc{e.pk}", {}), "versie": e.versie},
                escalatie=e,
                keuzes=volgende_escalatiestatussen(e.status),
            )
        uit.append((e, form))
    return uit


def _detail(request, pk, *, gebonden: dict | None = None, behouden: dict | None = None, status: int = 200):
    """The detail page. `gebonden`: forms bound to a failed POST (with the form's or service's errors), by
    name; `behouden`: input to keep in a fresh form after a stale change, by name.

    Queries for a stadsdeelregisseur on an open signal (fixed): session, user, account, portfolio, signal,
    history, escalations, duplicate group, duplicate suggestions, partners for the escalation form."""
    toegang = toegang_of_403(request)
    gebonden, behouden = gebonden or {}, behouden or {}
    vandaag = timezone.localdate()
    signaal = _signaal_of_404(toegang, pk)
    behandelaar = mag_signalen_behandelen(toegang, signaal.wijk_id)
    g = _gegevens(toegang, signaal, behandelaar=behandelaar)
    formulieren = _formulieren(signaal, g, gebonden=gebonden, behouden=behouden) if behandelaar else {}
    escalaties = _escalatieformulieren(toegang, signaal, g, gebonden=gebonden, behouden=behouden)
    if mag_melder_zien(toegang) and signaal.heeft_persoonsgegevens:
        audit_pagina(request)  # who saw this resident's name and contact details
    return render(
        request,
        "signalen/detail.html",
        {
            "signaal": signaal,
            "vandaag": vandaag,
            "te_laat": signaal.is_te_laat(vandaag),
            "behandelaar": behandelaar,
            "is_partner": toegang.is_partner,
            "toon_melder": mag_melder_zien(toegang),
            "historie": g.historie,
            "escalaties": escalaties,
            "groep": g.groep if len(g.groep) > 1 else [],
            "groep_bewoners": sum(s.aantal_bewoners for s in g.groep),
            "suggesties": g.suggesties,
            "formulieren": formulieren,
        },
        status=status,
    )


@login_required
def detail(request, pk: int):
    return _detail(request, pk)


def _na_fout(request, pk, naam: str, form, fout: ValidationError | None = None):
    """A refused change: the page again with the user's input and the reason (400): the form's own errors, or
    the service's put on the form. A stale change (someone else changed it meanwhile) shows the new state with
    the input kept in the form (409), so the user can look and decide again; a second submit is then based on
    the new version."""
    if isinstance(fout, services.Verouderd):
        messages.error(request, " ".join(fout.messages))
        invoer = {
            veld: form.data.getlist(form.add_prefix(veld))
            if veld == "partners"
            else form.data.get(form.add_prefix(veld))
            for veld in form.fields
            if veld != "versie"
        }
        return _detail(request, pk, behouden={naam: invoer}, status=409)
    if fout is not None:
        fouten_overnemen(form, fout)
    return _detail(request, pk, gebonden={naam: form}, status=400)


@login_required
@require_POST
def status_wijzigen(request, pk: int):
    toegang = toegang_of_403(request)
    signaal = _signaal_of_404(toegang, pk)
    form = StatusFormulier(request.POST, keuzes=volgende_statussen(signaal.status))
    if not form.is_valid():
        return _na_fout(request, pk, "status", form)
    try:
        nieuw = services.status_wijzigen(signaal_id=pk, door=request.user, **form.service_velden())
    except ValidationError as fout:
        return _na_fout(request, pk, "status", form, fout)
    messages.success(request, f"Signaal #{pk} is nu '{nieuw.get_status_display()}'.")
    return redirect("signalen:detail", pk=pk)


@login_required
@require_POST
def escaleren(request, pk: int):
    toegang = toegang_of_403(request)
    _signaal_of_404(toegang, pk)
    partners = Organisatie.objects.filter(soort__in=[Organisatie.Soort.PARTNER, Organisatie.Soort.GEMEENTE])
    form = EscalerenFormulier(request.POST, partners=partners)
    if not form.is_valid():
        return _na_fout(request, pk, "escaleren", form)
    try:
        escalaties = services.escaleren(signaal_id=pk, door=request.user, **form.service_velden())
    except ValidationError as fout:
        return _na_fout(request, pk, "escaleren", form, fout)
    namen = ", ".join(e.partner.naam for e in escalaties)
    messages.success(request, f"Doorgezet naar {namen}, uiterlijk {escalaties[0].streefdatum:%d-%m-%Y}.")
    return redirect("signalen:detail", pk=pk)


@login_required
@require_POST
def duplicaat(request, pk: int):
    toegang = toegang_of_403(request)
    _signaal_of_404(toegang, pk)
    form = DuplicaatFormulier(request.POST)
    if not form.is_valid():
        return _na_fout(request, pk, "duplicaat", form)
    d = form.cleaned_data
    try:
        if form.ontkoppelen:
            services.duplicaat_ontkoppelen(signaal_id=pk, versie=d["versie"], door=request.user)
            messages.success(request, f"Signaal #{pk} telt weer als eigen signaal.")
        else:
            services.als_duplicaat_koppelen(
                signaal_id=pk, hoofd_id=d["hoofd"], notitie=d["notitie"], versie=d["versie"], door=request.user
            )
            messages.success(request, f"Signaal #{pk} is gekoppeld als duplicaat.")
    except ValidationError as fout:
        if hasattr(fout, "error_dict") and "duplicaat_van" in fout.error_dict:
            fout = ValidationError({"hoofd": fout.error_dict["duplicaat_van"]})
        return _na_fout(request, pk, "duplicaat", form, fout)
    return redirect("signalen:detail", pk=pk)


@login_required
@require_POST
def escalatie_bijwerken(request, pk: int):
    toegang = toegang_of_403(request)
    escalatie = Escalatie.objects.filter(escalaties_filter(toegang)).select_related("signaal").filter(pk=pk).first()
    if escalatie is None:
        raise Http404(f"Er is geen escalatie met nummer {pk} die u mag zien.")
    form = EscalatieFormulier(request.POST, escalatie=escalatie, keuzes=volgende_escalatiestatussen(escalatie.status))
    if not form.is_valid():
        return _na_fout(request, escalatie.signaal_id, f"esc{pk}", form)
    try:
        services.escalatie_bijwerken(escalatie_id=pk, door=request.user, **form.service_velden())
    except ValidationError as fout:
        return _na_fout(request, escalatie.signaal_id, f"esc{pk}", form, fout)
    messages.success(request, "De escalatie is bijgewerkt.")
    return redirect("signalen:detail", pk=escalatie.signaal_id)
