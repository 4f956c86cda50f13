from django.apps import AppConfig


class WijkenConfig(AppConfig):
    name = "wijken"
    verbose_name = "Wijken en buurten"
