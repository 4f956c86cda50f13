"""Write paths (one function per use case) and the heavier reads of the signalen app.

Every write function is keyword-only, runs in one transaction, validates everything first and
writes nothing when anything is wrong: a `ValidationError` with a Dutch message per field
(keys match the form fields; 'locatie' and '__all__' are form-wide), `PermissionDenied` when the
user may not do this, `Verouderd` when the screen the change was based on is out of date.

Concurrency: a change locks the signal row (SELECT ... FOR UPDATE) and, when the caller says which
version it saw, refuses a stale change instead of silently overwriting the other person's.
"""

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import Count, F, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.module_loading import import_string

from toegang.models import Organisatie
from toegang.regels import (
    mag_escalatie_bijwerken,
    mag_signalen_behandelen,
    mag_signalen_melden,
    toegang_van,
)
from toegang.services import audit_persoonsgegevens_verwijderen
from wijken import codes
from wijken.models import Gebied

from . import cijfers
from .geo import BuitenGemeente, afstand_m, buurtgrenzen, omhullend_vak, zoek_buurt
from .models import (
    ESCALATIE_OPEN,
    GESLOTEN,
    OMSCHRIJVING_MAX,
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
from .werkdagen import werkdagen_later
from .workflow import (
    ESCALATIE_NOTITIE_VERPLICHT,
    NOTITIE_VERPLICHT,
    escalatie_overgang_fout,
    overgang_fout,
)

NOTITIE_MAX = 5000
MAX_BEWONERS = 10_000
DUPLICAAT_STRAAL_M = 100
DUPLICAAT_DAGEN = 90
TELEFOON = re.compile(r"^[0-9+()\- ]{6,30}$")
SYSTEEM = "systeem"


class Verouderd(ValidationError):
    """The change was based on an older version of the record: someone else changed it meanwhile."""


# --- small helpers ----------------------------------------------------------------------------------


def _naam(gebruiker) -> str:
    if gebruiker is None:
        return SYSTEEM
    return (gebruiker.get_full_name() or gebruiker.get_username())[:150]


def _tekst(waarde, veld: str, fouten: dict, *, verplicht: bool, maximum: int, label: str) -> str:
    if waarde is None:
        waarde = ""
    if not isinstance(waarde, str):
        fouten.setdefault(veld, []).append(f"{label} moet tekst zijn.")
        return ""
    waarde = waarde.strip()
    if verplicht and not waarde:
        fouten.setdefault(veld, []).append(f"{label} is verplicht.")
    elif len(waarde) > maximum:
        fouten.setdefault(veld, []).append(
            f"{label} is te lang: {len(waarde)} tekens, maximaal {maximum}. Vat het samen."
        )
    return waarde


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


def _getal(waarde, veld: str, fouten: dict, *, label: str, voorbeeld: str) -> float | None:
    """A coordinate: None/'' is absent; a number or numeric text (comma or point) is read; else an error."""
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        return None
    if isinstance(waarde, bool):
        fouten.setdefault(veld, []).append(f"{label} moet een getal zijn, bijv. {voorbeeld}.")
        return None
    if isinstance(waarde, int | float):
        getal = float(waarde)
    else:
        try:
            getal = float(str(waarde).strip().replace(",", "."))
        except ValueError:
            fouten.setdefault(veld, []).append(
                f"{label} moet een getal zijn (decimale graden WGS84), bijv. {voorbeeld}; "
                f"'{str(waarde)[:40]}' is dat niet."
            )
            return None
    if not math.isfinite(getal):
        fouten.setdefault(veld, []).append(f"{label} moet een eindig getal zijn.")
        return None
    return getal


def _datum(waarde, veld: str, fouten: dict, *, label: str) -> date | None:
    if isinstance(waarde, datetime):
        waarde = waarde.date()
    if isinstance(waarde, date):
        return waarde
    if isinstance(waarde, str) and waarde.strip():
        try:
            return date.fromisoformat(waarde.strip())
        except ValueError:
            pass
        fouten.setdefault(veld, []).append(f"{label} is geen datum; gebruik JJJJ-MM-DD, bijv. 2026-03-14.")
        return None
    fouten.setdefault(veld, []).append(f"{label} is verplicht.")
    return None


def _id(waarde) -> int | None:
    if isinstance(waarde, bool):
        return None
    if isinstance(waarde, int):
        return waarde
    if isinstance(waarde, str) and waarde.strip().isdigit():
        return int(waarde.strip())
    return None


def _toegang_behandelen(door, signaal: Signaal) -> None:
    if not mag_signalen_behandelen(toegang_van(door), signaal.wijk_id):
        raise PermissionDenied(
            "Alleen de stadsdeelregisseur van deze wijk (of een beheerder) kan dit signaal behandelen."
        )


def _vergrendel(signaal_id) -> Signaal:
    """The signal row, locked until the end of the transaction."""
    pk = _id(signaal_id)
    signaal = Signaal.objects.select_for_update().filter(pk=pk).first() if pk is not None else None
    if signaal is None:
        raise ValidationError({NON_FIELD_ERRORS: [f"Er is geen signaal met nummer {signaal_id}."]})
    return signaal


def _controleer_versie(record, versie, *, wat: str = "het signaal") -> None:
    if versie is None or versie == "":
        return
    gezien = _id(versie)
    if gezien is None:
        raise ValidationError({NON_FIELD_ERRORS: ["Het formulier mist een geldige versie; laad de pagina opnieuw."]})
    if gezien != record.versie:
        laatste = None
        if isinstance(record, Signaal):
            laatste = Historie.objects.filter(signaal=record).order_by("-tijdstip", "-id").first()
        elif isinstance(record, Escalatie):
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
    return Historie.objects.create(
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


# --- location ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plaats:
    wijk: Gebied
    buurt: Gebied | None
    grens_jaar: int | None
    lon: float | None = None
    lat: float | None = None


def plaats_bepalen(*, lon, lat, wijk_code, fouten: dict, jaar: int) -> Plaats | None:
    """Where the signal is: a point (-> buurt by point-in-polygon, wijk by the buurt's code) or a whole wijk."""
    lon = _getal(lon, "lon", fouten, label="Lengtegraad (lon)", voorbeeld="6.7930")
    lat = _getal(lat, "lat", fouten, label="Breedtegraad (lat)", voorbeeld="52.2660")
    wijk_code = (wijk_code or "").strip().upper() if isinstance(wijk_code, str) else ""
    if "lon" in fouten or "lat" in fouten:
        return None
    if (lon is None) != (lat is None):
        fouten.setdefault("lon" if lon is None else "lat", []).append(
            "Geef lengte- én breedtegraad op, of kies het punt op de kaart."
        )
        return None
    if lon is not None:
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
    """A validated new signal, not yet written."""

    omschrijving: str
    categorie: Categorie
    bron: str
    aantal_bewoners: int
    datum_voorval: date
    adres: str
    plaats: Plaats
    melder_naam: str
    melder_telefoon: str
    melder_email: str
    duplicaat_van: Signaal | None


def melding_controleren(
    *,
    door,
    omschrijving,
    categorie_id,
    bron,
    datum_voorval,
    aantal_bewoners=1,
    adres="",
    lon=None,
    lat=None,
    wijk_code=None,
    melder_naam="",
    melder_telefoon="",
    melder_email="",
    duplicaat_van_id=None,
    nu: datetime | None = None,
) -> Melding:
    """Validate a new signal without writing: every problem at once, as a ValidationError per field."""
    toegang = toegang_van(door)
    if not mag_signalen_melden(toegang):
        raise PermissionDenied("Alleen stadsdeelregisseurs (en beheerders) kunnen signalen melden.")
    vandaag = timezone.localdate(nu or timezone.now())
    fouten: dict[str, list[str]] = {}

    omschrijving = _tekst(
        omschrijving, "omschrijving", fouten, verplicht=True, maximum=OMSCHRIJVING_MAX, label="Omschrijving"
    )
    categorie = None
    cat_id = _id(categorie_id)
    if categorie_id in (None, ""):
        fouten.setdefault("categorie", []).append("Kies een categorie.")
    else:
        categorie = (
            Categorie.objects.select_related("hoofdcategorie").filter(pk=cat_id, actief=True).first()
            if cat_id is not None
            else None
        )
        if categorie is None:
            fouten.setdefault("categorie", []).append(
                f"Onbekende categorie '{str(categorie_id)[:40]}': kies een categorie uit de lijst."
            )
    if bron not in Bron.values:
        fouten.setdefault("bron", []).append(
            f"Onbekende bron '{str(bron)[:40]}': kies uit {', '.join(b.label.lower() for b in Bron)}."
        )
    aantal = _id(aantal_bewoners)
    if aantal is None or not 1 <= aantal <= MAX_BEWONERS:
        fouten.setdefault("aantal_bewoners", []).append(
            f"Aantal bewoners moet een geheel getal van 1 tot en met {MAX_BEWONERS} zijn."
        )
    datum = _datum(datum_voorval, "datum_voorval", fouten, label="Datum van het voorval")
    if datum is not None:
        if datum > vandaag:
            fouten.setdefault("datum_voorval", []).append(
                f"De datum van het voorval ({datum:%d-%m-%Y}) ligt in de toekomst; vandaag is {vandaag:%d-%m-%Y}."
            )
        elif datum < date(2000, 1, 1):
            fouten.setdefault("datum_voorval", []).append("De datum van het voorval ligt vóór 2000; klopt het jaar?")
    adres = _tekst(adres, "adres", fouten, verplicht=False, maximum=200, label="Adres")
    melder_naam = _tekst(melder_naam, "melder_naam", fouten, verplicht=False, maximum=150, label="Naam melder")
    melder_telefoon = _tekst(
        melder_telefoon, "melder_telefoon", fouten, verplicht=False, maximum=30, label="Telefoon melder"
    )
    if melder_telefoon and not TELEFOON.match(melder_telefoon):
        fouten.setdefault("melder_telefoon", []).append(
            "Telefoonnummer: alleen cijfers, spaties, +, - en haakjes (6 tot 30 tekens)."
        )
    melder_email = _tekst(melder_email, "melder_email", fouten, verplicht=False, maximum=254, label="E-mail melder")
    if melder_email:
        try:
            validate_email(melder_email)
        except ValidationError:
            fouten.setdefault("melder_email", []).append(f"'{melder_email[:60]}' is geen geldig e-mailadres.")

    plaats = plaats_bepalen(lon=lon, lat=lat, wijk_code=wijk_code, fouten=fouten, jaar=vandaag.year)
    if plaats is not None and not mag_signalen_behandelen(toegang, plaats.wijk.id):
        fouten.setdefault("locatie", []).append(
            f"{plaats.wijk.weergavenaam} valt niet in uw portefeuille: alleen de stadsdeelregisseur van die wijk "
            "kan er signalen melden. Geef het signaal aan hem of haar door."
        )
    hoofd = None
    if duplicaat_van_id not in (None, ""):
        hoofd_id = _id(duplicaat_van_id)
        hoofd = Signaal.objects.filter(pk=hoofd_id).first() if hoofd_id is not None else None
        if hoofd is None:
            fouten.setdefault("duplicaat_van", []).append(f"Er is geen signaal met nummer {duplicaat_van_id}.")
    if fouten:
        raise ValidationError(fouten)
    return Melding(
        omschrijving, categorie, bron, aantal, datum, adres, plaats, melder_naam, melder_telefoon, melder_email, hoofd
    )


@transaction.atomic
def signaal_melden(*, door, synthetisch: bool = False, nu: datetime | None = None, **velden) -> Signaal:
    """Log a new signal (fields: see `melding_controleren`). Validates everything (nothing is written on
    any error), places it in its buurt and wijk, sets the due date from the category's term in working
    days, writes the first history row and, when asked, links it as a duplicate."""
    nu = nu or timezone.now()
    m = melding_controleren(door=door, nu=nu, **velden)
    signaal = Signaal.objects.create(
        omschrijving=m.omschrijving,
        categorie=m.categorie,
        bron=m.bron,
        aantal_bewoners=m.aantal_bewoners,
        datum_voorval=m.datum_voorval,
        adres=m.adres,
        lon=m.plaats.lon,
        lat=m.plaats.lat,
        buurt=m.plaats.buurt,
        wijk=m.plaats.wijk,
        grens_jaar=m.plaats.grens_jaar,
        streefdatum=werkdagen_later(timezone.localdate(nu), m.categorie.afhandeltermijn),
        gemeld_op=nu,
        gemeld_door=door,
        melder_naam=m.melder_naam,
        melder_telefoon=m.melder_telefoon,
        melder_email=m.melder_email,
        synthetisch=bool(synthetisch),
    )
    _historie(
        signaal,
        Historie.Soort.STATUS,
        door,
        naar=Status.GEMELD,
        notitie=f"Gemeld ({Bron(m.bron).label.lower()})",
        nu=nu,
    )
    if m.duplicaat_van is not None:
        _koppel(signaal, Signaal.objects.select_for_update().get(pk=m.duplicaat_van.pk), door=door, notitie="", nu=nu)
    return signaal


# --- workflow -----------------------------------------------------------------------------------------


@transaction.atomic
def status_wijzigen(*, signaal_id, naar: str, door, notitie: str = "", versie=None, nu=None) -> Signaal:
    """Move a signal to another status along the workflow table (signalen.workflow.OVERGANGEN)."""
    signaal = _vergrendel(signaal_id)
    _toegang_behandelen(door, signaal)
    _controleer_versie(signaal, versie)
    fouten: dict[str, list[str]] = {}
    fout = overgang_fout(signaal.status, naar)
    if fout:
        raise ValidationError({"naar": [fout]})
    notitie = _tekst(
        notitie, "notitie", fouten, verplicht=naar in NOTITIE_VERPLICHT, maximum=NOTITIE_MAX, label="Notitie"
    )
    _zonder_melder(signaal, notitie, "notitie", fouten, label="De notitie")
    if "notitie" in fouten and naar in NOTITIE_VERPLICHT and not notitie:
        fouten["notitie"] = [
            f"Een notitie is verplicht bij '{Status(naar).label}': schrijf kort waarom (wat is er gedaan of "
            "waarom het signaal weer open gaat)."
        ]
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
    signaal.save(update_fields=["status", "versie", "afgesloten_op"])
    _historie(signaal, Historie.Soort.STATUS, door, van=van, naar=naar, notitie=notitie, nu=nu)
    return signaal


# --- escalations --------------------------------------------------------------------------------------


@transaction.atomic
def escaleren(
    *, signaal_id, partner_ids, gevraagde_actie: str, door, werkdagen=None, versie=None, nu=None
) -> list[Escalatie]:
    """Pass a signal to one or more partners at once: one escalation each, due in working days on the
    Dutch holiday calendar. The signal moves to 'doorgezet' when it was not already."""
    signaal = _vergrendel(signaal_id)
    _toegang_behandelen(door, signaal)
    _controleer_versie(signaal, versie)
    nu = nu or timezone.now()
    fouten: dict[str, list[str]] = {}
    if signaal.status in GESLOTEN:
        raise ValidationError(
            {NON_FIELD_ERRORS: [f"Het signaal is {signaal.get_status_display().lower()}: heropen het eerst."]}
        )
    ids = []
    for waarde in partner_ids or []:
        pk = _id(waarde)
        if pk is None:
            fouten.setdefault("partners", []).append(f"'{str(waarde)[:40]}' is geen organisatie.")
        elif pk not in ids:
            ids.append(pk)
    if not ids and "partners" not in fouten:
        fouten.setdefault("partners", []).append("Kies minstens één partner.")
    partners = Organisatie.objects.in_bulk(ids)
    for pk in ids:
        org = partners.get(pk)
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
    gevraagde_actie = _tekst(
        gevraagde_actie, "gevraagde_actie", fouten, verplicht=True, maximum=1000, label="Gevraagde actie"
    )
    _zonder_melder(signaal, gevraagde_actie, "gevraagde_actie", fouten, label="De gevraagde actie")
    if werkdagen in (None, ""):
        termijn = signaal.categorie.afhandeltermijn
    else:
        termijn = _id(werkdagen)
        if termijn is None or not 1 <= termijn <= 250:
            fouten.setdefault("werkdagen", []).append("De termijn is een geheel aantal werkdagen van 1 tot 250.")
    if fouten:
        raise ValidationError(fouten)

    streefdatum = werkdagen_later(timezone.localdate(nu), termijn)
    escalaties = []
    for pk in ids:
        esc = Escalatie.objects.create(
            signaal=signaal,
            partner=partners[pk],
            gevraagde_actie=gevraagde_actie,
            werkdagen=termijn,
            streefdatum=streefdatum,
            aangemaakt_op=nu,
            aangemaakt_door=door,
        )
        _historie(
            signaal,
            Historie.Soort.ESCALATIE,
            door,
            naar=EscalatieStatus.VERSTUURD,
            notitie=f"Naar {partners[pk].naam}, uiterlijk {streefdatum:%d-%m-%Y} ({termijn} werkdagen): "
            f"{gevraagde_actie}",
            escalatie=esc,
            nu=nu,
        )
        escalaties.append(esc)
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
            notitie="Doorgezet naar " + ", ".join(partners[pk].naam for pk in ids),
            nu=nu,
        )
    signaal.versie += 1
    signaal.save(update_fields=velden)
    return escalaties


@transaction.atomic
def escalatie_bijwerken(
    *, escalatie_id, door, status=None, referentie=None, notitie: str = "", versie=None, nu=None
) -> Escalatie:
    """The partner (or the signal's handler) records progress: status and/or the partner's own reference."""
    pk = _id(escalatie_id)
    esc = (
        Escalatie.objects.select_for_update(of=("self",)).select_related("signaal", "partner").filter(pk=pk).first()
        if pk is not None
        else None
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
    nieuwe_status = status if status not in (None, "") else esc.status
    if nieuwe_status != esc.status:
        fout = escalatie_overgang_fout(esc.status, nieuwe_status)
        if fout:
            fouten.setdefault("status", []).append(fout)
    notitie = _tekst(notitie, "notitie", fouten, verplicht=False, maximum=NOTITIE_MAX, label="Notitie")
    _zonder_melder(esc.signaal, notitie, "notitie", fouten, label="De notitie")
    if nieuwe_status in ESCALATIE_NOTITIE_VERPLICHT and nieuwe_status != esc.status and not notitie:
        fouten.setdefault("notitie", []).append("Schrijf kort waarom de escalatie wordt afgewezen.")
    nieuwe_referentie = esc.referentie_partner
    if referentie is not None:
        nieuwe_referentie = _tekst(referentie, "referentie", fouten, verplicht=False, maximum=100, label="Referentie")
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
    esc.save(update_fields=["status", "referentie_partner", "versie", "afgerond_op"])
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
        afstand = afstand_m(lon, lat, s.lon, s.lat) if (lon is not None and s.lon is not None) else None
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
    signaal.save(update_fields=["duplicaat_van", "versie"])
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
def als_duplicaat_koppelen(*, signaal_id, hoofd_id, door, notitie: str = "", versie=None, nu=None) -> Signaal:
    """Mark a signal as a duplicate of another: counted once, raised by the residents of both."""
    a, b = _id(signaal_id), _id(hoofd_id)
    if b is None:
        raise ValidationError({"duplicaat_van": [f"'{str(hoofd_id)[:40]}' is geen signaalnummer."]})
    # Lock both rows in id order: two people linking the same pair the other way round cannot deadlock.
    rijen = {s.pk: s for s in Signaal.objects.select_for_update().filter(pk__in=sorted({a, b})).order_by("pk")}
    signaal = rijen.get(a)
    if signaal is None:
        raise ValidationError({NON_FIELD_ERRORS: [f"Er is geen signaal met nummer {signaal_id}."]})
    if b not in rijen:
        raise ValidationError({"duplicaat_van": [f"Er is geen signaal met nummer {hoofd_id}."]})
    _toegang_behandelen(door, signaal)
    _controleer_versie(signaal, versie)
    fouten: dict[str, list[str]] = {}
    notitie = _tekst(notitie, "notitie", fouten, verplicht=False, maximum=NOTITIE_MAX, label="Notitie")
    _zonder_melder(signaal, notitie, "notitie", fouten, label="De notitie")
    if fouten:
        raise ValidationError(fouten)
    _koppel(signaal, rijen[b], door=door, notitie=notitie, nu=nu or timezone.now())
    return signaal


@transaction.atomic
def duplicaat_ontkoppelen(*, signaal_id, door, notitie: str = "", versie=None, nu=None) -> Signaal:
    signaal = _vergrendel(signaal_id)
    _toegang_behandelen(door, signaal)
    _controleer_versie(signaal, versie)
    if signaal.duplicaat_van_id is None:
        raise ValidationError({NON_FIELD_ERRORS: [f"Signaal #{signaal.pk} is geen duplicaat."]})
    fouten: dict[str, list[str]] = {}
    _zonder_melder(signaal, notitie or "", "notitie", fouten, label="De notitie")
    if fouten:
        raise ValidationError(fouten)
    nu = nu or timezone.now()
    hoofd = Signaal.objects.select_for_update().get(pk=signaal.duplicaat_van_id)
    signaal.duplicaat_van = None
    signaal.versie += 1
    signaal.save(update_fields=["duplicaat_van", "versie"])
    tekst = f"Ontkoppeld van #{hoofd.pk}: telt weer als eigen signaal." + (f" {notitie.strip()}" if notitie else "")
    _historie(signaal, Historie.Soort.DUPLICAAT, door, notitie=tekst, nu=nu)
    _historie(hoofd, Historie.Soort.DUPLICAAT, door, notitie=f"#{signaal.pk} is geen duplicaat meer.", nu=nu)
    return signaal


# --- privacy ------------------------------------------------------------------------------------------------


def maanden_terug(moment: datetime, maanden: int) -> datetime:
    index = moment.year * 12 + moment.month - 1 - maanden
    jaar, maand = divmod(index, 12)
    maand += 1
    # The same day of the month, or the month's last day (31 March - 1 month = 28/29 February).
    for dag in range(moment.day, 27, -1):
        try:
            return moment.replace(year=jaar, month=maand, day=dag)
        except ValueError:
            continue
    return moment.replace(year=jaar, month=maand, day=min(moment.day, 28))


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
    grens = maanden_terug(nu, maanden)
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


def _maand_begin(maand: str) -> date:
    return date(int(maand[:4]), int(maand[5:7]), 1)


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
        qs = qs.filter(maand__gte=_maand_begin(maand_van))
    if maand_tot:
        qs = qs.filter(maand__lt=_maand_begin(cijfers.maand_verschuif(maand_tot, 1)))
    qs = qs.annotate(hoofd=Coalesce("categorie__hoofdcategorie__code", "categorie__code"))
    if categorieen:
        qs = qs.filter(hoofd__in=list(categorieen))
    rijen = (
        qs.values_list(veld, "maand", "hoofd")
        .annotate(n=Sum("aantal"), s=Coalesce(Sum("aantal", filter=Q(synthetisch=True)), 0))
        .order_by(veld, "maand", "hoofd")
    )
    return [
        {"gebied": code, "maand": cijfers.maand_van(maand), "categorie": hoofd, "aantal": n, "synthetisch": s}
        for code, maand, hoofd, n, s in rijen
    ]


def tellingen(*, niveau: str, met_synthetisch: bool) -> list[cijfers.Telling]:
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
        cijfers.Telling(gebied_id, cijfers.maand_van(maand), hoofd, brongroep_van(bron), n)
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
    lopend = cijfers.maand_van(timezone.localdate(nu))
    maanden = cijfers.maanden_tussen(min(t.maand for t in alle), lopend) if alle else []
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
    eerste = cijfers.maand_verschuif(maand, -12)
    maanden = cijfers.maanden_tussen(eerste, maand)
    van = date(int(eerste[:4]), int(eerste[5:7]), 1)
    volgende = cijfers.maand_verschuif(maand, 1)
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
        maand_van = cijfers.maand_van(m)
        reeksen.setdefault((buurt_id, hoofd), [0] * len(maanden))[index[maand_van]] += n
        if is_synthetisch and maand_van == maand:
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
