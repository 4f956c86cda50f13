"""Write paths (one function per use case) and the heavier reads of the signalen app.

Every write function is keyword-only and takes typed values (the input was validated by the form of
`signalen.forms`, the same for page and API). It runs in one transaction, checks what depends on the
database's current state (the workflow, the portfolio, the location, open escalations), calls
`full_clean()` on the rows it writes and writes nothing when anything is wrong: a `ValidationError` with
a Dutch message per field (keys match the form fields; 'locatie' and '__all__' are form-wide),
`PermissionDenied` when the user may not do this, `Verouderd` when the screen the change was based on
is out of date.

Concurrency: a change locks the signal row (SELECT ... FOR UPDATE) and, when the caller says which
version it saw, refuses a stale change instead of silently overwriting the other person's.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import Count, F, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from lib import perioden
from toegang.models import Organisatie
from toegang.regels import toegang_van
from toegang.services import audit_persoonsgegevens_verwijderen
from wijken import codes
from wijken.models import Gebied

from . import cijfers
from .geo import BuitenGemeente, afstand_m, buurtgrenzen, omhullend_vak, zoek_buurt
from .models import (
    ESCALATIE_OPEN,
    GESLOTEN,
    MAX_BEWONERS,
    MAX_WERKDAGEN,
    NOTITIE_MAX,
    OPEN,
    Bron,
    Categorie,
    Escalatie,
    EscalatieStatus,
    Historie,
    MaandTelling,
    Signaal,
    Status,
    brongroep_van,
)
from .regels import mag_escalatie_bijwerken, mag_signalen_behandelen, mag_signalen_melden
from .werkdagen import werkdagen_later
from .workflow import (
    ESCALATIE_NOTITIE_VERPLICHT,
    NOTITIE_VERPLICHT,
    escalatie_overgang_fout,
    overgang_fout,
)

__all__ = ["MAX_BEWONERS", "NOTITIE_MAX"]  # re-exported: their home is signalen.models

DUPLICAAT_STRAAL_M = 100
DUPLICAAT_DAGEN = 90
SYSTEEM = "systeem"


class Verouderd(ValidationError):
    """The change was based on an older version of the record: someone else changed it meanwhile."""


# --- small helpers ----------------------------------------------------------------------------------


def _naam(gebruiker) -> str:
    if gebruiker is None:
        return SYSTEEM
    return (gebruiker.get_full_name() or gebruiker.get_username())[:150]


def _schoon(rij: models.Model, fouten: dict | None = None, *, velden: Sequence[str] | None = None) -> None:
    """`full_clean()` of a row about to be written: its fields' own rules and the model's `clean()`; on an
    update (`velden`) only the changed fields. Foreign keys are rows this service has just loaded or locked
    (checking them again would cost a query each) and the database checks the constraints on save.
    With `fouten`, the problems are added to it (reported with the others at once) instead of raised."""
    uitsluiten = {f.name for f in rij._meta.concrete_fields if f.is_relation}
    if velden is not None:
        uitsluiten |= {f.name for f in rij._meta.concrete_fields if f.name not in velden}
    try:
        rij.full_clean(exclude=uitsluiten, validate_constraints=False)
    except ValidationError as fout:
        if fouten is None:
            raise
        for veld, meldingen in fout.message_dict.items():
            fouten.setdefault(veld, []).extend(m for m in meldingen if m not in fouten.get(veld, []))


def _zonder_melder(signaal: Signaal, tekst: str, veld: str, fouten: dict, *, label: str) -> None:
    """Notes and escalation texts never hold the reporter's personal data: they are read by more people than
    the reporter's details (a partner reads the requested action) and kept as history. Refused when the
    reporter's name, phone number or e-mail address is in `tekst`."""
    patroon = _patroon_persoonsgegevens(signaal.melder_naam, signaal.melder_telefoon, signaal.melder_email)
    if tekst and patroon is not None and patroon.search(tekst):
        fouten.setdefault(veld, []).append(
            f"{label} bevat de naam of contactgegevens van de melder. Die staan al bij het signaal (alleen "
            "zichtbaar voor wie dat mag); haal ze hier weg."
        )


def _toegang_behandelen(door, signaal: Signaal) -> None:
    if not mag_signalen_behandelen(toegang_van(door), signaal.wijk_id):
        raise PermissionDenied(
            "Alleen de stadsdeelregisseur van deze wijk (of een beheerder) kan dit signaal behandelen."
        )


def _vergrendel(signaal_id: int) -> Signaal:
    """The signal row, locked until the end of the transaction."""
    signaal = Signaal.objects.select_for_update().filter(pk=signaal_id).first()
    if signaal is None:
        raise ValidationError({NON_FIELD_ERRORS: [f"Er is geen signaal met nummer {signaal_id}."]})
    return signaal


def _controleer_versie(record: Signaal | Escalatie, versie: int | None, *, wat: str = "het signaal") -> None:
    """Refuse a change based on another version than the row's (None: the caller saw no version)."""
    if versie is None or versie == record.versie:
        return
    if isinstance(record, Signaal):
        laatste = Historie.objects.filter(signaal=record).order_by("-tijdstip", "-id").first()
    else:
        laatste = Historie.objects.filter(escalatie=record).order_by("-tijdstip", "-id").first()
    wie = (
        f" door {laatste.door_naam} om {timezone.localtime(laatste.tijdstip):%H:%M} op "
        f"{timezone.localtime(laatste.tijdstip):%d-%m-%Y}"
        if laatste
        else ""
    )
    raise Verouderd(
        f"Iemand anders heeft {wat} intussen gewijzigd{wie}. Uw wijziging is niet opgeslagen: "
        f"bekijk de nieuwe stand en doe het zo nodig opnieuw.",
        code="verouderd",
    )


def _historie(signaal, soort, door, *, van="", naar="", notitie="", escalatie=None, nu=None) -> Historie:
    regel = Historie(
        signaal=signaal,
        escalatie=escalatie,
        soort=soort,
        tijdstip=nu or timezone.now(),
        door=door,
        door_naam=_naam(door),
        van=van,
        naar=naar,
        notitie=notitie,
    )
    _schoon(regel)
    regel.save(force_insert=True)
    return regel


def _bijwerken(rij: models.Model, velden: list[str]) -> None:
    """Save the changed fields of an existing row after `full_clean()` of just those fields."""
    _schoon(rij, velden=velden)
    rij.save(update_fields=velden)


# --- location ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plaats:
    wijk: Gebied
    buurt: Gebied | None
    grens_jaar: int | None
    lon: float | None = None
    lat: float | None = None


def plaats_bepalen(
    *, lon: float | None, lat: float | None, wijk_code: str, fouten: dict, jaar: int
) -> Plaats | None:
    """Where the signal is: a point (-> buurt by point-in-polygon, wijk by the buurt's code) or a whole wijk."""
    if (lon is None) != (lat is None):
        fouten.setdefault("lon" if lon is None else "lat", []).append(
            "Geef lengte- én breedtegraad op, of kies het punt op de kaart."
        )
        return None
    if lon is not None and lat is not None:  # both or neither: checked above
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            fouten.setdefault("locatie", []).append(
                f"({lon}, {lat}) zijn geen geldige coördinaten: lengtegraad ligt tussen -180 en 180, "
                "breedtegraad tussen -90 en 90 (Hengelo: ongeveer 6,79 en 52,27)."
            )
            return None
        grenzen = buurtgrenzen(jaar)
        if not grenzen.buurten:
            fouten.setdefault("locatie", []).append(
                "Er zijn geen buurtgrenzen geladen; kies een wijk in plaats van een punt."
            )
            return None
        try:
            gevonden = zoek_buurt(lon, lat, grenzen)
        except BuitenGemeente:
            fouten.setdefault("locatie", []).append(
                f"Het punt ({lat:.5f} N, {lon:.5f} O) ligt buiten de gemeente Hengelo. "
                "Kies een punt binnen een van de Hengelose buurten, of meld het signaal bij de eigen gemeente."
            )
            return None
        gebieden = Gebied.objects.in_bulk([gevonden.code, gevonden.wijk_code], field_name="code")
        buurt, wijk = gebieden.get(gevonden.code), gebieden.get(gevonden.wijk_code)
        if buurt is None or wijk is None:
            fouten.setdefault("locatie", []).append(f"Buurt {gevonden.code} of haar wijk ontbreekt in de gebieden.")
            return None
        if wijk_code and wijk_code != wijk.code:
            fouten.setdefault("wijk", []).append(
                f"Het punt ligt in {buurt.weergavenaam} (wijk {wijk.weergavenaam}, {wijk.code}), "
                f"niet in de gekozen wijk {wijk_code}. Laat de wijk leeg of verplaats het punt."
            )
            return None
        return Plaats(wijk, buurt, grenzen.jaar, lon, lat)
    if not wijk_code:
        fouten.setdefault("locatie", []).append(
            "Kies een punt op de kaart (of vul lengte- en breedtegraad in), of kies de wijk als het signaal "
            "over de hele wijk gaat. Een adres alleen is niet genoeg om het signaal in te delen."
        )
        return None
    wijk = Gebied.objects.filter(code=wijk_code, niveau=codes.WIJK, ouder__code=settings.GEMEENTE_CODE).first()
    if wijk is None:
        fouten.setdefault("wijk", []).append(f"'{wijk_code}' is geen wijk van de gemeente Hengelo.")
        return None
    return Plaats(wijk, None, None)


# --- logging a signal ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Melding:
    """A validated new signal, not yet written (`signaal` has no pk), and the signal it duplicates."""

    signaal: Signaal
    duplicaat_van: Signaal | None


def melding_controleren(
    *,
    door,
    omschrijving: str,
    categorie: Categorie,
    bron: str,
    datum_voorval: date,
    aantal_bewoners: int = 1,
    adres: str = "",
    lon: float | None = None,
    lat: float | None = None,
    wijk_code: str = "",
    melder_naam: str = "",
    melder_telefoon: str = "",
    melder_email: str = "",
    duplicaat_van: Signaal | None = None,
    synthetisch: bool = False,
    nu: datetime | None = None,
) -> Melding:
    """Validate a new signal without writing: its place (and the user's portfolio there) and the row's own
    rules (`full_clean`), every problem at once, as a ValidationError per field."""
    toegang = toegang_van(door)
    if not mag_signalen_melden(toegang):
        raise PermissionDenied("Alleen stadsdeelregisseurs (en beheerders) kunnen signalen melden.")
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    fouten: dict[str, list[str]] = {}
    plaats = plaats_bepalen(lon=lon, lat=lat, wijk_code=wijk_code, fouten=fouten, jaar=vandaag.year)
    if plaats is not None and not mag_signalen_behandelen(toegang, plaats.wijk.id):
        fouten.setdefault("locatie", []).append(
            f"{plaats.wijk.weergavenaam} valt niet in uw portefeuille: alleen de stadsdeelregisseur van die wijk "
            "kan er signalen melden. Geef het signaal aan hem of haar door."
        )
    signaal = Signaal(
        omschrijving=omschrijving,
        categorie=categorie,
        bron=bron,
        aantal_bewoners=aantal_bewoners,
        datum_voorval=datum_voorval,
        adres=adres,
        streefdatum=werkdagen_later(vandaag, categorie.afhandeltermijn),
        gemeld_op=nu,
        gemeld_door=door,
        melder_naam=melder_naam,
        melder_telefoon=melder_telefoon,
        melder_email=melder_email,
        synthetisch=bool(synthetisch),
    )
    if plaats is not None:
        signaal.lon, signaal.lat, signaal.grens_jaar = plaats.lon, plaats.lat, plaats.grens_jaar
        signaal.wijk, signaal.buurt = plaats.wijk, plaats.buurt
    _schoon(signaal, fouten)
    if fouten:
        raise ValidationError(fouten)
    return Melding(signaal, duplicaat_van)


@transaction.atomic
def signaal_melden(*, door, nu: datetime | None = None, **velden) -> Signaal:
    """Log a new signal (fields: see `melding_controleren`). Validates everything (nothing is written on
    any error), places it in its buurt and wijk, sets the due date from the category's term in working
    days, writes the first history row and, when asked, links it as a duplicate."""
    nu = nu or timezone.now()
    m = melding_controleren(door=door, nu=nu, **velden)
    signaal = m.signaal
    signaal.save(force_insert=True)
    _historie(
        signaal,
        Historie.Soort.STATUS,
        door,
        naar=Status.GEMELD,
        notitie=f"Gemeld ({Bron(signaal.bron).label.lower()})",
        nu=nu,
    )
    if m.duplicaat_van is not None:
        _koppel(signaal, Signaal.objects.select_for_update().get(pk=m.duplicaat_van.pk), door=door, notitie="", nu=nu)
    return signaal


# --- workflow -----------------------------------------------------------------------------------------


@transaction.atomic
def status_wijzigen(
    *, signaal_id: int, naar: str, door, notitie: str = "", versie: int | None = None, nu=None
) -> Signaal:
    """Move a signal to another status along the workflow table (signalen.workflow.OVERGANGEN)."""
    signaal = _vergrendel(signaal_id)
    _toegang_behandelen(door, signaal)
    _controleer_versie(signaal, versie)
    fout = overgang_fout(signaal.status, naar)
    if fout:
        raise ValidationError({"naar": [fout]})
    fouten: dict[str, list[str]] = {}
    notitie = notitie.strip()
    if naar in NOTITIE_VERPLICHT and not notitie:
        fouten["notitie"] = [
            f"Een notitie is verplicht bij '{Status(naar).label}': schrijf kort waarom (wat is er gedaan of "
            "waarom het signaal weer open gaat)."
        ]
    _zonder_melder(signaal, notitie, "notitie", fouten, label="De notitie")
    if naar == Status.AFGEHANDELD:
        open_bij = list(signaal.escalaties.filter(status__in=ESCALATIE_OPEN).values_list("partner__naam", flat=True))
        if open_bij:
            fouten.setdefault("naar", []).append(
                "Er lopen nog escalaties bij " + ", ".join(open_bij) + ": rond die eerst af (of laat de partner "
                "dat doen) voordat het signaal wordt afgehandeld."
            )
    if fouten:
        raise ValidationError(fouten)
    nu = nu or timezone.now()
    van = signaal.status
    signaal.status = naar
    signaal.versie += 1
    signaal.afgesloten_op = nu if naar in GESLOTEN else None
    _bijwerken(signaal, ["status", "versie", "afgesloten_op"])
    _historie(signaal, Historie.Soort.STATUS, door, van=van, naar=naar, notitie=notitie, nu=nu)
    return signaal


# --- escalations --------------------------------------------------------------------------------------


def _partners(signaal: Signaal, partner_ids: Sequence[int], fouten: dict) -> dict[int, Organisatie]:
    """The organisations asked, in order and once each, when they exist, take signals and have no open
    escalation of this signal yet."""
    ids = list(dict.fromkeys(partner_ids))
    if not ids:
        fouten.setdefault("partners", []).append("Kies minstens één partner.")
    gevonden = Organisatie.objects.in_bulk(ids)
    for pk in ids:
        org = gevonden.get(pk)
        if org is None:
            fouten.setdefault("partners", []).append(f"Er is geen organisatie met nummer {pk}.")
        elif org.soort not in (Organisatie.Soort.PARTNER, Organisatie.Soort.GEMEENTE):
            fouten.setdefault("partners", []).append(f"{org.naam} pakt geen signalen op; kies een partner.")
    al_open = set(
        signaal.escalaties.filter(status__in=ESCALATIE_OPEN, partner_id__in=ids).values_list("partner__naam", flat=True)
    )
    if al_open:
        fouten.setdefault("partners", []).append(
            f"Er loopt al een escalatie bij {', '.join(sorted(al_open))}; werk die bij in plaats van een nieuwe."
        )
    return {pk: gevonden[pk] for pk in ids if pk in gevonden}


@transaction.atomic
def escaleren(
    *,
    signaal_id: int,
    partner_ids: Sequence[int],
    gevraagde_actie: str,
    door,
    werkdagen: int | None = None,
    versie: int | None = None,
    nu=None,
) -> list[Escalatie]:
    """Pass a signal to one or more partners at once: one escalation each, due in working days on the
    Dutch holiday calendar (default: the category's term). The signal moves to 'doorgezet' when it was not
    already."""
    signaal = _vergrendel(signaal_id)
    _toegang_behandelen(door, signaal)
    _controleer_versie(signaal, versie)
    nu = nu or timezone.now()
    if signaal.status in GESLOTEN:
        raise ValidationError(
            {NON_FIELD_ERRORS: [f"Het signaal is {signaal.get_status_display().lower()}: heropen het eerst."]}
        )
    fouten: dict[str, list[str]] = {}
    partners = _partners(signaal, partner_ids, fouten)
    gevraagde_actie = gevraagde_actie.strip()
    _zonder_melder(signaal, gevraagde_actie, "gevraagde_actie", fouten, label="De gevraagde actie")
    termijn = signaal.categorie.afhandeltermijn if werkdagen is None else werkdagen
    vandaag = timezone.localdate(nu)
    # An impossible term is reported by the row's full_clean below; the due date must not fail first.
    streefdatum = werkdagen_later(vandaag, termijn) if 1 <= termijn <= MAX_WERKDAGEN else vandaag
    nieuw = [
        Escalatie(
            signaal=signaal,
            partner=org,
            gevraagde_actie=gevraagde_actie,
            werkdagen=termijn,
            streefdatum=streefdatum,
            aangemaakt_op=nu,
            aangemaakt_door=door,
        )
        for org in partners.values()
    ]
    for esc in nieuw[:1]:  # the rows differ only in their partner: one check reports every problem once
        _schoon(esc, fouten)
    if fouten:
        raise ValidationError(fouten)

    for esc in nieuw:
        _schoon(esc)
        esc.save(force_insert=True)
        _historie(
            signaal,
            Historie.Soort.ESCALATIE,
            door,
            naar=EscalatieStatus.VERSTUURD,
            notitie=f"Naar {esc.partner.naam}, uiterlijk {streefdatum:%d-%m-%Y} ({termijn} werkdagen): "
            f"{gevraagde_actie}",
            escalatie=esc,
            nu=nu,
        )
    van = signaal.status
    velden = ["versie"]
    if van != Status.DOORGEZET:
        signaal.status = Status.DOORGEZET
        velden.append("status")
        _historie(
            signaal,
            Historie.Soort.STATUS,
            door,
            van=van,
            naar=Status.DOORGEZET,
            notitie="Doorgezet naar " + ", ".join(org.naam for org in partners.values()),
            nu=nu,
        )
    signaal.versie += 1
    _bijwerken(signaal, velden)
    return nieuw


@transaction.atomic
def escalatie_bijwerken(
    *,
    escalatie_id: int,
    door,
    status: str | None = None,
    referentie: str | None = None,
    notitie: str = "",
    versie: int | None = None,
    nu=None,
) -> Escalatie:
    """The partner (or the signal's handler) records progress: status and/or the partner's own reference
    (None: unchanged)."""
    esc = (
        Escalatie.objects.select_for_update(of=("self",))
        .select_related("signaal", "partner")
        .filter(pk=escalatie_id)
        .first()
    )
    if esc is None:
        raise ValidationError({NON_FIELD_ERRORS: [f"Er is geen escalatie met nummer {escalatie_id}."]})
    if not mag_escalatie_bijwerken(toegang_van(door), esc.partner_id, esc.signaal.wijk_id):
        raise PermissionDenied(
            "Alleen de partner van deze escalatie of de behandelaar van het signaal kan haar bijwerken."
        )
    _controleer_versie(esc, versie, wat="deze escalatie")
    fouten: dict[str, list[str]] = {}
    if not esc.is_open:
        raise ValidationError(
            {NON_FIELD_ERRORS: [f"Deze escalatie is {esc.get_status_display().lower()} en kan niet meer wijzigen."]}
        )
    nieuwe_status = status or esc.status
    if nieuwe_status != esc.status:
        fout = escalatie_overgang_fout(esc.status, nieuwe_status)
        if fout:
            fouten.setdefault("status", []).append(fout)
    notitie = notitie.strip()
    _zonder_melder(esc.signaal, notitie, "notitie", fouten, label="De notitie")
    if nieuwe_status in ESCALATIE_NOTITIE_VERPLICHT and nieuwe_status != esc.status and not notitie:
        fouten.setdefault("notitie", []).append("Schrijf kort waarom de escalatie wordt afgewezen.")
    nieuwe_referentie = esc.referentie_partner
    if referentie is not None:
        nieuwe_referentie = referentie.strip()
        _zonder_melder(esc.signaal, nieuwe_referentie, "referentie", fouten, label="De referentie")
    if not fouten and nieuwe_status == esc.status and nieuwe_referentie == esc.referentie_partner and not notitie:
        fouten.setdefault(NON_FIELD_ERRORS, []).append(
            "Er is niets gewijzigd: kies een nieuwe status, vul een referentie of notitie in."
        )
    if fouten:
        raise ValidationError(fouten)
    nu = nu or timezone.now()
    van = esc.status
    regels = []
    if nieuwe_referentie != esc.referentie_partner:
        regels.append(f"Referentie partner: {nieuwe_referentie or '(leeg)'}")
    if notitie:
        regels.append(notitie)
    esc.status = nieuwe_status
    esc.referentie_partner = nieuwe_referentie
    esc.versie += 1
    if nieuwe_status not in ESCALATIE_OPEN:
        esc.afgerond_op = nu
    _bijwerken(esc, ["status", "referentie_partner", "versie", "afgerond_op"])
    _historie(
        esc.signaal,
        Historie.Soort.ESCALATIE,
        door,
        van=van,
        naar=nieuwe_status,
        notitie="\n".join(regels),
        escalatie=esc,
        nu=nu,
    )
    return esc


# --- duplicates -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestie:
    signaal: Signaal
    afstand_m: float | None
    reden: str


def duplicaat_suggesties(
    *,
    categorie: Categorie,
    lon: float | None = None,
    lat: float | None = None,
    buurt_id: int | None = None,
    uitsluiten=(),
    nu=None,
    straal_m: float = DUPLICAAT_STRAAL_M,
    dagen: int = DUPLICAAT_DAGEN,
    maximum: int = 10,
) -> list[Suggestie]:
    """Open signals of the same main category, logged in the last `dagen` days, within `straal_m` metres
    (haversine) or in the same buurt; nearest first. Only the first signal of a duplicate group is offered.
    One query (a lon/lat box pre-filters in SQL, haversine decides)."""
    nu = nu or timezone.now()
    hoofd = categorie.hoofdcategorie_id or categorie.id
    plek = Q()
    if lon is not None and lat is not None:
        minlon, minlat, maxlon, maxlat = omhullend_vak(lon, lat, straal_m)
        plek |= Q(lon__range=(minlon, maxlon), lat__range=(minlat, maxlat))
    if buurt_id is not None:
        plek |= Q(buurt_id=buurt_id)
    if not plek:
        return []
    kandidaten = (
        Signaal.objects.filter(plek)
        .filter(
            Q(categorie_id=hoofd) | Q(categorie__hoofdcategorie_id=hoofd),
            status__in=OPEN,
            duplicaat_van__isnull=True,
            gemeld_op__gte=nu - timedelta(days=dagen),
        )
        .exclude(pk__in=[u for u in uitsluiten if u is not None])
        .select_related("categorie", "categorie__hoofdcategorie", "buurt", "wijk")
        .order_by("-gemeld_op")[:200]
    )
    uit = []
    for s in kandidaten:
        afstand = (
            afstand_m(lon, lat, s.lon, s.lat)
            if (lon is not None and lat is not None and s.lon is not None and s.lat is not None)
            else None
        )
        if afstand is not None and afstand <= straal_m:
            uit.append(Suggestie(s, afstand, f"op {afstand:.0f} m"))
        elif buurt_id is not None and s.buurt_id == buurt_id:
            uit.append(Suggestie(s, afstand, "in dezelfde buurt"))
    uit.sort(key=lambda x: (x.afstand_m is None, x.afstand_m or 0, -x.signaal.gemeld_op.timestamp()))
    return uit[:maximum]


def _koppel(signaal: Signaal, hoofd: Signaal, *, door, notitie: str, nu) -> None:
    """Link (both rows locked by the caller). Groups stay flat: hoofd is the group's first signal."""
    if hoofd.duplicaat_van_id:
        hoofd = Signaal.objects.select_for_update().get(pk=hoofd.duplicaat_van_id)
    # Linking writes history on the group's first signal too: it must be one the user handles as well.
    if not mag_signalen_behandelen(toegang_van(door), hoofd.wijk_id):
        raise ValidationError(
            {
                "duplicaat_van": [
                    f"Signaal #{hoofd.pk} ligt buiten uw portefeuille: u kunt alleen koppelen aan signalen die u "
                    "zelf behandelt."
                ]
            }
        )
    if hoofd.pk == signaal.pk:
        raise ValidationError({"duplicaat_van": ["Een signaal kan geen duplicaat van zichzelf zijn."]})
    if signaal.duplicaat_van_id == hoofd.pk:
        raise ValidationError({"duplicaat_van": [f"Signaal #{signaal.pk} is al een duplicaat van #{hoofd.pk}."]})
    verplaatst = list(Signaal.objects.select_for_update().filter(duplicaat_van=signaal).values_list("pk", flat=True))
    if verplaatst:
        Signaal.objects.filter(pk__in=verplaatst).update(duplicaat_van=hoofd, versie=F("versie") + 1)
    signaal.duplicaat_van = hoofd
    signaal.versie += 1
    _bijwerken(signaal, ["duplicaat_van", "versie"])
    extra = f" (met zijn duplicaten {', '.join(f'#{p}' for p in verplaatst)})" if verplaatst else ""
    tekst = f"Gekoppeld als duplicaat van #{hoofd.pk}{extra}." + (f" {notitie}" if notitie else "")
    _historie(signaal, Historie.Soort.DUPLICAAT, door, notitie=tekst, nu=nu)
    _historie(
        hoofd,
        Historie.Soort.DUPLICAAT,
        door,
        notitie=f"#{signaal.pk}{extra} gekoppeld als duplicaat van dit signaal.",
        nu=nu,
    )


@transaction.atomic
def als_duplicaat_koppelen(
    *, signaal_id: int, hoofd_id: int, door, notitie: str = "", versie: int | None = None, nu=None
) -> Signaal:
    """Mark a signal as a duplicate of another: counted once, raised by the residents of both."""
    # Lock both rows in id order: two people linking the same pair the other way round cannot deadlock.
    rijen = {
        s.pk: s
        for s in Signaal.objects.select_for_update().filter(pk__in=sorted({signaal_id, hoofd_id})).order_by("pk")
    }
    signaal = rijen.get(signaal_id)
    if signaal is None:
        raise ValidationError({NON_FIELD_ERRORS: [f"Er is geen signaal met nummer {signaal_id}."]})
    if hoofd_id not in rijen:
        raise ValidationError({"duplicaat_van": [f"Er is geen signaal met nummer {hoofd_id}."]})
    _toegang_behandelen(door, signaal)
    _controleer_versie(signaal, versie)
    fouten: dict[str, list[str]] = {}
    notitie = notitie.strip()
    _zonder_melder(signaal, notitie, "notitie", fouten, label="De notitie")
    if fouten:
        raise ValidationError(fouten)
    _koppel(signaal, rijen[hoofd_id], door=door, notitie=notitie, nu=nu or timezone.now())
    return signaal


@transaction.atomic
def duplicaat_ontkoppelen(
    *, signaal_id: int, door, notitie: str = "", versie: int | None = None, nu=None
) -> Signaal:
    signaal = _vergrendel(signaal_id)
    _toegang_behandelen(door, signaal)
    _controleer_versie(signaal, versie)
    if signaal.duplicaat_van_id is None:
        raise ValidationError({NON_FIELD_ERRORS: [f"Signaal #{signaal.pk} is geen duplicaat."]})
    fouten: dict[str, list[str]] = {}
    notitie = notitie.strip()
    _zonder_melder(signaal, notitie, "notitie", fouten, label="De notitie")
    if fouten:
        raise ValidationError(fouten)
    nu = nu or timezone.now()
    hoofd = Signaal.objects.select_for_update().get(pk=signaal.duplicaat_van_id)
    signaal.duplicaat_van = None
    signaal.versie += 1
    _bijwerken(signaal, ["duplicaat_van", "versie"])
    tekst = f"Ontkoppeld van #{hoofd.pk}: telt weer als eigen signaal." + (f" {notitie}" if notitie else "")
    _historie(signaal, Historie.Soort.DUPLICAAT, door, notitie=tekst, nu=nu)
    _historie(hoofd, Historie.Soort.DUPLICAAT, door, notitie=f"#{signaal.pk} is geen duplicaat meer.", nu=nu)
    return signaal


# --- privacy ------------------------------------------------------------------------------------------------


VERWIJDERD = "(verwijderd)"


def _patroon_persoonsgegevens(naam: str, telefoon: str, email: str) -> re.Pattern | None:
    """A pattern for a reporter's name, phone number and e-mail address as they may appear in free text: the
    name with any white space, the phone number with any separators (and 06 also as +31 6 / 0031 6)."""
    delen = []
    if len(naam.strip()) >= 2:
        delen.append(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in naam.split()) + r"(?!\w)")
    cijfers = re.sub(r"\D", "", telefoon)
    if len(cijfers) >= 6:
        scheiding = r"[\s\-().]*"
        varianten = {cijfers}
        if cijfers.startswith("0") and not cijfers.startswith("00"):
            varianten |= {"31" + cijfers[1:], "0031" + cijfers[1:]}
        for v in sorted(varianten, key=len, reverse=True):
            delen.append(r"\+?" + scheiding.join(v) if v.startswith("31") else scheiding.join(v))
    if email.strip():
        delen.append(re.escape(email.strip()))
    return re.compile("|".join(f"(?:{d})" for d in delen), re.IGNORECASE) if delen else None


def _te_anonimiseren(grens):
    """Signals whose reporter data is due: closed before `grens`; a duplicate whose group's first signal was
    closed before it (a duplicate is not closed on its own); or still open but logged before it."""
    return (
        Signaal.objects.filter(
            Q(status__in=GESLOTEN, afgesloten_op__lte=grens)
            | Q(duplicaat_van__status__in=GESLOTEN, duplicaat_van__afgesloten_op__lte=grens)
            | Q(status__in=OPEN, gemeld_op__lte=grens)
        )
        .exclude(melder_naam="", melder_telefoon="", melder_email="")
        .order_by("pk")
    )


@transaction.atomic
def persoonsgegevens_verwijderen(*, maanden: int | None = None, nu=None) -> int:
    """Blank the reporter's name and contact details of signals past the retention term (`maanden`, default
    settings.SIGNALEN_BEWAARTERMIJN_MAANDEN, 12): closed more than that long ago, duplicates of a signal
    closed that long ago, and open signals logged that long ago. The same name, phone number and e-mail
    address are redacted wherever they were written down: the description and address, the escalations'
    requested action and reference, the history notes, and the audit log's paths and parameters. Each signal
    gets a history row saying what was removed. Returns the number of signals."""
    if maanden is None:
        maanden = getattr(settings, "SIGNALEN_BEWAARTERMIJN_MAANDEN", 12)
    if isinstance(maanden, bool) or not isinstance(maanden, int) or maanden < 0:
        raise ValidationError({"maanden": ["De bewaartermijn is een geheel aantal maanden (0 of meer)."]})
    nu = nu or timezone.now()
    grens = perioden.maanden_terug(nu, maanden)
    signalen = list(_te_anonimiseren(grens).select_for_update(of=("self",)))
    if not signalen:
        return 0
    escalaties: dict[int, list[Escalatie]] = {}
    for e in Escalatie.objects.select_for_update().filter(signaal__in=signalen).order_by("pk"):
        escalaties.setdefault(e.signaal_id, []).append(e)
    notities: dict[int, list[Historie]] = {}
    for h in Historie.objects.filter(signaal__in=signalen).exclude(notitie="").only("pk", "signaal_id", "notitie"):
        notities.setdefault(h.signaal_id, []).append(h)

    nieuwe_historie, gewijzigde_escalaties = [], []
    for s in signalen:
        patroon = _patroon_persoonsgegevens(s.melder_naam, s.melder_telefoon, s.melder_email)
        geteld = {"de omschrijving of het adres": 0, "gevraagde acties": 0, "historieregels": 0, "auditregels": 0}
        if patroon is not None:
            omschrijving, adres = patroon.sub(VERWIJDERD, s.omschrijving), patroon.sub(VERWIJDERD, s.adres)
            if (omschrijving, adres) != (s.omschrijving, s.adres):
                s.omschrijving, s.adres = omschrijving, adres[:200]
                geteld["de omschrijving of het adres"] = 1
            for e in escalaties.get(s.pk, []):
                actie = patroon.sub(VERWIJDERD, e.gevraagde_actie)
                referentie = patroon.sub(VERWIJDERD, e.referentie_partner)
                if (actie, referentie) != (e.gevraagde_actie, e.referentie_partner):
                    e.gevraagde_actie, e.referentie_partner = actie[:1000], referentie[:100]
                    gewijzigde_escalaties.append(e)
                    geteld["gevraagde acties"] += 1
            for h in notities.get(s.pk, []):
                notitie = patroon.sub(VERWIJDERD, h.notitie)
                if notitie != h.notitie:
                    Historie.objects.notitie_redigeren(h.pk, notitie)
                    geteld["historieregels"] += 1
        geteld["auditregels"] = audit_persoonsgegevens_verwijderen(
            teksten=[s.melder_naam, s.melder_telefoon, re.sub(r"\D", "", s.melder_telefoon), s.melder_email]
        )
        s.melder_naam = s.melder_telefoon = s.melder_email = ""
        s.geanonimiseerd_op = nu
        ook = [f"{n} {wat}" if wat != "de omschrijving of het adres" else wat for wat, n in geteld.items() if n]
        nieuwe_historie.append(
            Historie(
                signaal_id=s.pk,
                soort=Historie.Soort.ANONIMISERING,
                tijdstip=nu,
                door=None,
                door_naam=SYSTEEM,
                notitie=(
                    f"Naam en contactgegevens van de melder verwijderd: bewaartermijn van {maanden} maanden "
                    f"verstreken (uitgevoerd op {timezone.localtime(nu):%d-%m-%Y})."
                    + (f" Ook weggehaald uit {', '.join(ook)}." if ook else "")
                ),
            )
        )
    Signaal.objects.bulk_update(
        signalen, ["melder_naam", "melder_telefoon", "melder_email", "geanonimiseerd_op", "omschrijving", "adres"]
    )
    Escalatie.objects.bulk_update(gewijzigde_escalaties, ["gevraagde_actie", "referentie_partner"])
    Historie.objects.bulk_create(nieuwe_historie)
    return len(signalen)


# --- dashboards ------------------------------------------------------------------------------------------------

DATASET = "signalen"
DOMEIN = "signalen"
BRON_INDICATOR = "Signalen (Wijkportaal Hengelo)"
# On the first screen of every wijk (default kernset, set when first published; a wijk's own choice still
# wins): the last complete month's count and the rolling 12-month rate.
KERNSET = ["Signalen12mPer1000", "Signalen"]


def telbare_signalen(*, met_synthetisch: bool):
    """The signals that count: not cancelled, not a duplicate (a group counts once)."""
    qs = Signaal.objects.filter(duplicaat_van__isnull=True).exclude(status=Status.GEANNULEERD)
    if not met_synthetisch:
        qs = qs.filter(synthetisch=False)
    return qs


def signaaltellingen(*, met_synthetisch: bool):
    """The rows every signal count sums `aantal` over: the monthly aggregate (MaandTelling, kept by a
    trigger on PostgreSQL) with fields wijk, buurt, categorie, bron, maand (first day) and synthetisch.

    Elsewhere (SQLite for a first run, which has no trigger) the same fields come from counting the
    signals themselves (`telbare_signalen`, one per row), so every reader works on both."""
    if connection.vendor == "postgresql":
        qs = MaandTelling.objects.all()
    else:
        qs = telbare_signalen(met_synthetisch=True).annotate(
            maand=TruncMonth("datum_voorval"), aantal=Value(1, output_field=IntegerField())
        )
    return qs if met_synthetisch else qs.filter(synthetisch=False)


def aantallen_per_wijk_per_maand(qs=None):
    """Signals per wijk per month (duplicates once): the aggregation behind the dashboards (1 query).

    Rows: (wijk_id, first day of the month, count). Without `qs`, from the monthly aggregate."""
    if qs is None:
        return list(
            signaaltellingen(met_synthetisch=True).values_list("wijk_id", "maand").annotate(n=Sum("aantal")).order_by()
        )
    return list(
        qs.annotate(maand=TruncMonth("datum_voorval"))
        .values_list("wijk_id", "maand")
        .annotate(n=Count("id"))
        .order_by()
    )


def aantallen_per_gebied(
    qs, *, niveau: str, maand_van: str | None = None, maand_tot: str | None = None, categorieen=None
) -> list[dict]:
    """Counts per gemeente, wijk or buurt, month of the event and main category, with how many of them are
    synthetic: one grouped query over `qs` (normally `signaaltellingen`: the monthly aggregate, filtered
    like the signals by wijk/buurt). Months are 'YYYY-MM'."""
    veld = {codes.GEMEENTE: "wijk__ouder__code", codes.WIJK: "wijk__code", codes.BUURT: "buurt__code"}[niveau]
    if niveau == codes.BUURT:
        qs = qs.filter(buurt__isnull=False)
    if maand_van:
        qs = qs.filter(maand__gte=perioden.maand_begin(maand_van))
    if maand_tot:
        qs = qs.filter(maand__lt=perioden.maand_begin(perioden.maand_verschuif(maand_tot, 1)))
    qs = qs.annotate(hoofd=Coalesce("categorie__hoofdcategorie__code", "categorie__code"))
    if categorieen:
        qs = qs.filter(hoofd__in=list(categorieen))
    rijen = (
        qs.values_list(veld, "maand", "hoofd")
        .annotate(n=Sum("aantal"), s=Coalesce(Sum("aantal", filter=Q(synthetisch=True)), 0))
        .order_by(veld, "maand", "hoofd")
    )
    return [
        {"gebied": code, "maand": perioden.maand_van(maand), "categorie": hoofd, "aantal": n, "synthetisch": s}
        for code, maand, hoofd, n, s in rijen
    ]


def tellingen(*, niveau: str, met_synthetisch: bool) -> list[cijfers.Signaaltelling]:
    """Per wijk or buurt, month, main category and source: the number of signals (1 query)."""
    veld = "wijk_id" if niveau == codes.WIJK else "buurt_id"
    qs = signaaltellingen(met_synthetisch=met_synthetisch)
    if niveau == codes.BUURT:
        qs = qs.filter(buurt__isnull=False)
    rijen = (
        qs.annotate(hoofd=Coalesce("categorie__hoofdcategorie__code", "categorie__code"))
        .values_list(veld, "maand", "hoofd", "bron")
        .annotate(n=Sum("aantal"))
        .order_by()
    )
    return [
        cijfers.Signaaltelling(gebied_id, perioden.maand_van(maand), hoofd, brongroep_van(bron), n)
        for gebied_id, maand, hoofd, bron, n in rijen
    ]


def _inwoners(gebied_ids) -> dict[int, dict[int, float | None]]:
    """CBS AantalInwoners per gebied per year (read only; indicatoren owns the table)."""
    from indicatoren.models import Waarde

    uit: dict[int, dict[int, float | None]] = {}
    for gebied_id, periode, waarde in Waarde.objects.filter(
        indicator__code="AantalInwoners", gebied_id__in=gebied_ids, periode__regex=r"^[0-9]{4}$"
    ).values_list("gebied_id", "periode", "waarde"):
        uit.setdefault(gebied_id, {})[int(periode)] = waarde
    return uit


@dataclass(frozen=True)
class Publicatie:
    signalen: int
    indicatoren: int
    waarden: int
    nieuw: int
    gewijzigd: int
    verwijderd: int
    met_synthetisch: bool


def signalen_publiceren(*, met_synthetisch: bool = False, nu=None) -> Publicatie:
    """Count the signals per gebied (gemeente, wijken, buurten) per month, by category and source group,
    as counts and per 1,000 inhabitants, and publish them as indicators of the dataset 'signalen'
    through the indicatoren service (the values of these indicators are replaced as a whole)."""
    from indicatoren.services import indicator_opslaan, kernset_standaard_zetten, waarden_vervangen

    nu = nu or timezone.now()
    gemeente = Gebied.objects.get(code=settings.GEMEENTE_CODE)
    gebieden = {
        g.id: g.weergavenaam
        for g in Gebied.objects.filter(
            Q(pk=gemeente.pk) | Q(niveau=codes.WIJK, ouder=gemeente) | Q(niveau=codes.BUURT, ouder__ouder=gemeente)
        ).order_by("code")
    }
    per_wijk = tellingen(niveau=codes.WIJK, met_synthetisch=met_synthetisch)
    per_buurt = tellingen(niveau=codes.BUURT, met_synthetisch=met_synthetisch)
    alle = per_wijk + per_buurt + [t._replace(gebied_id=gemeente.pk) for t in per_wijk]
    alle = [t for t in alle if t.gebied_id in gebieden]
    hoofdcategorieen = list(
        Categorie.objects.filter(hoofdcategorie__isnull=True).order_by("volgorde", "naam").values_list("code", "naam")
    )
    defs = cijfers.definities(hoofdcategorieen)
    lopend = perioden.maand_van(timezone.localdate(nu))
    maanden = perioden.maanden_tussen(min(t.maand for t in alle), lopend) if alle else []
    inwoners = _inwoners(gebieden)
    rijen = cijfers.indicatorrijen(
        alle, gebieden=gebieden, inwoners=inwoners, maanden=maanden, defs=defs, lopende_maand=lopend
    )
    # The rolling 12-month rates headline profiles, maps and kernset (one month is noisy, the running one
    # incomplete): published next to the monthly figures, in the same replacement.
    rollend = cijfers.rollende_definities(defs)
    rijen += cijfers.rollende_rijen(
        alle, gebieden=gebieden, inwoners=inwoners, maanden=maanden, defs=rollend, lopende_maand=lopend
    )
    bron = BRON_INDICATOR + (" — inclusief synthetische demo-signalen" if met_synthetisch else "")
    alle_defs = [(d, None) for d in defs] + [(d, cijfers.VENSTER) for d in rollend]
    with transaction.atomic():
        for volgorde, (d, venster) in enumerate(alle_defs, start=1):
            indicator, stand = indicator_opslaan(
                code=d.code,
                velden={
                    "naam": d.naam,
                    "eenheid": "per 1.000 inwoners" if d.per_duizend else "signalen",
                    "decimalen": 2 if d.per_duizend else 0,
                    "definitie": d.definitie,
                    "bron": bron[:300],
                    "polariteit": "neutraal",
                    "absoluut": not d.per_duizend,
                    "soort": "basis",
                    "volgorde": (8000 if venster else 9000) + volgorde,
                    "venster": venster,
                },
                domein_code=DOMEIN,
                dataset_code=DATASET,
            )
            # Into the default kernset when first published; a beheerder's later choice is left alone.
            if d.code in KERNSET and stand == "nieuw":
                kernset_standaard_zetten(indicator, True, volgorde=KERNSET.index(d.code))
        resultaat = waarden_vervangen(indicator_codes=[d.code for d, _ in alle_defs], rijen=rijen, bron=bron)
    return Publicatie(
        signalen=sum(t.aantal for t in per_wijk),
        indicatoren=len(alle_defs),
        waarden=len(rijen),
        nieuw=resultaat.nieuw,
        gewijzigd=resultaat.gewijzigd,
        verwijderd=resultaat.verwijderd,
        met_synthetisch=met_synthetisch,
    )


# --- hotspots --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hotspot:
    buurt: Gebied
    categorie: Categorie
    maand: str
    beoordeling: cijfers.Beoordeling
    reeks: list[int]
    synthetisch: int  # how many of the judged month's signals are synthetic demo data (shown as such)


def hotspots_berekenen(*, maand: str, min_aantal: int = 5, sd_factor: float = 2.0) -> list[Hotspot]:
    """Buurten where a main category's count in `maand` is clearly above its own 12-month baseline.

    Queries: the counts per buurt, main category and month over 13 months (1), buurten and categories (2)."""
    eerste = perioden.maand_verschuif(maand, -12)
    maanden = perioden.maanden_tussen(eerste, maand)
    van = date(int(eerste[:4]), int(eerste[5:7]), 1)
    volgende = perioden.maand_verschuif(maand, 1)
    tot = date(int(volgende[:4]), int(volgende[5:7]), 1)
    rijen = (
        telbare_signalen(met_synthetisch=True)
        .filter(buurt__isnull=False, datum_voorval__gte=van, datum_voorval__lt=tot)
        .annotate(maand=TruncMonth("datum_voorval"), hoofd=Coalesce("categorie__hoofdcategorie_id", "categorie_id"))
        .values_list("buurt_id", "hoofd", "maand", "synthetisch")
        .annotate(n=Count("id"))
        .order_by()
    )
    index = {m: i for i, m in enumerate(maanden)}
    reeksen: dict[tuple[int, int], list[int]] = {}
    synthetisch: dict[tuple[int, int], int] = {}
    for buurt_id, hoofd, m, is_synthetisch, n in rijen:
        deze_maand = perioden.maand_van(m)
        reeksen.setdefault((buurt_id, hoofd), [0] * len(maanden))[index[deze_maand]] += n
        if is_synthetisch and deze_maand == maand:
            synthetisch[(buurt_id, hoofd)] = synthetisch.get((buurt_id, hoofd), 0) + n
    gevonden = cijfers.hotspots(reeksen, min_aantal=min_aantal, sd_factor=sd_factor)
    if not gevonden:
        return []
    buurten = Gebied.objects.select_related("ouder").in_bulk({k[0] for k, _ in gevonden})
    categorieen = Categorie.objects.in_bulk({k[1] for k, _ in gevonden})
    return [
        Hotspot(buurten[b], categorieen[c], maand, beoordeling, reeksen[(b, c)], synthetisch.get((b, c), 0))
        for (b, c), beoordeling in gevonden
    ]
