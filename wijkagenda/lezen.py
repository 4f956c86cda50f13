"""The reads behind the wijkanalyse: a fixed number of queries that turn the database into plain rows,
then the plain functions of `analyse` and `teksten`. No query per indicator or per category.

Queries: values (area, Hengelo and the areas of the same level, 1), boundary versions (1); with signal
figures (medewerkers only): signal counts (1, grouped), main categories (1), escalations (1, aggregated).
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import BooleanField, Case, Count, Q, Sum, Value, When
from django.http import Http404

from indicatoren.models import Waarde
from indicatoren.weergave import Getoond, toon_waarde
from lib.perioden import is_compleet, maand_begin, maand_van, maand_verschuif
from signalen.models import ESCALATIE_OPEN, Categorie, Escalatie, Signaal
from signalen.publicatie import DATASET as SIGNAAL_DATASET
from signalen.regels import mag_signaalcijfers_zien
from toegang.regels import Toegang
from wijken import codes
from wijken.geo import grenswijzigingen
from wijken.models import Gebied, GebiedVersie

from . import analyse
from .analyse import DomeinAnalyse, SignaalBeeld, Veranderingen
from .models import Opgave

SIGNALEN_DOMEIN = "signalen"  # the published signal rates have their own section, not the indicator lists
INWONERS = "AantalInwoners"


def analyseerbaar_gebied_of_404(code: str) -> Gebied:
    """A wijk or buurt of this portal's gemeente, with its parents (1 query)."""
    gebied = Gebied.objects.met_ouders().filter(code=code.strip().upper()).first()
    if gebied is None:
        raise Http404(f"Er is geen gebied met code '{code}'.")
    if gebied.niveau not in (codes.WIJK, codes.BUURT) or codes.gemeente_code(gebied.code) != settings.GEMEENTE_CODE:
        raise Http404(
            f"Een wijkanalyse is er voor de wijken en buurten van {settings.GEMEENTE_CODE}, niet voor {code}."
        )
    return gebied


def gemeente_van(gebied: Gebied) -> Gebied:
    ouder = gebied.ouder
    assert ouder is not None  # a wijk or buurt of the gemeente (wijkanalyse_gebied checked it)
    gemeente = ouder if gebied.niveau == codes.WIJK else ouder.ouder
    assert gemeente is not None
    return gemeente


@dataclass
class IndicatorAnalyse:
    domeinen: list[DomeinAnalyse]
    veranderingen: Veranderingen
    grenswijzigingen: list[tuple[int, int, float]]
    aantal_indicatoren: int
    inwoners: float | None
    inwoners_gemeente: float | None
    kenmerken: list = field(default_factory=list)  # analyse.Kenmerk of every indicator, for the parts
    alle_veranderingen: list = field(default_factory=list)  # analyse.Verandering (or None) per indicator
    gemeente_reeksen: dict = field(default_factory=dict)  # indicator code -> {periode: Getoond} of the gemeente


def indicatoranalyse(gebied: Gebied, toegang: Toegang, *, vandaag: date | None = None) -> IndicatorAnalyse:
    """Strengths, concerns and changes of the area's indicators; a running month or quarter is left out
    (its figure is still growing, so it would read as a fall)."""
    vandaag = vandaag or date.today()
    gemeente = gemeente_van(gebied)
    if gebied.niveau == codes.WIJK:
        gelijken = Q(niveau=codes.WIJK, ouder_id=gemeente.id)
    else:
        gelijken = Q(niveau=codes.BUURT, ouder__ouder_id=gemeente.id)
    waarden = (
        Waarde.objects.zichtbaar_voor(toegang)
        .in_gebieden(Gebied.objects.filter(Q(id=gemeente.id) | gelijken))
        # the portal's own signal counts have their own part (live, per category); signal figures a partner
        # delivers (e.g. reports on the openbare ruimte) are indicators like any other
        .exclude(indicator__dataset__code=SIGNAAL_DATASET)
        .select_related("indicator", "indicator__domein")
    )
    eigen: dict[int, dict[str, tuple[Getoond, str]]] = {}
    van_gemeente: dict[tuple[int, str], Getoond] = {}
    per_periode: dict[tuple[int, str], list[Getoond]] = {}
    indicatoren = {}
    for w in waarden:
        if not is_compleet(w.periode, vandaag):
            continue
        g = toon_waarde(w)
        if w.gebied_id == gemeente.id:
            van_gemeente[(w.indicator_id, w.periode)] = g
            continue
        per_periode.setdefault((w.indicator_id, w.periode), []).append(g)
        if w.gebied_id == gebied.id:
            indicatoren[w.indicator_id] = w.indicator
            eigen.setdefault(w.indicator_id, {})[w.periode] = (g, w.bron)
    wijzigingen = grenswijzigingen(list(GebiedVersie.objects.filter(gebied=gebied).values_list("jaar", "geometrie")))

    kenmerken, veranderingen = [], []
    for ind_id, reeks in eigen.items():
        ind = indicatoren[ind_id]
        laatste = max(reeks, key=analyse.periode_sleutel)
        g, bron = reeks[laatste]
        kenmerken.append(
            analyse.kenmerk(
                ind, laatste, g, van_gemeente.get((ind_id, laatste)), per_periode.get((ind_id, laatste), []), bron
            )
        )
        veranderingen.append(analyse.verandering(ind, {p: gb[0] for p, gb in reeks.items()}, wijzigingen, bron))

    def inwoners(reeks_van) -> float | None:
        met_getal = sorted((p, g.waarde) for p, g in reeks_van if len(p) == 4 and g.waarde)
        return met_getal[-1][1] if met_getal else None

    ind_inwoners = next((i for i, ind in indicatoren.items() if ind.code == INWONERS), None)
    gemeente_reeksen: dict[str, dict[str, Getoond]] = {}
    for (ind_id, periode), g in van_gemeente.items():
        if ind_id in indicatoren:
            gemeente_reeksen.setdefault(indicatoren[ind_id].code, {})[periode] = g
    return IndicatorAnalyse(
        analyse.sterke_en_aandachtspunten(kenmerken),
        analyse.grootste_veranderingen(veranderingen),
        wijzigingen,
        len(eigen),
        inwoners((p, gb[0]) for p, gb in (eigen.get(ind_inwoners, {}) if ind_inwoners is not None else {}).items()),
        inwoners((p, g) for (i, p), g in van_gemeente.items() if i == ind_inwoners),
        kenmerken,
        veranderingen,
        gemeente_reeksen,
    )


def afspraken(gebied: Gebied, toegang: Toegang) -> list | None:
    """The open opgaven of the wijk (for a buurt: its wijk) with their open actions, as far as this access
    may see them; None when it may not see the wijkagenda. Always 2 queries (opgaven, actions)."""
    from .delen import Afspraak
    from .models import ACTIE_OPEN, Actie, Opgave, OpgaveStatus
    from .regels import acties_filter, mag_agenda_zien

    if not mag_agenda_zien(toegang):
        return None
    wijk_id = gebied.id if gebied.niveau == codes.WIJK else gebied.ouder_id
    opgaven = list(
        Opgave.objects.filter(wijk_id=wijk_id, status=OpgaveStatus.OPEN)
        .zichtbaar_voor(toegang)
        .order_by("-geopend_op", "id")
        .values_list("id", "titel", "domein__naam", "geopend_op")
    )
    acties: dict[int, list] = {}
    for opgave_id, omschrijving, eigenaar, streef in (
        Actie.objects.filter(acties_filter(toegang), opgave__wijk_id=wijk_id, opgave__status=OpgaveStatus.OPEN)
        .filter(status__in=ACTIE_OPEN)
        .order_by("streefdatum", "id")
        .values_list("opgave_id", "omschrijving", "eigenaar__naam", "streefdatum")
    ):
        acties.setdefault(opgave_id, []).append((omschrijving, eigenaar, streef))
    return [Afspraak(i, titel, domein, geopend, tuple(acties.get(i, ()))) for i, titel, domein, geopend in opgaven]


def signaalanalyse(
    gebied: Gebied, toegang: Toegang, *, vandaag: date, inwoners: float | None, inwoners_gemeente: float | None
) -> SignaalBeeld | None:
    """Signals of the last 12 complete months against the 12 before, the area against all of Hengelo;
    open and overdue escalations. None when this access may not see figures over all signals."""
    if not mag_signaalcijfers_zien(toegang):
        return None
    lopend = maand_van(vandaag)
    laatste = maand_verschuif(lopend, -1)
    begin = maand_verschuif(laatste, -11)
    begin_vorig = maand_verschuif(begin, -12)
    eind_vorig = maand_verschuif(begin, -1)
    veld = "wijk_id" if gebied.niveau == codes.WIJK else "buurt_id"
    rijen = (
        Signaal.objects.per_maand()  # the monthly aggregate
        .filter(wijk__ouder__code=settings.GEMEENTE_CODE)
        .in_maanden(begin_vorig, laatste)
        .annotate(
            in_gebied=Case(
                When(**{veld: gebied.id}, then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
            huidig=Case(
                When(maand__gte=maand_begin(begin), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .values_list("in_gebied", "categorie_id", "huidig", "synthetisch")  # grouped by category id: no joins
        .annotate(n=Sum("aantal"))
        .order_by()
    )
    alle = list(
        Categorie.objects.order_by("volgorde", "naam").values_list("id", "code", "naam", "hoofdcategorie__code")
    )
    categorieen = [(code, naam) for _, code, naam, hoofd in alle if hoofd is None]
    hoofd_van = {pk: hoofd or code for pk, code, _, hoofd in alle}
    rijen = [(in_gebied, hoofd_van[c], huidig, synth, n) for in_gebied, c, huidig, synth, n in rijen]
    escalatie_filter = {"signaal__wijk": gebied} if gebied.niveau == codes.WIJK else {"signaal__buurt": gebied}
    escalaties = Escalatie.objects.filter(status__in=ESCALATIE_OPEN, **escalatie_filter).aggregate(
        open=Count("id"), te_laat=Count("id", filter=Q(streefdatum__lt=vandaag))
    )
    return analyse.signaalbeeld(
        rijen,
        categorieen=categorieen,
        inwoners=inwoners,
        inwoners_gemeente=inwoners_gemeente,
        periode=f"{begin} t/m {laatste}",
        vorige_periode=f"{begin_vorig} t/m {eind_vorig}",
        open_escalaties=escalaties["open"],
        te_laat=escalaties["te_laat"],
        gebied_naam=gebied.weergavenaam,
    )


# --- wijkagenda -----------------------------------------------------------------------------------------------


def wijk_of_404(code: str) -> Gebied:
    gebied = Gebied.objects.select_related("ouder").filter(code=code.strip().upper()).first()
    if gebied is None or gebied.niveau != codes.WIJK or codes.gemeente_code(gebied.code) != settings.GEMEENTE_CODE:
        raise Http404(
            f"Er is geen wijk van {settings.GEMEENTE_CODE} met code '{code}': een wijkagenda hoort bij een wijk."
        )
    return gebied


@dataclass
class AgendaOpgave:
    opgave: Opgave  # with indicatoren, signaalcategorieen, partners and zichtbare_acties loaded
    indicatoren: list  # voortgang.IndicatorBeweging
    signalen: list  # voortgang.SignaalBeweging


def agenda(wijk: Gebied, toegang: Toegang, *, vandaag: date) -> list[AgendaOpgave]:
    """The opgaven of a wijk this access may see, each with how its indicators and signals moved since it was
    opened. Queries: opgaven (1) + indicators, categories, partners, actions (4); values of the linked
    indicators (1); signal counts of the linked categories (1, only when there are any)."""
    from . import voortgang

    opgaven = list(Opgave.objects.voor_agenda(wijk, toegang))
    indicator_ids = {i.id for o in opgaven for i in o.indicatoren.all()}
    reeksen: dict[int, dict[str, Getoond]] = {}
    if indicator_ids:
        for w in (
            Waarde.objects.zichtbaar_voor(toegang)
            .filter(gebied=wijk, indicator_id__in=indicator_ids)
            .select_related("indicator")
        ):
            reeksen.setdefault(w.indicator_id, {})[w.periode] = toon_waarde(w)
    categorie_codes = {c.code for o in opgaven for c in o.signaalcategorieen.all()}
    per_maand: dict[str, dict[str, int]] = {}
    if categorie_codes and mag_signaalcijfers_zien(toegang):
        eerste = min(o.geopend_op for o in opgaven if o.signaalcategorieen.all())
        van = maand_verschuif(maand_van(eerste), -6)
        rijen = (
            Signaal.objects.per_maand()
            .filter(wijk=wijk)
            .in_maanden(van)
            .met_hoofd()
            .filter(hoofd__in=categorie_codes)
            .per("hoofd", "maand")
        )
        for hoofd, maand, n in rijen:
            per_maand.setdefault(hoofd, {})[maand_van(maand)] = n
    uit = []
    for o in opgaven:
        bewegingen = [
            voortgang.indicator_beweging(i, reeksen.get(i.id, {}), o.geopend_op, vandaag) for i in o.indicatoren.all()
        ]
        signalen = (
            [
                voortgang.signaal_beweging(c.naam, per_maand.get(c.code, {}), o.geopend_op, vandaag)
                for c in o.signaalcategorieen.all()
            ]
            if mag_signaalcijfers_zien(toegang)
            else []
        )
        uit.append(AgendaOpgave(o, bewegingen, signalen))
    return uit
