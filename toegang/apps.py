from django.apps import AppConfig


class ToegangConfig(AppConfig):
    name = "toegang"
    verbose_name = "Toegang: organisaties, rollen en API-sleutels"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deployment checks
