"""Per derived indicator, every indicator its value depends on (also through other derived ones), so that
a derived indicator is readable only by who may read all its inputs. Filled here from the formulas."""

from django.db import migrations, models


def vullen(apps, schema_editor):
    # The formula parser is a pure module (no models): safe to use in a migration.
    from indicatoren.formules import FormuleFout, parse_formule

    Indicator = apps.get_model("indicatoren", "Indicator")
    formules = {}
    for code, tekst in Indicator.objects.filter(soort="afgeleid").values_list("code", "formule"):
        try:
            formules[code] = parse_formule(tekst).namen
        except FormuleFout:
            continue

    def van(code, pad=frozenset()):
        if code not in formules or code in pad:
            return set()
        namen = set(formules[code])
        for naam in formules[code]:
            namen |= van(naam, pad | {code})
        return namen

    ids = dict(Indicator.objects.values_list("code", "id"))
    Koppeling = Indicator.invoer.through
    Koppeling.objects.bulk_create(
        Koppeling(from_indicator_id=ids[code], to_indicator_id=ids[naam])
        for code in formules
        for naam in sorted(van(code))
        if code in ids and naam in ids
    )


class Migration(migrations.Migration):
    dependencies = [("indicatoren", "0009_dataset_levering")]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="invoer",
            field=models.ManyToManyField(
                blank=True,
                help_text="Alleen bij een afgeleide indicator: alle indicatoren waar de uitkomst van afhangt, ook "
                "via andere afgeleide. Het portaal houdt dit bij uit de formules; wie één invoer niet mag zien, "
                "ziet de uitkomst niet.",
                related_name="afgeleiden",
                to="indicatoren.indicator",
            ),
        ),
        migrations.RunPython(vullen, migrations.RunPython.noop),
    ]
