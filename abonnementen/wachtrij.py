"""The queue's state for the beheerder's page: how jobs run here, the broker, waiting messages, recent
jobs and failures. Reading the broker never blocks the page for long (1 s timeout)."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from taken.models import Taak, TaakStatus
from taken.services import achtergelaten, status_van
from toegang.adres import client_adres


def _broker() -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"modus": "direct", "bereikbaar": None, "wachtend": None, "adres": ""}
    deel = urlsplit(settings.CELERY_BROKER_URL)
    adres = f"{deel.scheme}://{deel.hostname}:{deel.port or 6379}{deel.path}"  # never the password
    try:
        import redis

        verbinding = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=1, socket_connect_timeout=1)
        wachtend = verbinding.llen("celery")
        return {"modus": "worker", "bereikbaar": True, "wachtend": wachtend, "adres": adres}
    except Exception as exc:  # noqa: BLE001 - any broker trouble is shown, not raised
        return {"modus": "worker", "bereikbaar": False, "wachtend": None, "adres": adres, "fout": str(exc)[:200]}


def overzicht() -> dict:
    week = timezone.now() - timedelta(days=7)
    recent = [status_van(t) | {"taak": t} for t in Taak.objects.recent()[:50]]
    mislukt = list(Taak.objects.recent().filter(status=TaakStatus.MISLUKT, aangemaakt_op__gte=week)[:50])
    return {
        "broker": _broker(),
        "recent": recent,
        "mislukt": mislukt,
        "achtergelaten": list(achtergelaten().select_related("gestart_door")[:50]),
        "schema": sorted(
            ((naam, regel["task"], str(regel["schedule"])) for naam, regel in settings.CELERY_BEAT_SCHEDULE.items()),
        ),
    }


def te_vaak(request, wat: str, *, maximum: int = 10, seconden: int = 3600) -> bool:
    """A brake on forms without log-in: at most `maximum` per client address per hour."""
    sleutel = f"abonnementen:{wat}:{client_adres(request) or 'onbekend'}"
    cache.add(sleutel, 0, seconden)
    try:
        return cache.incr(sleutel) > maximum
    except ValueError:
        return False
