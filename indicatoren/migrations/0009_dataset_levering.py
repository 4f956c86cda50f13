"""Who may write a dataset by upload: the portal's own datasets (CBS imports, derived figures, the
signalen publication) only by the portal itself; every other dataset by its owner, as before."""

from django.db import migrations, models

# Written by the portal's services and commands, never by an upload.
DIENST = ["cbs-kwb", "cbs-reeksen", "wijkportaal", "signalen"]


def zet(apps, schema_editor):
    apps.get_model("indicatoren", "Dataset").objects.filter(code__in=DIENST).update(levering="dienst")


class Migration(migrations.Migration):
    dependencies = [("indicatoren", "0008_waarde_zonder_dubbele_indexen")]
    operations = [
        migrations.AddField(
            model_name="dataset",
            name="levering",
            field=models.CharField(
                choices=[
                    ("eigenaar", "Per upload: partners en beleidsmedewerkers van de eigenaar, en beheerders"),
                    ("dienst", "Alleen het Wijkportaal zelf (import, berekening, publicatie), nooit per upload"),
                ],
                default="eigenaar",
                help_text="Wie de waarden per upload mag leveren. 'Alleen het Wijkportaal' voor wat het portaal "
                "zelf schrijft (CBS-import, afgeleide cijfers, de signalencijfers): dan overschrijft geen upload "
                "die waarden.",
                max_length=10,
            ),
        ),
        migrations.RunPython(zet, migrations.RunPython.noop),
    ]
