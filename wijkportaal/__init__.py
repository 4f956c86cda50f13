# The Celery app is loaded with Django, so that `shared_task` tasks bind to it (and `.delay()` in a web
# process uses its broker, or runs eagerly without one).
from .celery import app as celery_app

__all__ = ["celery_app"]
