"""Seed the open datasets and give every existing indicator one, so the link can become required."""

from django.db import migrations

DATASETS = [
    ("cbs-kwb", "CBS Kerncijfers wijken en buurten", "openbaar", "cbs", "CC BY 4.0 (Bron: CBS)"),
    ("cbs-reeksen", "Overige CBS-reeksen per wijk en buurt", "openbaar", "cbs", "CC BY 4.0 (Bron: CBS)"),
    ("wijkportaal", "Berekend door het Wijkportaal", "openbaar", "gemeente-hengelo", "CC BY 4.0"),
]


def maak(apps, schema_editor):
    Organisatie = apps.get_model("toegang", "Organisatie")
    Dataset = apps.get_model("indicatoren", "Dataset")
    Indicator = apps.get_model("indicatoren", "Indicator")
    sets = {}
    for code, naam, zicht, eigenaar, licentie in DATASETS:
        sets[code], _ = Dataset.objects.update_or_create(
            code=code,
            defaults={"naam": naam, "zichtbaarheid": zicht, "licentie": licentie,
                      "eigenaar": Organisatie.objects.get(code=eigenaar)},
        )
    Indicator.objects.filter(dataset__isnull=True, soort="afgeleid").update(dataset=sets["wijkportaal"])
    Indicator.objects.filter(dataset__isnull=True, cbs_sleutels__isnull=False).update(dataset=sets["cbs-kwb"])
    Indicator.objects.filter(dataset__isnull=True).update(dataset=sets["cbs-reeksen"])


class Migration(migrations.Migration):
    dependencies = [("indicatoren", "0004_dataset"), ("toegang", "0002_organisaties")]
    operations = [migrations.RunPython(maak, migrations.RunPython.noop)]
