from django.apps import AppConfig


class TakenConfig(AppConfig):
    """Background jobs: what runs on the Celery worker, who started it, how far it is and how it ended.

    The model and `services.uitvoeren` are plumbing any app may use (indicatoren's upload API creates a
    job); `tasks.py` wires the long work of the other apps (uploads, load_cbs, publishing signal counts,
    anonymisation, the outbox) to Celery by calling their public functions.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "taken"
    verbose_name = "Taken (achtergrondwerk)"
