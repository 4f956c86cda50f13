"""The domain and dataset of the signalen figures (published by signalen.services.signalen_publiceren),
owned by signalen (issue 17): indicatoren's migration 0007 used to create them and is now a no-op.

Idempotent: on a database where 0007 already created them they are left as they are (also when a
beheerder renamed them since; indicatoren 0009 made the dataset 'dienst' there); on a fresh database they
are created here, written by the portal only (levering 'dienst'). Internal: signals are the municipality's
working record; counts per buurt are not open data."""

from django.db import migrations


def maak(apps, schema_editor):
    Domein = apps.get_model("indicatoren", "Domein")
    Dataset = apps.get_model("indicatoren", "Dataset")
    Organisatie = apps.get_model("toegang", "Organisatie")
    Domein.objects.get_or_create(
        code="signalen",
        defaults={
            "naam": "Signalen",
            "volgorde": 95,
            "beschrijving": "Wat bewoners en professionals melden over de leefbaarheid, per maand.",
        },
    )
    Dataset.objects.get_or_create(
        code="signalen",
        defaults={
            "naam": "Signalen van bewoners en professionals",
            "zichtbaarheid": "intern",
            "eigenaar": Organisatie.objects.get(code="gemeente-hengelo"),
            "licentie": "Intern gebruik gemeente Hengelo",
            "beschrijving": "Aantallen signalen per wijk en buurt per maand, uit het signalenregister.",
            "levering": "dienst",
        },
    )


def verwijder(apps, schema_editor):
    apps.get_model("indicatoren", "Dataset").objects.filter(code="signalen", indicatoren__isnull=True).delete()
    apps.get_model("indicatoren", "Domein").objects.filter(code="signalen", indicatoren__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("signalen", "0003_maandtelling"),
        ("indicatoren", "0012_waarde_indicator_periode"),
        ("toegang", "0002_organisaties"),
    ]
    operations = [migrations.RunPython(maak, verwijder)]
