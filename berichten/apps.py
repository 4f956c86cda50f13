from django.apps import AppConfig


class BerichtenConfig(AppConfig):
    """Outgoing e-mail: an outbox that sends after the transaction commits and retries without sending twice.

    A base-layer app: it knows no other app of the portal; signalen, wijkagenda and later the
    subscriptions call `berichten.services.bericht_versturen`.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "berichten"
    verbose_name = "Berichten (e-mail)"
