from django.apps import AppConfig


class ToegangConfig(AppConfig):
    name = "toegang"
    verbose_name = "Toegang: organisaties, rollen en API-sleutels"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import checks  # noqa: F401 - registers the deployment checks
        from .middleware import sessie_begonnen

        user_logged_in.connect(sessie_begonnen, dispatch_uid="toegang.sessie_begonnen")
