"""Who may see and deliver the statistics: plain functions of a `Toegang` (the per-app rules, as in
wijkagenda/regels.py). `toegang/regels.py` owns who someone is (role, organisation, portfolio); the
rules about datasets live here, with the models whose fields they name."""

from django.db.models import Q

from toegang.models import Rol
from toegang.regels import Toegang

from .models import Levering, Zichtbaarheid


def dataset_filter(toegang: Toegang, *, prefix: str = "") -> Q:
    """A Q object selecting the datasets this access may read (prefix: the path to the dataset)."""
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
    """`dataset_filter` for one dataset whose fields are already read (plain values): the same rule."""
    if toegang.is_medewerker or zichtbaarheid == Zichtbaarheid.OPENBAAR:
        return True
    if toegang.is_partner:
        return zichtbaarheid == Zichtbaarheid.PARTNERS or eigenaar_id == toegang.organisatie_id
    return False


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
        toegang.rol in LEVERENDE_ROLLEN and toegang.organisatie_id is not None and eigenaar_id == toegang.organisatie_id
    )


def mag_gegevensoverzicht_zien(toegang: Toegang) -> bool:
    """The overview of every dataset (also internal and partner ones) and its load state: beheerders only."""
    return toegang.rol == Rol.BEHEERDER
