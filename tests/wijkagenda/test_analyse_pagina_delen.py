"""The parts of the wijkanalyse page on the real Hengelo data: order, empty parts, lopende afspraken and a
query budget that does not grow with indicators or years."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from indicatoren.models import Indicator, Waarde
from toegang.models import Organisatie
from wijkagenda import services
from wijken.models import Gebied

pytestmark = pytest.mark.django_db
URL = "/gebied/WK016403/analyse/"


def tekst(antwoord) -> str:
    html = antwoord.content.decode()
    html = re.sub(r'<script[^>]*type="application/json".*?</script>', " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def afspraken(stadsdeelregisseur):
    """Hasseler Es: one open opgave with an overdue Welbions action and a Politie action due next month."""
    from indicatoren.models import Domein

    wijk = Gebied.objects.get(code="WK016403")
    vandaag = timezone.localdate()
    opgave = services.opgave_opslaan(
        door=stadsdeelregisseur,
        wijk=wijk,
        titel="Zwerfvuil rond de winkels",
        domein=Domein.objects.get(code="fysieke-leefomgeving"),
        partners=[Organisatie.objects.get(code="welbions"), Organisatie.objects.get(code="politie")],
        geopend_op=date(2024, 2, 1),
    )
    for omschrijving, org, streef in [
        ("Huurders informeren over afval", "welbions", vandaag - timedelta(days=3)),
        ("Extra surveillance", "politie", vandaag + timedelta(days=30)),
    ]:
        services.actie_opslaan(
            door=stadsdeelregisseur,
            opgave=opgave,
            omschrijving=omschrijving,
            eigenaar=Organisatie.objects.get(code=org),
            startdatum=date(2024, 3, 1),
            streefdatum=streef,
        )
    return opgave


def test_the_analysis_follows_the_parts_of_a_dutch_wijkanalyse_in_order(client):
    html = client.get(URL).content.decode()
    # (the herkenning rounds of issue 13 have a section of their own: not one of these parts)
    koppen = [k for k in re.findall(r'<h2 id="kop-([a-z-]+)"', html) if k != "herkenning"]
    assert koppen == [
        "kort",
        "samenstelling",
        "wonen",
        "sociaal",
        "veiligheid",
        "voorzieningen",
        "ontwikkeling",
        "sterk",
        "zorg",
        "signalen",
        "afspraken",
        "bronnen",
    ]


def test_a_part_without_data_says_which_data_is_missing_and_how_to_load_it(client):
    pagina = tekst(client.get(URL))
    # Hasseler Es has no CBS 'Nabijheid voorzieningen' figures in the fixtures
    assert "Voorzieningen: nog geen cijfers" in pagina
    assert "de afstand tot voorzieningen (CBS Kerncijfers, groep Nabijheid voorzieningen)" in pagina
    assert "python manage.py load_cbs --gemeente GM0164" in pagina
    assert "Ontbrekende gegevens" in pagina


def test_veiligheid_puts_registered_crime_next_to_the_safety_signals(client):
    html = client.get(URL).content.decode()
    deel = html[html.index('id="kop-veiligheid"') : html.index('id="kop-voorzieningen"')]
    assert 'id="veiligheid-MisdrijvenPer1000Inwoners"' in deel
    assert 'id="veiligheid-signalen"' in deel
    assert "Signalen over verkeersveiligheid, overlast en asociaal gedrag" in deel


def test_running_agreements_come_from_the_wijkagenda_also_for_a_buurt(client, afspraken):
    pagina = tekst(client.get(URL))
    assert (
        "In de wijkagenda van Hasseler Es loopt 1 opgave met samen 2 open acties, waarvan 1 over de streefdatum."
    ) in pagina
    assert "Zwerfvuil rond de winkels (fysieke leefomgeving, sinds 1 februari 2024): 2 open acties" in pagina
    assert "In de wijkagenda loopt 1 opgave met 2 open acties." in pagina  # in het kort
    buurt = Gebied.objects.filter(ouder__code="WK016403", niveau="buurt").order_by("code").first()
    assert "In de wijkagenda van Hasseler Es loopt 1 opgave" in tekst(client.get(f"/gebied/{buurt.code}/analyse/"))


def test_a_partner_sees_only_the_actions_of_its_own_organisation(client_partner_a, afspraken):
    pagina = tekst(client_partner_a.get(URL))
    assert "loopt 1 opgave met samen 1 open actie" in pagina


def test_every_sentence_with_agreements_cites_numbers_of_the_block_it_links_to(client, afspraken):
    html = client.get(URL).content.decode()
    zinnen = re.findall(r'<li>([^<]*?) <a class="zin-bron" href="#([^"]+)"', html)
    assert any(anker == "afspraken-totaal" for _, anker in zinnen)
    for zin, anker in zinnen:
        blok = re.search(rf'id="{anker}"(.*?)</(tr|dl)>', html, re.S).group(1)
        for getal in re.findall(r"(?<![\w,.+−-])\d[\d.]*(?:,\d+)?(?!\d)", zin):
            if re.fullmatch(r"20\d\d", getal) or getal.endswith("."):
                getal = getal.rstrip(".")
                if re.fullmatch(r"20\d\d", getal):
                    continue
            assert getal in blok, (getal, zin)


@pytest.mark.parametrize(("indicatoren", "jaren"), [(5, 1), (200, 10)])
def test_query_budget_is_the_same_for_5_or_200_indicators_and_1_or_10_years(
    client, afspraken, django_assert_num_queries, indicatoren, jaren
):
    basis = Indicator.objects.get(code="Bevolkingsdichtheid")
    gebieden = list(Gebied.objects.filter(code__in=["GM0164", "WK016403", "WK016401", "WK016402", "WK016404"]))
    nieuw = Indicator.objects.bulk_create(
        Indicator(
            code=f"Proef{i}", naam=f"Proef {i}", domein=basis.domein, dataset=basis.dataset, polariteit="hoger_beter"
        )
        for i in range(indicatoren)
    )
    Waarde.objects.bulk_create(
        Waarde(indicator=ind, gebied=g, periode=str(2024 - j), waarde=float(k + j), bron="proef")
        for ind in nieuw
        for j in range(jaren)
        for k, g in enumerate(gebieden)
    )
    # session, user, account; gebied; values; boundary versions; signal counts, main categories, escalations;
    # opgaven, actions; herkenning rounds (issue 13)
    with django_assert_num_queries(12):
        assert client.get(URL).status_code == 200
