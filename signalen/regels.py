"""Who may see, log and handle signals: plain functions of a `Toegang` (the per-app rules, as in
wijkagenda/regels.py). `toegang/regels.py` owns who someone is; the rules about signals and their
escalations live here, with the models whose fields they name.

- medewerkers read every signal; a partner only the signals escalated to its own organisation;
- a stadsdeelregisseur logs and handles the signals of the wijken in their portfolio, a beheerder all;
- counts and hotspots over all signals: medewerkers only;
- a reporter's name and contact details: only who needs them, never a partner.
"""

from django.db.models import Q

from toegang.models import Rol
from toegang.regels import Toegang

NIETS = Q(pk__in=[])


def signalen_filter(toegang: Toegang) -> Q:
    """A Q object selecting the signals this access may read: medewerkers all of them, a partner only
    those escalated to its own organisation, anonymous users and accounts without a role none."""
    if toegang.is_medewerker:
        return Q()
    if toegang.is_partner and toegang.organisatie_id is not None:
        return Q(escalaties__partner_id=toegang.organisatie_id)
    return NIETS


def escalaties_filter(toegang: Toegang, *, prefix: str = "") -> Q:
    """The escalations this access may read: medewerkers all, a partner only its own organisation's.
    prefix: the path to the escalation (e.g. 'escalatie__' from a history row)."""
    if toegang.is_medewerker:
        return Q()
    if toegang.is_partner and toegang.organisatie_id is not None:
        return Q(**{f"{prefix}partner_id": toegang.organisatie_id})
    return NIETS


def mag_signalen_zien(toegang: Toegang) -> bool:
    return toegang.is_medewerker or (toegang.is_partner and toegang.organisatie_id is not None)


def mag_signaalcijfers_zien(toegang: Toegang) -> bool:
    """Counts and hotspots over all signals: medewerkers only (a partner sees only its own escalations)."""
    return toegang.is_medewerker


def mag_signalen_behandelen(toegang: Toegang, wijk_id: int | None) -> bool:
    if toegang.rol == Rol.BEHEERDER:
        return True
    return toegang.rol == Rol.STADSDEELREGISSEUR and wijk_id in toegang.portefeuille


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
