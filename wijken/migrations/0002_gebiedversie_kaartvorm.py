from django.db import migrations, models


def vul_kaartvorm(apps, schema_editor):
    from wijken.geo import kaartvorm

    GebiedVersie = apps.get_model("wijken", "GebiedVersie")
    versies = []
    for v in GebiedVersie.objects.exclude(geometrie=None).select_related("gebied").iterator(chunk_size=500):
        v.kaartvorm = kaartvorm(v.geometrie, v.gebied.niveau)
        versies.append(v)
        if len(versies) >= 500:
            GebiedVersie.objects.bulk_update(versies, ["kaartvorm"])
            versies = []
    GebiedVersie.objects.bulk_update(versies, ["kaartvorm"])


class Migration(migrations.Migration):
    dependencies = [("wijken", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="gebiedversie",
            name="kaartvorm",
            field=models.JSONField(
                blank=True,
                editable=False,
                help_text="De grens vereenvoudigd voor de kaart (per niveau, coördinaten afgerond); zie wijken.geo.kaartvorm",
                null=True,
            ),
        ),
        migrations.RunPython(vul_kaartvorm, migrations.RunPython.noop),
    ]
