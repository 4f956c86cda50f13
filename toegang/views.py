from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.utils.decorators import method_decorator

from .adres import client_adres, gebruikersnaam_normaal

MAX_POGINGEN = 5
VENSTER_SECONDEN = 15 * 60


def _ip(request) -> str:
    return client_adres(request) or "onbekend"


class InlogFormulier(AuthenticationForm):
    """Django's log-in with a brake: after 5 failed attempts for a user name or from an address
    within 15 minutes, further attempts are refused until the window has passed.

    The name is counted in its canonical form (NFKC, case-folded: `𝐛𝐞𝐥𝐞𝐢𝐝` and `Beleid` are `beleid`, the
    form the back-end logs in with), the address is the real client's (toegang.adres, behind a trusted
    proxy the forwarded one), so the brake can neither be dodged nor lock out everyone behind one proxy."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Onbekende combinatie van gebruikersnaam en wachtwoord.",
        "inactive": "Dit account is niet actief.",
        "te_vaak": "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.",
    }

    def _sleutels(self) -> list[str]:
        naam = gebruikersnaam_normaal(self.data.get("username"))
        return [f"inlog:naam:{naam}", f"inlog:ip:{_ip(self.request)}"] if self.request else [f"inlog:naam:{naam}"]

    def clean(self):
        if any(cache.get(k, 0) >= MAX_POGINGEN for k in self._sleutels()):
            raise forms.ValidationError(self.error_messages["te_vaak"], code="te_vaak")
        try:
            return super().clean()
        except forms.ValidationError:
            for sleutel in self._sleutels():
                cache.add(sleutel, 0, VENSTER_SECONDEN)
                cache.incr(sleutel)
            raise


class BeheerInlogFormulier(InlogFormulier, AdminAuthenticationForm):
    """The admin's own log-in page (/beheer/login/) with the same brake and the same counters, so it is
    no way around the throttle; the admin still admits staff accounts only."""


@method_decorator(login_not_required, name="dispatch")
class InlogView(auth_views.LoginView):
    template_name = "toegang/inloggen.html"
    authentication_form = InlogFormulier
    redirect_authenticated_user = True


class UitlogView(auth_views.LogoutView):
    template_name = "toegang/uitgelogd.html"


