""" "Ik ook" (issue 13, item 3): residents support an open concern (a main category of signals in their wijk)
or a published result, once per e-mail address, confirmed through a single-use link. When a concern reaches
the wijk's threshold, exactly one decision task is created; the stadsdeelregisseur decides whether it goes
on the agenda, with a reason that is public.

Privacy: the address is kept only as a keyed hash (berichten.tokens.adres_hash) and in the outbox row of the
confirmation e-mail; the public pages show counts, never who supported.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from berichten.services import bericht_versturen, portaal_url
from berichten.tokens import GELDIG, adres_hash, nieuw_token, token_hash
from signalen.models import OPEN, Categorie, Signaal
from toegang.regels import toegang_van
from wijken.models import Gebied

from .modellen_stem import STEUNDREMPEL_STANDAARD
from .models import Besluit, Opgave, Steun, Wijkinstelling
from .resultaten import mag_resultaten_beheren

REDEN_MAX = 2000


class SteunlinkOngeldig(ValidationError):
    """Unknown, expired or already confirmed: nothing changes."""


def drempel_van(wijk_id: int) -> int:
    return (
        Wijkinstelling.objects.filter(wijk_id=wijk_id).values_list("steundrempel", flat=True).first()
        or STEUNDREMPEL_STANDAARD
    )


def _onderwerp(*, wijk: Gebied, opgave: Opgave | None, categorie: Categorie | None) -> str:
    """What is supported, in words for the e-mail; refuses a subject that cannot be supported."""
    if (opgave is None) == (categorie is None):
        raise ValidationError({"__all__": ["Kies één onderwerp om te steunen."]})
    if opgave is not None:
        resultaat = getattr(opgave, "resultaat", None)
        if opgave.wijk_id != wijk.id or resultaat is None or not resultaat.gepubliceerd:
            raise ValidationError({"__all__": ["Dit resultaat is niet (meer) openbaar in deze wijk."]})
        return f"het resultaat '{opgave.titel}' in {wijk.weergavenaam}"
    if categorie.hoofdcategorie_id is not None:
        raise ValidationError({"__all__": ["Steun gaat over een hoofdcategorie."]})
    return f"de zorg over {categorie.naam.lower()} in {wijk.weergavenaam}"


@transaction.atomic
def steun_aanvragen(
    *, wijk: Gebied, email: str, opgave: Opgave | None = None, categorie: Categorie | None = None, nu=None
) -> bool:
    """A resident asks to add their support; the confirmation e-mail goes out after the commit.

    Returns True when a confirmation e-mail was queued. An address that already confirmed this concern gets
    no second mail and adds nothing (the page says the same either way, so it reveals nobody's support)."""
    nu = nu or timezone.now()
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": ["Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."]}) from None
    onderwerp = _onderwerp(wijk=wijk, opgave=opgave, categorie=categorie)
    hash_ = adres_hash(email)
    bestaand = (
        Steun.objects.select_for_update()
        .filter(wijk=wijk, opgave=opgave, categorie=categorie, adres_hash=hash_)
        .first()
    )
    if bestaand is not None and bestaand.bevestigd_op is not None:
        return False
    token, t_hash = nieuw_token()
    if bestaand is None:
        try:
            with transaction.atomic():
                steun = Steun.objects.create(
                    wijk=wijk,
                    opgave=opgave,
                    categorie=categorie,
                    adres_hash=hash_,
                    token_hash=t_hash,
                    aangemaakt_op=nu,
                    verloopt_op=nu + GELDIG,
                )
        except IntegrityError:  # the same address asked at the same moment: one row
            return False
    else:
        steun = bestaand
        steun.token_hash, steun.verloopt_op = t_hash, nu + GELDIG
        steun.save(update_fields=["token_hash", "verloopt_op"])
    bericht_versturen(
        aan=email,
        onderwerp=f"Bevestig uw steun voor {onderwerp}",
        sjabloon="wijkagenda/ik_ook",
        context={
            "onderwerp": onderwerp,
            "link": portaal_url(reverse("wijkagenda:ik_ook_bevestigen", args=[token])),
            "geldig_tot": timezone.localtime(steun.verloopt_op),
        },
        sleutel=f"ik-ook-{steun.pk}-{t_hash[:16]}",
    )
    return True


def steun_bekijken(token: str, *, nu=None) -> tuple[Steun | None, str]:
    steun = Steun.objects.select_related("wijk", "opgave", "categorie").filter(token_hash=token_hash(token)).first()
    return steun, _fout(steun, nu or timezone.now())


def _fout(steun: Steun | None, nu: datetime) -> str:
    if steun is None:
        return "Deze link kennen we niet. Controleer of u de hele link uit de e-mail hebt gebruikt."
    if steun.bevestigd_op is not None:
        return "Deze link is al gebruikt: uw steun is al geteld. Er is niets veranderd."
    if steun.verloopt_op <= nu:
        return "Deze link is verlopen (hij was 14 dagen geldig). Er is niets veranderd; u kunt opnieuw steunen."
    return ""


@transaction.atomic
def steun_bevestigen(*, token: str, nu=None) -> Steun:
    """Confirm once. Counts the confirmed support of the concern and creates its decision task when the count
    reaches the wijk's threshold (exactly one per concern, also when two confirmations arrive together)."""
    nu = nu or timezone.now()
    steun = Steun.objects.select_for_update().filter(token_hash=token_hash(token)).first()
    if fout := _fout(steun, nu):
        raise SteunlinkOngeldig(fout, code="ongeldig")
    steun.bevestigd_op = nu
    steun.save(update_fields=["bevestigd_op"])
    aantal = (
        Steun.objects.bevestigd()
        .filter(wijk=steun.wijk_id, opgave=steun.opgave_id, categorie=steun.categorie_id)
        .count()
    )
    if aantal >= drempel_van(steun.wijk_id):
        try:
            with transaction.atomic():
                Besluit.objects.get_or_create(
                    wijk_id=steun.wijk_id,
                    opgave_id=steun.opgave_id,
                    categorie_id=steun.categorie_id,
                    defaults={"steun_bij_drempel": aantal, "aangemaakt_op": nu},
                )
        except IntegrityError:
            pass  # created by the other confirmation at the same moment
    return steun


@transaction.atomic
def besluit_nemen(*, door, besluit_id: int, op_agenda: bool | None, reden: str, nu=None) -> Besluit:
    """The stadsdeelregisseur decides: on the agenda or not, with a public reason. Once."""
    besluit = Besluit.objects.select_for_update().filter(pk=besluit_id).first()
    if besluit is None:
        raise ValidationError({"__all__": [f"Er is geen besluit met nummer {besluit_id}."]})
    if not mag_resultaten_beheren(toegang_van(door), besluit.wijk_id):
        raise PermissionDenied("Alleen de stadsdeelregisseur van deze wijk (of een beheerder) besluit hierover.")
    fouten: dict[str, list[str]] = {}
    if besluit.besloten_op is not None:
        raise ValidationError({"__all__": ["Hierover is al besloten."]})
    if op_agenda is None:
        fouten["op_agenda"] = ["Kies: wel of niet op de wijkagenda."]
    reden = (reden or "").strip()
    if not reden:
        fouten["reden"] = ["Schrijf de reden op: bewoners lezen die op de openbare wijkpagina."]
    elif len(reden) > REDEN_MAX:
        fouten["reden"] = [f"De reden is te lang: {len(reden)} tekens, maximaal {REDEN_MAX}."]
    if fouten:
        raise ValidationError(fouten)
    besluit.op_agenda = op_agenda
    besluit.reden = reden
    besluit.besloten_op = nu or timezone.now()
    besluit.door = door
    besluit.full_clean()
    besluit.save(update_fields=["op_agenda", "reden", "besloten_op", "door"])
    return besluit


# --- reads -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Zorg:
    """An open concern on the public page: a main category with open signals in the wijk."""

    categorie: Categorie
    open_signalen: int
    steun: int
    besluit: Besluit | None


def open_zorgen(wijk: Gebied, *, besluiten: list[Besluit] | None = None) -> list[Zorg]:
    """Main categories with open signals (counted groups, not duplicates) in the wijk, with their confirmed
    support and decision. Queries: open signals per main category, support, categories (if any), decisions
    (unless `besluiten`, the wijk's decision tasks, is given)."""
    open_per = _open_per_hoofd(wijk)
    steun = dict(
        Steun.objects.bevestigd()
        .filter(wijk=wijk, categorie__isnull=False)
        .values("categorie")
        .annotate(n=Count("id"))
        .values_list("categorie", "n")
        .order_by()
    )
    if besluiten is None:
        besluiten = besluiten_voor(wijk)
    per_categorie = {b.categorie_id: b for b in besluiten if b.categorie_id}
    ids = set(open_per) | set(steun) | set(per_categorie)
    categorieen = Categorie.objects.filter(pk__in=ids).order_by("volgorde", "naam") if ids else []
    return [Zorg(c, open_per.get(c.id, 0), steun.get(c.id, 0), per_categorie.get(c.id)) for c in categorieen]


def _open_per_hoofd(wijk: Gebied) -> dict[int, int]:
    from django.db.models.functions import Coalesce

    return dict(
        Signaal.objects.telbaar()
        .filter(wijk=wijk, status__in=OPEN)
        .annotate(hoofd=Coalesce("categorie__hoofdcategorie_id", "categorie_id"))
        .values("hoofd")
        .annotate(n=Count("id"))
        .values_list("hoofd", "n")
        .order_by()
    )


def besluiten_voor(wijk: Gebied) -> list[Besluit]:
    """The decision tasks of a wijk, open first (1 query)."""
    return list(
        Besluit.objects.filter(wijk=wijk)
        .select_related("categorie", "opgave")
        .order_by("besloten_op", "-aangemaakt_op", "id")
    )
