"""Celery tasks of the subscriptions (scheduled by beat: settings.CELERY_BEAT_SCHEDULE). Each is idempotent:
what was sent is recorded with the outbox row in one transaction, so a retry or a second run sends nothing
twice."""

from celery import shared_task
from django.core.cache import cache

from . import versturen


@shared_task(name="abonnementen.digests_versturen", autoretry_for=(Exception,), retry_backoff=60, max_retries=3)
def digests_versturen(ritme: str):
    return versturen.digests_versturen(ritme=ritme)


@shared_task(name="abonnementen.direct_versturen", autoretry_for=(Exception,), retry_backoff=30, max_retries=3)
def direct_versturen():
    return versturen.direct_versturen()


@shared_task(name="abonnementen.herinneringen_versturen", autoretry_for=(Exception,), retry_backoff=60, max_retries=3)
def herinneringen_versturen():
    return versturen.herinneringen_versturen()


DIRECT_GEPLAND = "abonnementen:direct-gepland"


def direct_na_schrijven() -> None:
    """After a committed write of signals: send the immediate notifications soon (one job for a burst of
    writes). Only with a worker (settings.ABONNEMENTEN_DIRECT_NA_SCHRIJVEN); beat runs it every 5 minutes too."""
    from django.conf import settings

    if not getattr(settings, "ABONNEMENTEN_DIRECT_NA_SCHRIJVEN", False):
        return
    if cache.add(DIRECT_GEPLAND, 1, 20):
        direct_versturen.apply_async(countdown=5)
