"""Seed the organisations of wijkgericht werken in Hengelo (beheerders add more in the admin)."""

from django.db import migrations

ORGANISATIES = [
    ("gemeente-hengelo", "Gemeente Hengelo", "gemeente"),
    ("cbs", "Centraal Bureau voor de Statistiek (CBS)", "bron"),
    ("welbions", "Welbions (woningcorporatie)", "partner"),
    ("politie", "Politie Twente", "partner"),
    ("wijkracht", "Wijkracht (welzijn)", "partner"),
    ("gildebor", "Gildebor (beheer openbare ruimte)", "partner"),
    ("wijkraden", "Wijkraden Hengelo", "wijkraad"),
]


def maak(apps, schema_editor):
    Organisatie = apps.get_model("toegang", "Organisatie")
    for code, naam, soort in ORGANISATIES:
        Organisatie.objects.update_or_create(code=code, defaults={"naam": naam, "soort": soort})


def verwijder(apps, schema_editor):
    apps.get_model("toegang", "Organisatie").objects.filter(
        code__in=[o[0] for o in ORGANISATIES], accounts__isnull=True, datasets__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("toegang", "0001_initial")]
    operations = [migrations.RunPython(maak, verwijder)]
