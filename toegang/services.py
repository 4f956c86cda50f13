"""Write paths of the toegang app (one function per use case; views and the API call these)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import ApiToken

MAX_ACTIEVE_TOKENS = 20


class TokenFout(ValueError):
    pass


@transaction.atomic
def token_aanmaken(*, gebruiker, naam: str) -> tuple[ApiToken, str]:
    """A new API key for `gebruiker`: returns the token and the key itself, which is never stored
    (only its hash) and so can be shown only this once."""
    naam = naam.strip()
    if not naam:
        raise TokenFout("Geef de sleutel een naam (waarvoor gebruikt u hem?).")
    # Lock the owner's row: two requests at once must count each other's new key, or both see 19 and the
    # limit is raced (29 active keys were made that way). The lock serialises key creation per user only.
    get_user_model()._default_manager.select_for_update().filter(pk=gebruiker.pk).first()
    if ApiToken.objects.actief().filter(gebruiker=gebruiker).count() >= MAX_ACTIEVE_TOKENS:
        raise TokenFout(f"U hebt al {MAX_ACTIEVE_TOKENS} actieve sleutels; trek er eerst een in.")
    sleutel, prefix, sleutel_hash = ApiToken.nieuwe_sleutel()
    token = ApiToken.objects.create(gebruiker=gebruiker, naam=naam[:100], prefix=prefix, sleutel_hash=sleutel_hash)
    return token, sleutel


@transaction.atomic
def token_intrekken(*, token: ApiToken) -> ApiToken:
    """Revoke a key for good (idempotent: revoking twice keeps the first moment)."""
    if token.ingetrokken_op is None:
        token.ingetrokken_op = timezone.now()
        token.save(update_fields=["ingetrokken_op"])
    return token
