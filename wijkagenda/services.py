"""The one write path per use case of the wijkagenda and wijknetwerk.

Keyword-only, `full_clean()` before every write, one transaction, and the permission rule checked here
(so views, admin actions and future API endpoints cannot forget it). Raises PermissionDenied or
ValidationError (with field names, for forms).
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from toegang.regels import toegang_van

from .models import Actie, ActieStatus, Bespreking, NetwerkContact, Opgave, OpgaveStatus, Overlegritme
from .regels import mag_agenda_bewerken, mag_voortgang_melden


def _controleer(door, wijk_id: int) -> None:
    if not mag_agenda_bewerken(toegang_van(door), wijk_id):
        raise PermissionDenied(
            "Alleen de stadsdeelregisseur van deze wijk (of een beheerder) kan de wijkagenda en het wijknetwerk "
            "wijzigen."
        )


@transaction.atomic
def opgave_opslaan(
    *,
    door,
    wijk,
    titel: str,
    domein,
    beschrijving: str = "",
    indicatoren=(),
    signaalcategorieen=(),
    partners=(),
    geopend_op: date | None = None,
    status: str = OpgaveStatus.OPEN,
    opgave: Opgave | None = None,
) -> Opgave:
    """Create an opgave (opgave=None) or change one; its wijk never changes."""
    if opgave is not None:
        opgave = Opgave.objects.select_for_update().get(pk=opgave.pk)
        wijk = opgave.wijk
    _controleer(door, wijk.id)
    if any(c.hoofdcategorie_id for c in signaalcategorieen):
        raise ValidationError({"signaalcategorieen": "Kies hoofdcategorieën van signalen."})
    if opgave is None:
        opgave = Opgave(wijk=wijk, aangemaakt_door=door)
    opgave.titel = titel
    opgave.domein = domein
    opgave.beschrijving = beschrijving
    opgave.geopend_op = geopend_op or opgave.geopend_op or timezone.localdate()
    if status == OpgaveStatus.AFGEROND and opgave.status != OpgaveStatus.AFGEROND:
        opgave.afgerond_op = max(timezone.localdate(), opgave.geopend_op)
    elif status != OpgaveStatus.AFGEROND:
        opgave.afgerond_op = None
    opgave.status = status
    opgave.full_clean()
    opgave.save()
    opgave.indicatoren.set(indicatoren)
    opgave.signaalcategorieen.set(signaalcategorieen)
    opgave.partners.set(partners)
    return opgave


@transaction.atomic
def actie_opslaan(
    *,
    door,
    opgave: Opgave,
    omschrijving: str,
    eigenaar,
    streefdatum: date,
    startdatum: date | None = None,
    status: str = ActieStatus.GEPLAND,
    toelichting: str = "",
    actie: Actie | None = None,
) -> Actie:
    """Create an action of an opgave (actie=None) or change one; an action never moves to another opgave."""
    if actie is not None:
        actie = Actie.objects.select_for_update().select_related("opgave").get(pk=actie.pk)
        opgave = actie.opgave
    _controleer(door, opgave.wijk_id)
    if actie is None:
        actie = Actie(opgave=opgave)
    actie.omschrijving = omschrijving
    actie.eigenaar = eigenaar
    actie.startdatum = startdatum or actie.startdatum or timezone.localdate()
    actie.streefdatum = streefdatum
    actie.status = status
    actie.toelichting = toelichting
    actie.full_clean()
    actie.save()
    return actie


@transaction.atomic
def actie_voortgang_melden(*, door, actie_id: int, status: str, toelichting: str) -> Actie:
    """The owner of an action (a partner) or the agenda's editor reports progress: the status and an
    explanation. Nothing else of the action changes; the row is locked against a simultaneous change."""
    actie = Actie.objects.select_for_update().select_related("opgave").filter(pk=actie_id).first()
    if actie is None:
        raise ValidationError({"actie": f"Er is geen actie met nummer {actie_id}."})
    if not mag_voortgang_melden(toegang_van(door), wijk_id=actie.opgave.wijk_id, eigenaar_id=actie.eigenaar_id):
        raise PermissionDenied("Alleen de organisatie die de actie uitvoert of de stadsdeelregisseur meldt voortgang.")
    if status not in ActieStatus.values:
        raise ValidationError({"status": f"Onbekende status: '{status}'."})
    toelichting = (toelichting or "").strip()
    if not toelichting:
        raise ValidationError({"toelichting": "Schrijf kort wat er is gedaan of waarom de status verandert."})
    actie.status = status
    actie.toelichting = toelichting
    actie.full_clean()
    actie.save(update_fields=["status", "toelichting"])
    return actie


@transaction.atomic
def bespreking_vastleggen(
    *, door, wijk, besproken: str, besluiten: str = "", datum: date | None = None, opgaven=()
) -> Bespreking:
    """Add an entry to the review log of a wijk (the log is only added to)."""
    _controleer(door, wijk.id)
    if any(o.wijk_id != wijk.id for o in opgaven):
        raise ValidationError({"opgaven": "Kies opgaven van deze wijk."})
    bespreking = Bespreking(
        wijk=wijk, datum=datum or timezone.localdate(), besproken=besproken, besluiten=besluiten, vastgelegd_door=door
    )
    bespreking.full_clean()
    bespreking.save()
    bespreking.opgaven.set(opgaven)
    return bespreking


@transaction.atomic
def contact_opslaan(
    *,
    door,
    wijk,
    organisatie,
    rol: str,
    bereikbaar: str,
    contactpersoon: str = "",
    overlegritme: str = Overlegritme.OP_AFROEP,
    overleg: str = "",
    contact: NetwerkContact | None = None,
) -> NetwerkContact:
    if contact is not None:
        contact = NetwerkContact.objects.select_for_update().get(pk=contact.pk)
        wijk = contact.wijk
    _controleer(door, wijk.id)
    contact = contact or NetwerkContact(wijk=wijk)
    contact.organisatie = organisatie
    contact.rol = rol
    contact.bereikbaar = bereikbaar
    contact.contactpersoon = contactpersoon
    contact.overlegritme = overlegritme
    contact.overleg = overleg
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_verwijderen(*, door, contact: NetwerkContact) -> None:
    _controleer(door, contact.wijk_id)
    contact.delete()
