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

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from toegang.models import Organisatie
from toegang.regels import toegang_van

from .anonimiseren import SYSTEEM, patroon_persoonsgegevens
from .geo import plaats_bepalen
from .models import (
    ESCALATIE_OPEN,
    GESLOTEN,
    MAX_BEWONERS,
    MAX_WERKDAGEN,
    NOTITIE_MAX,
    Bron,
    Categorie,
    Escalatie,
    EscalatieStatus,
    Historie,
    Signaal,
    Status,
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
    patroon = patroon_persoonsgegevens(signaal.melder_naam, signaal.melder_telefoon, signaal.melder_email)
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


def na_schrijven() -> None:
    """After a committed write of signals: the hooks named in settings.SIGNALEN_NA_SCHRIJVEN (dotted paths,
    so this app does not import the apps above it), e.g. publishing the counts again and the immediate
    notifications, each scheduling its own background job."""
    for pad in getattr(settings, "SIGNALEN_NA_SCHRIJVEN", ()):
        import_string(pad)()


def _historie(signaal, soort, door, *, van="", naar="", notitie="", escalatie=None, nu=None) -> Historie:
    # Every write of a signal writes a history row: one place to hear of all of them.
    transaction.on_commit(na_schrijven)
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
    melder_toestemming: bool = False,
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
        melder_toestemming=bool(melder_toestemming),
        synthetisch=bool(synthetisch),
    )
    if melder_toestemming and not (melder_email or "").strip():
        fouten.setdefault("melder_toestemming", []).append(
            "De melder wil de uitkomst per e-mail horen: vul dan ook het e-mailadres in."
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
    *,
    signaal_id: int,
    naar: str,
    door,
    notitie: str = "",
    versie: int | None = None,
    nu=None,
    uitleg: str | None = None,
) -> Signaal:
    """Move a signal to another status along the workflow table (signalen.workflow.OVERGANGEN).

    Closing needs an explanation for the reporter (`uitleg`, else the note; see signalen.terugkoppeling),
    which is recorded and, when the reporter consented, mailed after the commit."""
    from . import terugkoppeling

    signaal = _vergrendel(signaal_id)
    _toegang_behandelen(door, signaal)
    _controleer_versie(signaal, versie)
    fout = overgang_fout(signaal.status, naar)
    if fout:
        raise ValidationError({"naar": [fout]})
    fouten: dict[str, list[str]] = {}
    notitie = notitie.strip()
    if naar in GESLOTEN:
        uitleg_fouten: dict[str, list[str]] = {}
        toelichting = terugkoppeling.uitleg_controleren(signaal, uitleg or notitie, uitleg_fouten)
        fouten.update(uitleg_fouten)
        if not uitleg_fouten and not notitie:
            # A valid explanation to the reporter is also the history's note of the closure, unless it names the
            # reporter (notes never hold their personal data): then a note of its own is asked for.
            patroon = patroon_persoonsgegevens(signaal.melder_naam, signaal.melder_telefoon, signaal.melder_email)
            if patroon is None or not patroon.search(toelichting):
                notitie = toelichting
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
    if naar in GESLOTEN:
        terugkoppeling.na_afsluiten(signaal, uitleg=toelichting, naar=naar, door=door, nu=nu)
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


def _doorgezet(signaal: Signaal, door, *, naar: list[str], nu) -> None:
    """After escalating: the signal is 'doorgezet' (with a history row when it was not) at a new version."""
    van = signaal.status
    velden = ["versie"]
    if van != Status.DOORGEZET:
        signaal.status = Status.DOORGEZET
        velden.append("status")
        notitie = "Doorgezet naar " + ", ".join(naar)
        _historie(signaal, Historie.Soort.STATUS, door, van=van, naar=Status.DOORGEZET, notitie=notitie, nu=nu)
    signaal.versie += 1
    _bijwerken(signaal, velden)


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
        notitie = f"Naar {esc.partner.naam}, uiterlijk {streefdatum:%d-%m-%Y} ({termijn} werkdagen): {gevraagde_actie}"
        soort, naar = Historie.Soort.ESCALATIE, EscalatieStatus.VERSTUURD
        _historie(signaal, soort, door, naar=naar, notitie=notitie, escalatie=esc, nu=nu)
    _doorgezet(signaal, door, naar=[org.naam for org in partners.values()], nu=nu)
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
def duplicaat_ontkoppelen(*, signaal_id: int, door, notitie: str = "", versie: int | None = None, nu=None) -> Signaal:
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
