"""The domain and dataset of the MOR figures (published by mor.services.mor_publiceren). Internal, like the
signals: a municipality may open them later (the dataset's visibility in the admin)."""

from django.db import migrations


def maak(apps, schema_editor):
    Domein = apps.get_model("indicatoren", "Domein")
    Dataset = apps.get_model("indicatoren", "Dataset")
    Organisatie = apps.get_model("toegang", "Organisatie")
    Domein.objects.update_or_create(
        code="meldingen-openbare-ruimte",
        defaults={
            "naam": "Meldingen openbare ruimte",
            "volgorde": 96,  # right after Signalen (95)
            "beschrijving": "Wat bewoners bij de gemeente melden over de openbare ruimte (afval, verlichting, "
            "wegen, groen, overlast), per maand.",
        },
    )
    Dataset.objects.update_or_create(
        code="mor",
        defaults={
            "naam": "Meldingen openbare ruimte (MOR)",
            "zichtbaarheid": "intern",
            "eigenaar": Organisatie.objects.get(code="gemeente-hengelo"),
            "licentie": "Intern gebruik gemeente Hengelo",
            "beschrijving": "Aantallen meldingen openbare ruimte per wijk en buurt per maand, uit het "
            "meldingensysteem (Signalen, Fixi) geïmporteerd met import_mor.",
            "levering": "dienst",
        },
    )


def verwijder(apps, schema_editor):
    apps.get_model("indicatoren", "Dataset").objects.filter(code="mor", indicatoren__isnull=True).delete()
    apps.get_model("indicatoren", "Domein").objects.filter(
        code="meldingen-openbare-ruimte", indicatoren__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("mor", "0001_meldingen"),
        ("indicatoren", "0012_waarde_indicator_periode"),
        ("toegang", "0002_organisaties"),
    ]
    operations = [migrations.RunPython(maak, verwijder)]
