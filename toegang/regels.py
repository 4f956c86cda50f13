"""Who someone is, as a value: `toegang_van(user)` gives a `Toegang` (role, organisation, portfolio,
personal-data right) that pages, exports and the API pass to the rules.

The rules about an app's data live in that app, next to the models whose fields they name:
`indicatoren/regels.py` (datasets, delivering values), `signalen/regels.py` (signals, escalations),
`wijkagenda/regels.py` (agenda, network). This base layer knows none of their fields.
"""

from dataclasses import dataclass

from .models import Rol


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
