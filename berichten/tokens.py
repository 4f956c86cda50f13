"""Single-use links in e-mails: a random token goes into the link, only its hash into the database.

A leaked database gives no working link; the token is compared by its SHA-256 (a random 256-bit token
needs no slow hash). The caller stores `hash`, an expiry and a used-at time, and treats a link as used
by setting that time in the same transaction as the change it confirms.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings

GELDIG = timedelta(days=14)


def nieuw_token() -> tuple[str, str]:
    """(token for the link, its hash for the database)."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


def adres_hash(email: str) -> str:
    """A keyed hash of a normalised e-mail address: counts "once per address" without keeping the address."""
    genormaliseerd = (email or "").strip().lower()
    return hmac.new(settings.SECRET_KEY.encode(), genormaliseerd.encode(), hashlib.sha256).hexdigest()
