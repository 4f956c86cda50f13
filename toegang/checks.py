"""Deployment checks (`manage.py check --deploy`) for the access rules that depend on configuration."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def gedeelde_cache(app_configs, **kwargs):
    """The log-in brake and the API throttles count in the cache: with the default per-process memory
    cache, every gunicorn worker counts on its own and the brake is as many times weaker. Production
    (several workers) must have a shared cache: an error, so a deployment that runs `check --deploy
    --fail-level ERROR` (or any level) stops here."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Error(
                "The log-in brake and API throttles count per process (no shared cache).",
                hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0): every worker must count in the same place.",
                id="toegang.E001",
            )
        ]
    return []
