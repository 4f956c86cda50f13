"""The Celery application: background jobs (uploads, CBS loads, publishing signal counts) and the schedule
(digests, reminders, anonymisation) run by celery beat.

Configured from Django's settings (the `CELERY_*` names, see settings.py). Without a broker
(`CELERY_BROKER_URL`/`REDIS_URL` unset: the first run) every job runs at once in the process that asks
for it (`task_always_eager`), so neither Redis nor a worker is needed to try the portal.

Production: `celery -A wijkportaal worker` and `celery -A wijkportaal beat` (README, "Background jobs").
"""

import os
import sys
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings")
if "celery" in Path(sys.argv[0] if sys.argv else "").parts[-2:]:
    # The worker and beat run long jobs (a national CBS load): the statement timeout of management
    # commands (DB_COMMAND_STATEMENT_TIMEOUT_S), not the web processes' 30 s.
    os.environ.setdefault("WIJKPORTAAL_COMMANDO", "1")

app = Celery("wijkportaal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
