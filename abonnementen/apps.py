from django.apps import AppConfig


class AbonnementenConfig(AppConfig):
    """Staying informed without watching dashboards: subscriptions per user (areas, categories, kinds of
    event; at once, daily or weekly), residents following a wijk's public figures by confirmed e-mail,
    digests and reminders sent through the outbox (berichten) by the job queue.

    An app on top: it reads signalen, wijkagenda and indicatoren (`gebeurtenissen.py`), and writes only
    its own tables and the outbox.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "abonnementen"
    verbose_name = "Abonnementen en meldingen"
