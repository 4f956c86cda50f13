from django.apps import AppConfig


class MorConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mor"
    verbose_name = "Meldingen openbare ruimte"
