from django.apps import AppConfig


class WijkagendaConfig(AppConfig):
    """The layer on top: the analysis of a wijk, its agenda and network, and the public profile.

    It reads wijken, indicatoren, signalen and toegang; none of them knows this app.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "wijkagenda"
    verbose_name = "Wijkanalyse en wijkagenda"
