import hashlib

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.cache import cache
from django.urls import reverse_lazy
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
        # Hashed: the key's length does not depend on what a client sends (the form's own length check
        # runs later, in super().clean()).
        naam = hashlib.sha256(gebruikersnaam_normaal(self.data.get("username")).encode()).hexdigest()
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


# --- password change (logged in) and reset by e-mail (Django's auth views, Dutch templates) -------------


class WachtwoordWijzigenView(auth_views.PasswordChangeView):
    """Change one's own password (the old one first); the session stays logged in."""

    template_name = "toegang/wachtwoord_wijzigen.html"
    success_url = reverse_lazy("toegang:wachtwoord_gewijzigd")


class WachtwoordGewijzigdView(auth_views.PasswordChangeDoneView):
    template_name = "toegang/wachtwoord_gewijzigd.html"


class HerstelFormulier(PasswordResetForm):
    """Django's reset request with a brake: at most 5 requests per address and per e-mail address in 15
    minutes, so the form cannot be used to flood someone's mailbox. The answer never says whether an
    account exists (the next page is the same either way)."""

    error_messages = {"te_vaak": "Te veel aanvragen. Probeer het over 15 minuten opnieuw."}

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        schoon = super().clean()
        email = hashlib.sha256(gebruikersnaam_normaal(schoon.get("email")).encode()).hexdigest()
        sleutels = [f"herstel:email:{email}"] + ([f"herstel:ip:{_ip(self.request)}"] if self.request else [])
        if any(cache.get(k, 0) >= MAX_POGINGEN for k in sleutels):
            raise forms.ValidationError(self.error_messages["te_vaak"], code="te_vaak")
        for sleutel in sleutels:
            cache.add(sleutel, 0, VENSTER_SECONDEN)
            cache.incr(sleutel)
        return schoon


@method_decorator(login_not_required, name="dispatch")
class WachtwoordVergetenView(auth_views.PasswordResetView):
    template_name = "toegang/wachtwoord_vergeten.html"
    form_class = HerstelFormulier
    email_template_name = "toegang/wachtwoord_herstel_email.txt"
    subject_template_name = "toegang/wachtwoord_herstel_onderwerp.txt"
    success_url = reverse_lazy("toegang:wachtwoord_verstuurd")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


@method_decorator(login_not_required, name="dispatch")
class WachtwoordVerstuurdView(auth_views.PasswordResetDoneView):
    template_name = "toegang/wachtwoord_verstuurd.html"


@method_decorator(login_not_required, name="dispatch")
class WachtwoordHerstellenView(auth_views.PasswordResetConfirmView):
    template_name = "toegang/wachtwoord_herstellen.html"
    success_url = reverse_lazy("toegang:wachtwoord_hersteld")


@method_decorator(login_not_required, name="dispatch")
class WachtwoordHersteldView(auth_views.PasswordResetCompleteView):
    template_name = "toegang/wachtwoord_hersteld.html"
