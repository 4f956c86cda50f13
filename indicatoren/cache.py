"""A cache for the heavy read pages, shared by all workers, invalidated by every write of their data.

The cache is Django's default cache: Redis when REDIS_URL is set (settings.py), so every gunicorn
worker on every machine sees the same entries; local memory otherwise (one process: runserver, tests).

Invalidation is by version, not by key: every entry's key contains the current *cijferversie*, a token
kept in the same cache. Every write of values, areas, boundaries, indicators, datasets or the kernset
replaces the token after its transaction commits (`cijfers_gewijzigd`), so all older entries are never
read again and expire on their own. The token is a fresh timestamp, not a counter, so a cache restart
(which loses the token) can never bring an old entry back under a reused number.

Writes that reach the token:
- `schrijven.waarden_schrijven` (every import, upload, the signal publication, derived values) and the
  removal of values by `services.waarden_vervangen`, explicitly (bulk writes send no model signals);
- a single save or delete of Indicator, Dataset, KernsetItem, Gebied or GebiedVersie, and a single save
  of a Waarde (the admin, the shell), through model signals (connected in apps.py);
- the boundary import (`wijken.importers`), through GebiedVersie's bulk create: explicitly.
Signals (the signalen app) are not cached here: their counts come from the aggregate, already fast.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction

SLEUTEL = "wijkportaal:cijferversie"
STANDAARD_DUUR = 6 * 3600  # seconds an entry may live at most (writes invalidate it sooner)


def cijferversie() -> str:
    versie = cache.get(SLEUTEL)
    if versie is None:
        cache.add(SLEUTEL, str(time.time_ns()), None)  # add: a concurrent worker's token wins
        versie = cache.get(SLEUTEL) or "0"
    return versie


def cijfers_gewijzigd(**_) -> None:
    """Invalidate every cached page computation, after the current transaction commits."""
    transaction.on_commit(lambda: cache.set(SLEUTEL, str(time.time_ns()), None))


def onthouden(naam: str, delen, bereken, *, duur: int = STANDAARD_DUUR):
    """`bereken()` cached under `naam` and the repr of `delen` (everything the result depends on
    besides the data: the area, the visitor's visible indicators, the parameters)."""
    sleutel = f"wijkportaal:{naam}:{cijferversie()}:{hashlib.sha256(repr(delen).encode()).hexdigest()}"
    uit = cache.get(sleutel)
    if uit is None:
        uit = bereken()
        cache.set(sleutel, uit, duur)
    return uit
