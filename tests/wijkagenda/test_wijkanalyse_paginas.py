"""The wijkanalyse page on the real Hengelo data (CBS Kerncijfers 2024, Zonnestroom 2016-2022)."""

import re
from datetime import date

import pytest
from django.utils import timezone

from indicatoren.models import Indicator, Status, Waarde
from lib.getallen import formatteer_getal
from wijken.geo import grenswijzigingen
from wijken.models import GebiedVersie

pytestmark = pytest.mark.django_db


def tekst(antwoord) -> str:
    html = antwoord.content.decode()
    html = re.sub(r'<script[^>]*type="application/json".*?</script>', " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def waarde(code: str, gebied: str, periode: str = "2024") -> Waarde:
    return Waarde.objects.select_related("indicator").get(indicator__code=code, gebied__code=gebied, periode=periode)


def test_analysis_of_hasseler_es_lists_the_real_cbs_values_next_to_hengelo(client):
    antwoord = client.get("/gebied/WK016403/analyse/")
    assert antwoord.status_code == 200
    pagina = tekst(antwoord)
    eigen, hengelo = waarde("Bevolkingsdichtheid", "WK016403"), waarde("Bevolkingsdichtheid", "GM0164")
    # CBS Kerncijfers 2024: 3.302 inhabitants per km² in Hasseler Es against 1.365 in Hengelo
    assert (eigen.waarde, hengelo.waarde) == (3302, 1365)
    # samenstelling: described next to Hengelo, not judged (issue 11)
    assert "Aantal inwoners in Hasseler Es: 11.975 (2024)." in pagina
    # the table next to it shows the same numbers, the period and the source
    rij = re.search(r'<tr id="samenstelling-Bevolkingsdichtheid">(.*?)</tr>', antwoord.content.decode(), re.S).group(1)
    assert "3.302" in rij and "1.365" in rij and "2024" in rij and "CBS" in rij
    # counts are not judged against Hengelo, and say why
    assert "Aantal inwoners (bevolking, 2024): aantal of totaal" in pagina
    assert 'data-grafiek="grafiek-kenmerken"' in antwoord.content.decode()
    assert "Afdrukken of opslaan als PDF (A4)" in pagina


def test_every_sentence_cites_numbers_that_are_in_the_table_it_links_to(client):
    html = client.get("/gebied/WK016403/analyse/").content.decode()
    zinnen = re.findall(r'<li>([^<]*?) <a class="zin-bron" href="#([^"]+)"', html)
    assert zinnen
    for zin, anker in zinnen:
        blok = re.search(rf'id="{anker}"(.*?)</(tr|dl)>', html, re.S).group(1)
        getallen = re.findall(r"(?<![\w,.])\d[\d.]*(?:,\d+)?", zin)
        getallen = [g for g in getallen if not re.fullmatch(r"20\d\d", g)]  # periods are not cited numbers
        assert getallen, zin
        for getal in getallen:
            assert getal in blok, (getal, zin)


@pytest.mark.parametrize("url", ["/gebied/WK016403/analyse/", "/gebied/BU01640300/analyse/"])
def test_analysis_query_budget_is_fixed(client, django_assert_num_queries, url):
    # session, user, account; gebied; values (area, Hengelo, all areas of its level); boundary versions;
    # signal counts (1 grouped query), main categories, escalations (1 aggregate); opgaven, actions (agenda);
    # herkenning rounds (issue 13)
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200


def test_query_budget_does_not_grow_with_the_number_of_indicators(client, django_assert_num_queries):
    before = Indicator.objects.count()
    basis = Indicator.objects.get(code="Bevolkingsdichtheid")
    for i in range(20):
        extra = Indicator.objects.create(
            code=f"Extra{i}", naam=f"Extra {i}", domein=basis.domein, dataset=basis.dataset, polariteit="hoger_beter"
        )
        Waarde.objects.create(
            indicator=extra, gebied=waarde("AantalInwoners", "WK016403").gebied, periode="2024", waarde=float(i)
        )
    assert Indicator.objects.count() == before + 20
    with django_assert_num_queries(12):
        assert client.get("/gebied/WK016403/analyse/").status_code == 200


def test_changes_of_a_real_buurt_series_and_a_boundary_warning_instead_of_a_false_trend(client):
    # Zonnestroom per buurt 2016-2022 is loaded for the buurten of Hasseler Es
    code = next(
        c
        for c in Waarde.objects.filter(indicator__code="ZonnestroomVermogenWoningen", periode="2022")
        .values_list("gebied__code", flat=True)
        .order_by("gebied__code")
        if any(
            tot == 2025
            for _, tot, _ in grenswijzigingen(
                list(GebiedVersie.objects.filter(gebied__code=c).values_list("jaar", "geometrie"))
            )
        )
    )
    oud, nieuw = (
        waarde("ZonnestroomVermogenWoningen", code, "2021"),
        waarde("ZonnestroomVermogenWoningen", code, "2022"),
    )
    pagina = tekst(client.get(f"/gebied/{code}/analyse/"))
    woord = "steeg" if nieuw.waarde > oud.waarde else "daalde"
    assert (
        f"{woord} in {nieuw.gebied.naam} van {formatteer_getal(oud.waarde, 0)} kW in 2021 naar "
        f"{formatteer_getal(nieuw.waarde, 0)} kW in 2022"
    ) in pagina
    # a 2025 figure under the new indeling: no trend 2022 -> 2025, a warning instead
    Waarde.objects.create(
        indicator=nieuw.indicator,
        gebied=nieuw.gebied,
        periode="2025",
        waarde=nieuw.waarde + 100,
        status=Status.BESCHIKBAAR,
        bron="test",
    )
    pagina = tekst(client.get(f"/gebied/{code}/analyse/"))
    assert f"geven we geen trend: de grens van {nieuw.gebied.naam} veranderde tussen 2022 en 2025" in pagina
    assert f"{woord} in {nieuw.gebied.naam} van" not in pagina


def test_signals_section_counts_with_the_signalen_rules_and_labels_synthetic_data(client):
    from signalen.demo import synthetische_signalen_maken
    from signalen.models import ESCALATIE_OPEN, Escalatie, Signaal

    vandaag = timezone.localdate()
    synthetische_signalen_maken(aantal=400, seed=7, tot=vandaag)
    eerste = date(vandaag.year - 1, vandaag.month, 1)
    laatste = date(vandaag.year, vandaag.month, 1)
    verwacht = (
        Signaal.objects.telbaar()
        .filter(wijk__code="WK016403", datum_voorval__gte=eerste, datum_voorval__lt=laatste)
        .count()
    )
    open_esc = Escalatie.objects.filter(signaal__wijk__code="WK016403", status__in=ESCALATIE_OPEN)
    pagina = tekst(client.get("/gebied/WK016403/analyse/"))
    assert f"kwamen in Hasseler Es {verwacht} signalen binnen" in pagina
    assert f"{verwacht} van deze {verwacht} signalen zijn synthetische demo-signalen" in pagina
    assert "Demo-gegevens:" in pagina
    assert (
        f"{open_esc.count()} escalatie{'s' if open_esc.count() != 1 else ''} open bij partners, waarvan "
        f"{open_esc.filter(streefdatum__lt=vandaag).count()} over de streefdatum"
    ) in pagina


def test_partner_sees_only_its_datasets_and_no_signal_figures(client_partner_a):
    pagina = tekst(client_partner_a.get("/gebied/WK016403/analyse/"))
    assert "Cijfers over alle signalen zijn alleen voor medewerkers" in pagina
    assert "Bevolkingsdichtheid" in pagina


def test_anonymous_is_sent_to_log_in(client_anoniem):
    assert client_anoniem.get("/gebied/WK016403/analyse/").status_code == 302


@pytest.mark.parametrize("url", ["/gebied/WK999999/analyse/", "/gebied/GM0164/analyse/", "/gebied/GM0363/analyse/"])
def test_unknown_codes_and_non_wijk_areas_answer_404(client, url):
    assert client.get(url).status_code == 404


def test_tables_download_as_csv(client):
    antwoord = client.get("/gebied/WK016403/analyse/?formaat=csv&tabel=samenstelling")
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode("utf-8-sig")
    assert inhoud.splitlines()[0].startswith("indicator;Hasseler Es;Hengelo;eenheid;periode")
    assert "Bevolkingsdichtheid;3.302;1.365" in inhoud
    kenmerken = client.get("/gebied/WK016403/analyse/?formaat=csv&tabel=kenmerken").content.decode("utf-8-sig")
    assert kenmerken.splitlines()[0].startswith("indicator;domein;oordeel")


def test_profile_links_to_the_analysis(client):
    assert 'href="/gebied/WK016403/analyse/"' in client.get("/gebied/WK016403/").content.decode()
