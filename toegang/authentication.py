"""API authentication and throttling for machine clients: `Authorization: Token <sleutel>`.

Only the SHA-256 hash of a key is stored (toegang.models.ApiToken); a request's key is hashed and
looked up among the active tokens. `laatst_gebruikt_op` is updated at most once a minute, so a busy
client does not turn every read into a write.
"""

from datetime import timedelta

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from .adres import client_adres
from .models import ApiToken

TREFWOORDEN = (b"token", b"bearer")  # "Bearer" too: what Swagger UI and most HTTP clients send
GEBRUIK_BIJWERKEN_NA = timedelta(minutes=1)


class TokenAuthenticatie(BaseAuthentication):
    """`Authorization: Token <key>` (or `Bearer <key>`) -> (user, ApiToken)."""

    def authenticate(self, request):
        kop = get_authorization_header(request).split()
        if not kop or kop[0].lower() not in TREFWOORDEN:
            return None  # not ours: session authentication may still apply
        if len(kop) != 2:
            raise exceptions.AuthenticationFailed("Ongeldige Authorization-kop: verwacht 'Token <sleutel>'.")
        try:
            sleutel = kop[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("Ongeldige API-sleutel: alleen ASCII-tekens.") from exc
        return gebruiker_van_sleutel(sleutel)

    def authenticate_header(self, request):
        # Makes an unauthenticated request a 401 (with this challenge) instead of a 403.
        return 'Token realm="api"'


def gebruiker_van_sleutel(sleutel: str):
    """(user, ApiToken) for an active key; AuthenticationFailed otherwise. Also used by the Open311 `api_key`."""
    token = (
        ApiToken.objects.actief().select_related("gebruiker").filter(sleutel_hash=ApiToken.hash_van(sleutel)).first()
    )
    if token is None or not token.gebruiker.is_active:
        raise exceptions.AuthenticationFailed("Ongeldige of ingetrokken API-sleutel.")
    nu = timezone.now()
    if token.laatst_gebruikt_op is None or nu - token.laatst_gebruikt_op >= GEBRUIK_BIJWERKEN_NA:
        ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=nu)
        token.laatst_gebruikt_op = nu
    return token.gebruiker, token


class TokenAuthenticatieSchema(OpenApiAuthenticationExtension):
    target_class = TokenAuthenticatie
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "API-sleutel als `Token <sleutel>` (of `Bearer <sleutel>`). "
            "Maak en trek sleutels in via /api/v1/tokens/ (ingelogd in de browser).",
        }


class TokenOfGebruikerThrottle(SimpleRateThrottle):
    """Rate limit per API token; a person logged in through the browser counts per user.

    Anonymous clients are left to AnonRateThrottle (per address).
    """

    scope = "token"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user is not None and request.user.is_authenticated:
            ident = f"gebruiker-{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnoniemThrottle(AnonRateThrottle):
    """Per client address for anonymous clients. DRF's own version believes any `X-Forwarded-For` a client
    writes (130 of 130 forged requests passed a limit of 120); this one takes the address from
    toegang.adres, which trusts the header only from settings.TRUSTED_PROXIES."""

    def get_ident(self, request):
        return client_adres(request) or "onbekend"
