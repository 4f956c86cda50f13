"""Seed the policy domains agreed across departments. Beheerders can rename and reorder them."""

from django.db import migrations

DOMEINEN = [
    ("bevolking", "Bevolking", "Omvang en samenstelling van de bevolking en huishoudens."),
    ("wonen", "Wonen", "Woningvoorraad, eigendom, woningtypen en woningwaarde."),
    ("inkomen-armoede", "Inkomen en armoede", "Inkomen, vermogen, lage inkomens en uitkeringen."),
    ("zorg-welzijn", "Zorg en welzijn", "Jeugdzorg, Wmo, eenzaamheid en welzijn."),
    ("veiligheid", "Veiligheid", "Criminaliteit, overlast en veiligheidsgevoel."),
    ("fysieke-leefomgeving", "Fysieke leefomgeving", "Openbare ruimte, voorzieningen, oppervlakte en verkeer."),
    ("duurzaamheid", "Duurzaamheid", "Energieverbruik, zonnestroom en de energietransitie."),
    ("werk-onderwijs", "Werk, onderwijs en economie", "Arbeidsparticipatie, onderwijs en bedrijvigheid."),
    ("overig", "Overig", "Kenmerken die in geen ander domein passen."),
]


def maak(apps, schema_editor):
    Domein = apps.get_model("indicatoren", "Domein")
    for volgorde, (code, naam, beschrijving) in enumerate(DOMEINEN, start=1):
        Domein.objects.update_or_create(
            code=code, defaults={"naam": naam, "volgorde": volgorde * 10, "beschrijving": beschrijving}
        )


def verwijder(apps, schema_editor):
    apps.get_model("indicatoren", "Domein").objects.filter(code__in=[d[0] for d in DOMEINEN]).delete()


class Migration(migrations.Migration):
    dependencies = [("indicatoren", "0001_initial")]
    operations = [migrations.RunPython(maak, verwijder)]
