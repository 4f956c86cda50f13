"""Pages of the signalen app: worklist, detail with the workflow forms, logging a signal, hotspots
and the figures page. Thin: access through signalen.regels, writes through signalen.services."""


from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from shapely.geometry import shape

from lib.parameters import lege_parameters_antwoord
from lib.perioden import maand_einde, maand_van, maand_verschuif
from toegang.audit import audit_pagina
from toegang.models import Organisatie
from toegang.regels import toegang_van
from wijken import codes
from wijken.models import Gebied, GebiedVersie

from . import services
from .filters import SignaalFilter
from .forms import (
    DuplicaatFormulier,
    EscalatieFormulier,
    EscalerenFormulier,
    MeldFormulier,
    StatusFormulier,
    fouten_overnemen,
)
from .kaart import KaartBuurt, kiesfiguur
from .models import Categorie, Escalatie, Historie, Signaal
from .regels import (
    escalaties_filter,
    mag_escalatie_bijwerken,
    mag_melder_zien,
    mag_signaalcijfers_zien,
    mag_signalen_behandelen,
    mag_signalen_melden,
    mag_signalen_zien,
)
from .workflow import volgende_escalatiestatussen, volgende_statussen

PER_PAGINA = 50


def _toegang(request):
    toegang = toegang_van(request.user)
    if not mag_signalen_zien(toegang):
        raise PermissionDenied("Uw account heeft geen toegang tot signalen.")
    return toegang


def _gebieden():
    """Hengelo's wijken and buurten (1 query), for filters and selects."""
    gm = settings.GEMEENTE_CODE
    return list(
        Gebied.objects.filter(
            Q(niveau=codes.WIJK, ouder__code=gm) | Q(niveau=codes.BUURT, ouder__ouder__code=gm)
        ).order_by("code")
    )


def _zonder(request, *namen) -> str:
    params = request.GET.copy()
    for naam in namen:
        params.pop(naam, None)
    return params.urlencode()


# --- worklist -------------------------------------------------------------------------------------------


@login_required
def werklijst(request):
    """The signals this user may see; a stadsdeelregisseur's own wijken by default.

    Queries (fixed, whatever the number of signals or the filters): session, user, account and portfolio
    (toegang_van), categories, wijken+buurten (filter choices), count, the page of signals with their
    category, wijk, buurt, open/overdue escalations and duplicate group as annotations."""
    toegang = _toegang(request)
    vandaag = timezone.localdate()
    categorieen = list(Categorie.objects.boom())
    gebieden = _gebieden()
    filterset = SignaalFilter(
        request.GET,
        queryset=Signaal.objects.zichtbaar_voor(toegang).met_lijstgegevens(vandaag=vandaag),
        toegang=toegang,
        categorieen=categorieen,
        gebieden=gebieden,
        vandaag=vandaag,
    )
    pagina = Paginator(filterset.qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "signalen/werklijst.html",
        {
            "filter": filterset,
            "pagina": pagina,
            "signalen": list(pagina.object_list),
            "vandaag": vandaag,
            "querystring": _zonder(request, "pagina"),
            "mag_melden": mag_signalen_melden(toegang),
            "is_partner": toegang.is_partner,
            "mag_cijfers": mag_signaalcijfers_zien(toegang),
        },
    )


# --- detail and its forms ---------------------------------------------------------------------------------


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


def _detail(request, pk, *, gebonden: dict | None = None, behouden: dict | None = None, status: int = 200):
    """The detail page. `gebonden`: forms bound to a failed POST (with the service's errors), by name;
    `behouden`: input to keep in a fresh form after a stale change, by name.

    Queries for a stadsdeelregisseur on an open signal (fixed): session, user, account, portfolio, signal,
    history, escalations, duplicate group, duplicate suggestions, partners for the escalation form."""
    toegang = _toegang(request)
    gebonden = gebonden or {}
    behouden = behouden or {}
    vandaag = timezone.localdate()
    signaal = _signaal_of_404(toegang, pk)
    behandelaar = mag_signalen_behandelen(toegang, signaal.wijk_id)
    historie = list(
        Historie.objects.filter(signaal=signaal)
        .filter(escalaties_filter(toegang, prefix="escalatie__") if toegang.is_partner else Q())
        .select_related("escalatie", "escalatie__partner")
        .order_by("tijdstip", "id")
    )
    escalaties = list(
        Escalatie.objects.filter(signaal=signaal).filter(escalaties_filter(toegang)).select_related("partner")
    )
    groep, suggesties, partners = [], [], []
    if toegang.is_medewerker:
        hoofd_id = signaal.duplicaat_van_id or signaal.pk
        groep = list(
            Signaal.objects.filter(Q(pk=hoofd_id) | Q(duplicaat_van_id=hoofd_id))
            .select_related("categorie", "categorie__hoofdcategorie", "wijk", "buurt")
            .order_by("gemeld_op", "id")
        )
    open_en_behandelaar = behandelaar and signaal.is_open
    if open_en_behandelaar:
        if signaal.duplicaat_van_id is None:
            suggesties = services.duplicaat_suggesties(
                categorie=signaal.categorie,
                lon=signaal.lon,
                lat=signaal.lat,
                buurt_id=signaal.buurt_id,
                uitsluiten=[s.pk for s in groep] or [signaal.pk],
            )
        partners = list(
            Organisatie.objects.filter(soort__in=[Organisatie.Soort.PARTNER, Organisatie.Soort.GEMEENTE]).order_by(
                "naam"
            )
        )

    formulieren = {}
    if behandelaar:
        formulieren["status"] = gebonden.get("status") or StatusFormulier(
            initial={**behouden.get("status", {}), "versie": signaal.versie},
            keuzes=volgende_statussen(signaal.status),
        )
        if signaal.is_open:
            open_partners = {e.partner_id for e in escalaties if e.is_open}
            standaard = signaal.categorie.standaard_partner_id
            formulieren["escaleren"] = gebonden.get("escaleren") or EscalerenFormulier(
                initial={
                    "werkdagen": signaal.categorie.afhandeltermijn,
                    "partners": [str(standaard)] if standaard not in open_partners else [],
                    **behouden.get("escaleren", {}),
                    "versie": signaal.versie,
                },
                partners=partners,
            )
            formulieren["duplicaat"] = gebonden.get("duplicaat") or DuplicaatFormulier(
                initial={**behouden.get("duplicaat", {}), "versie": signaal.versie}
            )
    escalatieformulieren = []
    for e in escalaties:
        form = None
        if e.is_open and mag_escalatie_bijwerken(toegang, e.partner_id, signaal.wijk_id):
            form = gebonden.get(f"esc{e.pk}") or EscalatieFormulier(
                initial={"referentie": e.referentie_partner, **behouden.get(f"esc{e.pk}", {}), "versie": e.versie},
                escalatie=e,
                keuzes=volgende_escalatiestatussen(e.status),
            )
        escalatieformulieren.append((e, form))

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
            "historie": historie,
            "escalaties": escalatieformulieren,
            "groep": groep if len(groep) > 1 else [],
            "groep_bewoners": sum(s.aantal_bewoners for s in groep),
            "suggesties": suggesties,
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
    toegang = _toegang(request)
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
    toegang = _toegang(request)
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
    toegang = _toegang(request)
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
    toegang = _toegang(request)
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


# --- logging a signal -------------------------------------------------------------------------------------


def _kaartbuurten(jaar: int) -> tuple[list[KaartBuurt], int | None]:
    versies = list(
        GebiedVersie.objects.geldig_in(jaar)
        .filter(gebied__niveau=codes.BUURT, gebied__ouder__ouder__code=settings.GEMEENTE_CODE, geometrie__isnull=False)
        .select_related("gebied", "gebied__ouder")
        .order_by("gebied__code")
    )
    uit = []
    for v in versies:
        p = shape(v.geometrie).representative_point()
        uit.append(
            KaartBuurt(v.gebied.code, v.naam, v.gebied.ouder.weergavenaam, v.geometrie, (round(p.x, 6), round(p.y, 6)))
        )
    return uit, max((v.jaar for v in versies), default=None)


def _punt(form) -> tuple[float, float] | None:
    try:
        lon = float(str(form.data.get("lon", "")).replace(",", "."))
        lat = float(str(form.data.get("lat", "")).replace(",", "."))
    except ValueError:
        return None
    return (lon, lat)


def _portefeuille(toegang) -> dict | None:
    """The wijk and buurt codes the user may log signals in, for the check on click on the form's map
    (the service checks again on submit); None when that is every area (1 query)."""
    gebieden = _gebieden()
    wijken = {g.id: g for g in gebieden if g.niveau == codes.WIJK}
    mag = {i for i in wijken if mag_signalen_behandelen(toegang, i)}
    if len(mag) == len(wijken):
        return None
    return {
        "wijken": sorted(wijken[i].code for i in mag),
        "buurten": sorted(g.code for g in gebieden if g.niveau == codes.BUURT and g.ouder_id in mag),
    }


def _meld_pagina(request, form, *, suggesties=(), status=200):
    buurten, jaar = _kaartbuurten(timezone.localdate().year)
    punt = _punt(form) if form.is_bound else None
    return render(
        request,
        "signalen/melden.html",
        {
            "form": form,
            "kaart": kiesfiguur(buurten, punt=punt, jaar=jaar),
            "portefeuille": _portefeuille(toegang_van(request.user)),
            "suggesties": suggesties,
            "grens_jaar": jaar,
            "vandaag": timezone.localdate(),
            "bewaartermijn": getattr(settings, "SIGNALEN_BEWAARTERMIJN_MAANDEN", 12),
        },
        status=status,
    )


@login_required
def melden(request):
    """Log a signal. Step 1: the form; when open signals of the same category lie within 100 m or in the
    same buurt (last 90 days), step 2 asks: a new problem, or a duplicate of one of them?"""
    toegang = _toegang(request)
    if not mag_signalen_melden(toegang):
        raise PermissionDenied("Alleen stadsdeelregisseurs kunnen signalen melden.")
    wijken = [g for g in _gebieden() if g.niveau == codes.WIJK]
    categorieen = list(Categorie.objects.actief().boom())
    if request.method != "POST":
        form = MeldFormulier(
            initial={"datum_voorval": timezone.localdate().isoformat(), "aantal_bewoners": 1},
            categorieen=categorieen,
            wijken=wijken,
        )
        return _meld_pagina(request, form)
    form = MeldFormulier(request.POST, categorieen=categorieen, wijken=wijken)
    if not form.is_valid():
        return _meld_pagina(request, form, status=400)
    velden = form.service_velden()
    try:
        if form.cleaned_data["keuze"] != "bevestigd":
            nieuw = services.melding_controleren(door=request.user, **velden).signaal
            suggesties = services.duplicaat_suggesties(
                categorie=nieuw.categorie, lon=nieuw.lon, lat=nieuw.lat, buurt_id=nieuw.buurt_id
            )
            if suggesties:
                return _meld_pagina(request, form, suggesties=suggesties)
        signaal = services.signaal_melden(door=request.user, **velden)
    except ValidationError as fout:
        fouten_overnemen(form, fout)
        return _meld_pagina(request, form, status=400)
    plek = signaal.buurt or signaal.wijk
    tekst = f"Signaal #{signaal.pk} is gemeld in {plek.weergavenaam}"
    if signaal.duplicaat_van_id:
        tekst += f", als duplicaat van #{signaal.duplicaat_van_id}"
    messages.success(request, tekst + ".")
    return redirect("signalen:detail", pk=signaal.pk)


# --- hotspots ---------------------------------------------------------------------------------------------


@login_required
def hotspots(request):
    """Buurten where a category's last month is clearly above its own 12-month baseline.

    Queries: session, user, account (+portfolio), counts over 13 months, buurten and categories of the hits."""
    from lib.tabellen import Paginatabel, download_antwoord

    toegang = toegang_van(request.user)
    if not mag_signaalcijfers_zien(toegang):
        raise PermissionDenied("Hotspots over alle signalen zijn alleen voor medewerkers van de gemeente.")
    if (leeg := lege_parameters_antwoord(request, ["maand", "minimum"])) is not None:
        return leeg
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
    gevonden = services.hotspots_berekenen(maand=maand, min_aantal=minimum)
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
    tabel = Paginatabel(
        "hotspots",
        f"Hotspots in {maand}",
        [
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
        ],
        rijen,
        f"{len(rijen)} buurt-categorieën boven hun eigen basislijn in {maand}."
        + (
            " Synthetische demo-signalen tellen mee (zie de laatste kolom)."
            if any(h.synthetisch for h in gevonden)
            else ""
        ),
    )
    if (bestand := download_antwoord(request, [tabel], f"signalen-hotspots-{maand}")) is not None:
        return bestand
    werklijst_url = reverse("signalen:werklijst")
    links = []
    for h in gevonden:
        links.append(
            f"{werklijst_url}?bereik=alle&buurt={h.buurt.code}&categorie={h.categorie.pk}"
            f"&van={maand}-01&tot={maand_einde(maand).isoformat()}"
        )
    return render(
        request,
        "signalen/hotspots.html",
        {
            "hotspots": list(zip(gevonden, links, strict=True)),
            "synthetisch": sum(h.synthetisch for h in gevonden),
            "tabel": tabel,
            "maand": maand,
            "minimum": minimum,
            "querystring": _zonder(request, "formaat", "tabel"),
        },
    )
