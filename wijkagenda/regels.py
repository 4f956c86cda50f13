"""Who may see and change the wijkagenda and wijknetwerk: plain functions of a `Toegang`.

The same shape as `indicatoren/regels.py` and `signalen/regels.py` (on `toegang.regels.Toegang`):
- medewerkers (beleidsmedewerker, stadsdeelregisseur, beheerder) read every wijk's agenda and network;
- a stadsdeelregisseur changes the agenda and network of the wijken in their portfolio, a beheerder of all;
- a partner reads only the actions its own organisation owns, the opgaven it is involved in (as partner
  or as owner of an action) and its own network entries; never the review log (it records internal
  discussions);
- the public (no log-in) and accounts without a role see nothing.
"""

from django.db.models import Q

from toegang.models import Rol
from toegang.regels import Toegang

NIETS = Q(pk__in=[])


def mag_agenda_zien(toegang: Toegang) -> bool:
    return toegang.is_medewerker or (toegang.is_partner and toegang.organisatie_id is not None)


def mag_agenda_bewerken(toegang: Toegang, wijk_id: int | None) -> bool:
    if toegang.rol == Rol.BEHEERDER:
        return True
    return toegang.rol == Rol.STADSDEELREGISSEUR and wijk_id is not None and wijk_id in toegang.portefeuille


def mag_voortgang_melden(toegang: Toegang, *, wijk_id: int, eigenaar_id: int) -> bool:
    """Status and a note of an action: the agenda's editors, and the partner organisation that owns the
    action (it does the work and knows when it is done); not its other fields."""
    if mag_agenda_bewerken(toegang, wijk_id):
        return True
    return toegang.is_partner and toegang.organisatie_id is not None and toegang.organisatie_id == eigenaar_id


def mag_logboek_zien(toegang: Toegang) -> bool:
    return toegang.is_medewerker


def opgaven_filter(toegang: Toegang) -> Q:
    if toegang.is_medewerker:
        return Q()
    if toegang.is_partner and toegang.organisatie_id is not None:
        return Q(partners__id=toegang.organisatie_id) | Q(acties__eigenaar_id=toegang.organisatie_id)
    return NIETS


def acties_filter(toegang: Toegang) -> Q:
    if toegang.is_medewerker:
        return Q()
    if toegang.is_partner and toegang.organisatie_id is not None:
        return Q(eigenaar_id=toegang.organisatie_id)
    return NIETS


def besprekingen_filter(toegang: Toegang) -> Q:
    return Q() if mag_logboek_zien(toegang) else NIETS


def netwerk_filter(toegang: Toegang) -> Q:
    if toegang.is_medewerker:
        return Q()
    if toegang.is_partner and toegang.organisatie_id is not None:
        return Q(organisatie_id=toegang.organisatie_id)
    return NIETS
