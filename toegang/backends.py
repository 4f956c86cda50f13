"""Log-in by user name in its canonical form (toegang.adres.gebruikersnaam_normaal)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .adres import gebruikersnaam_normaal


class GebruikersnaamBackend(ModelBackend):
    """Django's ModelBackend, but `Beleid`, `beleid` and `𝐛𝐞𝐥𝐞𝐢𝐝` are one account: the name is normalised
    and looked up case-insensitively. Two accounts that normalise alike log in as neither."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        naam = gebruikersnaam_normaal(username)
        if not naam or password is None:
            return None
        kandidaten = [
            u
            for u in User._default_manager.filter(**{f"{User.USERNAME_FIELD}__iexact": naam})[:2]
            if gebruikersnaam_normaal(u.get_username()) == naam
        ]
        if len(kandidaten) != 1:
            User().set_password(password)  # the same work as a real check: no timing difference
            return None
        gebruiker = kandidaten[0]
        if gebruiker.check_password(password) and self.user_can_authenticate(gebruiker):
            return gebruiker
        return None
