"""Seed the category tree from Hengelo's liveability pilots: main category, subcategories, the partner
that normally picks them up and the handling term in working days. Beheerders change them in the admin."""

from django.db import migrations

# (code, naam, standaard partner, afhandeltermijn in werkdagen, [(code, naam, partner|None, termijn|None)])
CATEGORIEEN = [
    ("zwerfvuil", "Zwerfvuil", "gildebor", 5, [
        ("zwerfafval-straat", "Zwerfafval op straat of in het groen", None, None),
        ("volle-afvalbak", "Volle of kapotte afvalbak", None, 3),
        ("afval-naast-container", "Afval naast de container (bijplaatsing)", None, 3),
        ("hondenpoep", "Hondenpoep", None, 10),
    ]),
    ("afvaldump", "Afvaldump en grofvuil", "gildebor", 3, [
        ("grofvuil-straat", "Grofvuil op straat", None, None),
        ("illegale-dump", "Illegale dump (bedrijfsafval, vermoeden asbest)", "gemeente-hengelo", 2),
        ("drugsafval", "Drugsafval gevonden", "politie", 1),
    ]),
    ("verlichting", "Openbare verlichting", "gemeente-hengelo", 10, [
        ("lantaarnpaal-defect", "Lantaarnpaal defect", None, None),
        ("donkere-plek", "Donkere plek, te weinig verlichting", None, 20),
    ]),
    ("verloedering", "Verloedering openbare ruimte", "gildebor", 10, [
        ("graffiti", "Graffiti en bekladding", None, None),
        ("kapot-straatmeubilair", "Kapot straatmeubilair of speeltoestel", None, 5),
        ("losliggende-bestrating", "Losliggende bestrating", None, None),
        ("verwaarloosd-pand", "Verwaarloosd pand of tuin", "welbions", 15),
    ]),
    ("groen", "Groen", "gildebor", 15, [
        ("overhangend-groen", "Overhangend groen, snoeien", None, None),
        ("verwaarloosd-plantsoen", "Onkruid en verwaarloosd plantsoen", None, None),
        ("gevaarlijke-boom", "Gevaarlijke of zieke boom", "gemeente-hengelo", 5),
    ]),
    ("verkeersveiligheid", "Verkeersveiligheid", "gemeente-hengelo", 20, [
        ("te-hard-rijden", "Te hard rijden", None, None),
        ("parkeeroverlast", "Parkeeroverlast", None, 10),
        ("onveilige-oversteek", "Onveilige oversteek of kruising", None, None),
    ]),
    ("overlast", "Overlast en asociaal gedrag", "politie", 5, [
        ("jongerenoverlast", "Overlast van jongeren (hangplek)", None, None),
        ("burenoverlast", "Burenoverlast", "welbions", 10),
        ("geluidsoverlast", "Geluidsoverlast", None, None),
        ("drugsoverlast", "Drugsoverlast, dealen op straat", None, 3),
    ]),
    ("onveilig-gevoel", "Onveilig gevoel", "politie", 10, [
        ("onveilige-plek", "Onveilige plek (tunnel, steeg, park)", "gemeente-hengelo", None),
        ("intimidatie", "Intimidatie of bedreiging", None, 3),
    ]),
    ("zorgsignaal", "Eenzaamheid en zorgsignaal", "wijkracht", 5, [
        ("eenzaamheid", "Eenzaamheid", None, None),
        ("verward-gedrag", "Verward gedrag", None, 2),
        ("zorgen-over-bewoner", "Zorgen over een bewoner (zorgmijding, vervuilde woning)", None, None),
        ("geldzorgen", "Geldzorgen en schulden", None, 10),
    ]),
    ("ondermijning", "Vermoeden van ondermijning", "politie", 10, [
        ("hennepteelt", "Vermoeden van hennepteelt", None, None),
        ("woonfraude", "Vermoeden van woonfraude of onderhuur", "welbions", None),
        ("verdachte-bedrijvigheid", "Verdachte bedrijvigheid in pand of bedrijf", "gemeente-hengelo", None),
    ]),
    ("woning-portiek", "Woning en portiek", "welbions", 10, [
        ("vervuilde-portiek", "Vervuilde portiek of gemeenschappelijke ruimte", None, None),
        ("achterstallig-onderhoud", "Achterstallig onderhoud huurwoning", None, 15),
    ]),
    ("overig", "Overig", "gemeente-hengelo", 10, []),
]


def maak(apps, schema_editor):
    Categorie = apps.get_model("signalen", "Categorie")
    Organisatie = apps.get_model("toegang", "Organisatie")
    org = {o.code: o for o in Organisatie.objects.all()}
    for volgorde, (code, naam, partner, termijn, subs) in enumerate(CATEGORIEEN, start=1):
        hoofd, _ = Categorie.objects.update_or_create(
            code=code,
            defaults={"naam": naam, "standaard_partner": org[partner], "afhandeltermijn": termijn,
                      "volgorde": volgorde * 10, "hoofdcategorie": None},
        )
        for sub_volgorde, (sub_code, sub_naam, sub_partner, sub_termijn) in enumerate(subs, start=1):
            Categorie.objects.update_or_create(
                code=sub_code,
                defaults={"naam": sub_naam, "hoofdcategorie": hoofd, "volgorde": sub_volgorde * 10,
                          "standaard_partner": org[sub_partner or partner], "afhandeltermijn": sub_termijn or termijn},
            )


def verwijder(apps, schema_editor):
    Categorie = apps.get_model("signalen", "Categorie")
    Categorie.objects.filter(hoofdcategorie__isnull=False, signalen__isnull=True).delete()
    Categorie.objects.filter(hoofdcategorie__isnull=True, signalen__isnull=True, subcategorieen__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("signalen", "0001_initial"), ("toegang", "0002_organisaties")]
    operations = [migrations.RunPython(maak, verwijder)]
