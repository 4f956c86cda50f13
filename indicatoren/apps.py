from django.apps import AppConfig


class IndicatorenConfig(AppConfig):
    name = "indicatoren"
    verbose_name = "Indicatoren"
