"""Write paths of the toegang app (one function per use case; views and the API call these)."""

import re
from urllib.parse import quote, quote_plus

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import ApiToken, AuditRegel

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


VERWIJDERD = "(verwijderd)"


@transaction.atomic
def audit_persoonsgegevens_verwijderen(*, teksten: list[str]) -> int:
    """Remove `teksten` (a reporter's name, phone number, e-mail address at the end of the retention term)
    from the paths and parameters of the audit log, as typed or URL-encoded; returns the rows changed.
    The audit row itself (who, when, what kind of request) stays."""
    vormen = sorted(
        {v for t in teksten if t and len(t.strip()) >= 3 for v in (t.strip(), quote_plus(t.strip()), quote(t.strip()))},
        key=len,
        reverse=True,
    )
    if not vormen:
        return 0
    zoek = Q()
    for vorm in vormen:
        zoek |= Q(pad__icontains=vorm) | Q(parameters__icontains=vorm)
    patroon = re.compile("|".join(re.escape(v) for v in vormen), re.IGNORECASE)
    rijen = list(AuditRegel.objects.select_for_update().filter(zoek))
    for rij in rijen:
        rij.pad = patroon.sub(VERWIJDERD, rij.pad)[:500]
        rij.parameters = patroon.sub(VERWIJDERD, rij.parameters)[:1000]
    AuditRegel.objects.bulk_update(rijen, ["pad", "parameters"])
    return len(rijen)
