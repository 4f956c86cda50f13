"""The domain and dataset of the signalen figures (published by signalen.services.signalen_publiceren).

Internal: signals are the municipality's working record; counts per buurt are not open data."""

from django.db import migrations


def maak(apps, schema_editor):
    Domein = apps.get_model("indicatoren", "Domein")
    Dataset = apps.get_model("indicatoren", "Dataset")
    Organisatie = apps.get_model("toegang", "Organisatie")
    Domein.objects.update_or_create(
        code="signalen",
        defaults={
            "naam": "Signalen",
            "volgorde": 95,
            "beschrijving": "Wat bewoners en professionals melden over de leefbaarheid, per maand.",
        },
    )
    Dataset.objects.update_or_create(
        code="signalen",
        defaults={
            "naam": "Signalen van bewoners en professionals",
            "zichtbaarheid": "intern",
            "eigenaar": Organisatie.objects.get(code="gemeente-hengelo"),
            "licentie": "Intern gebruik gemeente Hengelo",
            "beschrijving": "Aantallen signalen per wijk en buurt per maand, uit het signalenregister.",
        },
    )


def verwijder(apps, schema_editor):
    apps.get_model("indicatoren", "Dataset").objects.filter(code="signalen", indicatoren__isnull=True).delete()
    apps.get_model("indicatoren", "Domein").objects.filter(code="signalen", indicatoren__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("indicatoren", "0006_dataset_verplicht"), ("toegang", "0002_organisaties")]
    operations = [migrations.RunPython(maak, verwijder)]
