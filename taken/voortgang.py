"""Progress of a running job, in the cache (Redis in production, shared by the worker and the web
processes): the job's own database writes are one transaction and invisible until it ends."""

from django.core.cache import cache

BEWAAR_S = 24 * 3600


def _sleutel(taak_id) -> str:
    return f"taken:voortgang:{taak_id}"


def melden(taak_id, tekst: str, procent: int | None = None) -> None:
    cache.set(_sleutel(taak_id), {"tekst": str(tekst)[:300], "procent": procent}, BEWAAR_S)


def lezen(taak_id) -> dict | None:
    return cache.get(_sleutel(taak_id))


def wissen(taak_id) -> None:
    cache.delete(_sleutel(taak_id))
