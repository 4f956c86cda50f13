"""The access rules in one place, as plain functions of a user (and an area or dataset).

Pages, exports and the API all ask these functions; nothing else decides who sees what.
"""

from dataclasses import dataclass

from .models import Rol


class Zichtbaarheid:
    OPENBAAR = "openbaar"
    PARTNERS = "partners"
    INTERN = "intern"


@dataclass(frozen=True)
class Toegang:
    rol: str | None  # None: anonymous, or a user without an account
    organisatie_id: int | None
    portefeuille: frozenset[int]
    persoonsgegevens: bool

    @property
    def is_medewerker(self) -> bool:
        return self.rol in {Rol.BELEIDSMEDEWERKER, Rol.STADSDEELREGISSEUR, Rol.BEHEERDER}

    @property
    def is_partner(self) -> bool:
        return self.rol == Rol.PARTNER


ANONIEM = Toegang(None, None, frozenset(), False)


def toegang_van(user) -> Toegang:
    """The user's access, cached on the user object for the request (one query at most)."""
    if user is None or not user.is_authenticated:
        return ANONIEM
    if hasattr(user, "_toegang"):
        return user._toegang
    from .models import Account

    account = Account.objects.filter(gebruiker=user).first()
    if account is None:
        toegang = Toegang(Rol.BEHEERDER if user.is_superuser else None, None, frozenset(), user.is_superuser)
    else:
        rol = Rol.BEHEERDER if user.is_superuser else account.rol
        toegang = Toegang(
            rol,
            account.organisatie_id,
            frozenset(account.portefeuille.values_list("id", flat=True))
            if rol == Rol.STADSDEELREGISSEUR
            else frozenset(),
            account.mag_persoonsgegevens_zien or user.is_superuser,
        )
    user._toegang = toegang
    return toegang


def dataset_filter(toegang: Toegang, *, prefix: str = "") -> dict | object:
    """A Q object selecting the datasets this access may read (prefix: the path to the dataset)."""
    from django.db.models import Q

    veld = f"{prefix}zichtbaarheid"
    if toegang.is_medewerker:
        return Q()
    if toegang.is_partner:
        return (
            Q(**{veld: Zichtbaarheid.OPENBAAR})
            | Q(**{veld: Zichtbaarheid.PARTNERS})
            | Q(**{f"{prefix}eigenaar_id": toegang.organisatie_id})
        )
    return Q(**{veld: Zichtbaarheid.OPENBAAR})


def mag_dataset_zien(toegang: Toegang, zichtbaarheid: str, eigenaar_id: int | None) -> bool:
    if toegang.is_medewerker or zichtbaarheid == Zichtbaarheid.OPENBAAR:
        return True
    if toegang.is_partner:
        return zichtbaarheid == Zichtbaarheid.PARTNERS or eigenaar_id == toegang.organisatie_id
    return False


class Levering:
    """Mirrors indicatoren.models.Levering (this base layer does not import indicatoren)."""

    EIGENAAR = "eigenaar"
    DIENST = "dienst"


# Delivering values is data management: partners for their organisation, beleidsmedewerkers for the
# gemeente's datasets. A stadsdeelregisseur logs and routes signals; that gives no right to write figures.
LEVERENDE_ROLLEN = frozenset({Rol.PARTNER, Rol.BELEIDSMEDEWERKER})


def mag_leveren(toegang: Toegang, eigenaar_id: int | None, levering: str = Levering.EIGENAAR) -> bool:
    """Whether this caller may write a dataset's values by upload.

    A dataset the portal writes itself (levering 'dienst': CBS imports, derived figures, the signalen
    publication) by nobody, not even a beheerder: an upload would overwrite what the service publishes.
    Any other dataset by beheerders, and by the partners and beleidsmedewerkers of its owner."""
    if levering != Levering.EIGENAAR:
        return False
    if toegang.rol == Rol.BEHEERDER:
        return True
    return (
        toegang.rol in LEVERENDE_ROLLEN
        and toegang.organisatie_id is not None
        and eigenaar_id == toegang.organisatie_id
    )


def mag_signalen_behandelen(toegang: Toegang, wijk_id: int | None) -> bool:
    if toegang.rol == Rol.BEHEERDER:
        return True
    return toegang.rol == Rol.STADSDEELREGISSEUR and wijk_id in toegang.portefeuille


# --- signalen ----------------------------------------------------------------------------------------
# Field paths are strings, so this base layer does not import the signalen app.


def signalen_filter(toegang: Toegang):
    """A Q object selecting the signals this access may read: medewerkers all of them, a partner only
    those escalated to its own organisation, anonymous users and accounts without a role none."""
    from django.db.models import Q

    if toegang.is_medewerker:
        return Q()
    if toegang.is_partner and toegang.organisatie_id is not None:
        return Q(escalaties__partner_id=toegang.organisatie_id)
    return Q(pk__in=[])


def escalaties_filter(toegang: Toegang, *, prefix: str = ""):
    """The escalations this access may read: medewerkers all, a partner only its own organisation's.
    prefix: the path to the escalation (e.g. 'escalatie__' from a history row)."""
    from django.db.models import Q

    if toegang.is_medewerker:
        return Q()
    if toegang.is_partner and toegang.organisatie_id is not None:
        return Q(**{f"{prefix}partner_id": toegang.organisatie_id})
    return Q(pk__in=[])


def mag_signalen_zien(toegang: Toegang) -> bool:
    return toegang.is_medewerker or (toegang.is_partner and toegang.organisatie_id is not None)


def mag_signaalcijfers_zien(toegang: Toegang) -> bool:
    """Counts and hotspots over all signals: medewerkers only (a partner sees only its own escalations)."""
    return toegang.is_medewerker


def mag_signalen_melden(toegang: Toegang) -> bool:
    """Log new signals at all (which wijk: `mag_signalen_behandelen`)."""
    return toegang.rol in {Rol.STADSDEELREGISSEUR, Rol.BEHEERDER}


def mag_melder_zien(toegang: Toegang) -> bool:
    """A reporter's name and contact details: only who needs them, never a partner."""
    return toegang.persoonsgegevens and not toegang.is_partner


def mag_escalatie_bijwerken(toegang: Toegang, partner_id: int, wijk_id: int | None) -> bool:
    """The partner the escalation went to updates its status and reference; so may whoever handles
    the signal's wijk (a partner phoned in its answer)."""
    if toegang.is_partner:
        return toegang.organisatie_id is not None and toegang.organisatie_id == partner_id
    return mag_signalen_behandelen(toegang, wijk_id)
