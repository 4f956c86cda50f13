from django.apps import AppConfig


class IndicatorenConfig(AppConfig):
    name = "indicatoren"
    verbose_name = "Indicatoren"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wijken.models import Gebied, GebiedVersie
        from wijken.signals import gebieden_gewijzigd

        from .cache import cijfers_gewijzigd
        from .models import Dataset, Indicator, KernsetItem, Waarde

        for model in (Indicator, Dataset, KernsetItem, Gebied, GebiedVersie):
            post_save.connect(cijfers_gewijzigd, sender=model, dispatch_uid=f"cache-{model.__name__}-save")
            post_delete.connect(cijfers_gewijzigd, sender=model, dispatch_uid=f"cache-{model.__name__}-delete")
        # Waarde: saves only. A delete receiver would make every bulk delete load its rows first;
        # the services that delete values invalidate explicitly.
        post_save.connect(cijfers_gewijzigd, sender=Waarde, dispatch_uid="cache-Waarde-save")
        gebieden_gewijzigd.connect(cijfers_gewijzigd, dispatch_uid="cache-gebieden")
