"""Deployment checks (`manage.py check --deploy`) for the access rules that depend on configuration."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def gedeelde_cache(app_configs, **kwargs):
    """The log-in brake and the API throttles count in the cache: with the default per-process memory
    cache, every gunicorn worker counts on its own and the brake is as many times weaker."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "The log-in brake and API throttles count per process (no shared cache).",
                hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) when running more than one worker.",
                id="toegang.W001",
            )
        ]
    return []
