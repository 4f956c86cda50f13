"""Minimal pages on the real Hengelo data, with their query budgets pinned."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicatoren.models import Indicator, Status, Waarde
from indicatoren.services import afgeleide_herberekenen

pytestmark = pytest.mark.django_db


def test_home_lists_the_wijken_of_hengelo_with_their_buurten(client, django_assert_num_queries):
    # Issue 11: the home page also draws the city map and the latest hotspots (was 5 queries):
    # session, user, account; gemeente, wijken (with their boundary), buurten (prefetch); signal counts
    with django_assert_num_queries(7):
        antwoord = client.get("/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Hasseler Es" in html and "Bovenhoek" in html and "Buitengebied" in html
    assert html.count('class="wijk"') == 10
    assert 'href="/gebied/WK016403/"' in html
    assert 'href="/gebied/BU01640300/"' in html


def test_the_list_of_wijken_and_buurten_moved_to_wijken(client, django_assert_num_queries):
    # session, user; gemeente, wijken, buurten (prefetch)
    with django_assert_num_queries(5):
        html = client.get("/wijken/").content.decode()
    assert html.count('class="wijk"') == 10 and 'href="/gebied/BU01640300/"' in html


def test_wijk_page_shows_real_cbs_values_with_unit_period_and_source(client):
    antwoord = client.get("/gebied/WK016403/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Hasseler Es" in html
    assert "11.975" in html  # AantalInwoners 2024, CBS
    assert "5.295" in html  # Woningvoorraad
    assert "85984NED" in html
    assert "Bevolking" in html and "Wonen" in html
    assert "Bovenhoek" in html  # its buurten are linked


def test_trend_shows_a_missing_value_with_its_reason_not_a_zero(client):
    html = client.get("/gebied/BU01640309/trend/ZonnestroomVermogenWoningen/").content.decode()
    assert "onbekend" in html
    assert "ontbreekt (leeg in bron)" in html


def test_secret_and_small_values_show_their_reason(client):
    indicator = Indicator.objects.get(code="AantalInwoners")
    Waarde.objects.filter(indicator=indicator, gebied__code="WK016409").update(
        waarde=None, status=Status.GEHEIM, toelichting="CBS: geheim (x)"
    )
    html = client.get("/gebied/WK016409/").content.decode()
    assert "geheim (CBS)" in html
    indicator.onthullingsdrempel = 5000
    indicator.save(update_fields=["onthullingsdrempel"])
    html = client.get("/gebied/WK016400/").content.decode()
    assert "minder dan 5.000" in html
    assert "3.010" not in html


def test_page_query_count_does_not_grow_with_the_number_of_indicators(client):
    def aantal_queries(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    weinig = aantal_queries("/gebied/BU01640300/")  # 7 values
    veel = aantal_queries("/gebied/GM0164/")  # 8 CBS + derived values
    # session, user, account; gebied (with ouders), waarden (+ references), kernset, kinderen
    assert weinig == veel == 7


def test_gebied_page_budget(client, django_assert_num_queries):
    with django_assert_num_queries(7):
        client.get("/gebied/GM0164/")


@pytest.mark.parametrize("url", ["/gebied/XX999/", "/gebied/BU99999999/", "/bestaat-niet/"])
def test_unknown_codes_answer_404_with_a_helpful_page(client, url):
    antwoord = client.get(url)
    assert antwoord.status_code == 404
    assert "WK016403" in antwoord.content.decode()  # explains the code format


def test_lower_case_code_finds_the_gebied(client):
    assert client.get("/gebied/wk016403/").status_code == 200


def test_security_headers(client):
    antwoord = client.get("/")
    assert "default-src 'self'" in antwoord["Content-Security-Policy"]
    assert antwoord["X-Frame-Options"] == "DENY"
    assert antwoord["X-Content-Type-Options"] == "nosniff"


def test_derived_values_follow_their_inputs():
    gebied = Waarde.objects.get(indicator__code="Woningvoorraad", gebied__code="GM0164", periode="2024")
    Waarde.objects.filter(pk=gebied.pk).update(waarde=None, status=Status.GEHEIM)
    afgeleide_herberekenen()
    afgeleid = Waarde.objects.get(indicator__code="InwonersPerWoning", gebied__code="GM0164", periode="2024")
    assert afgeleid.waarde is None
    assert afgeleid.status == Status.ONBEKEND
    assert "Woningvoorraad" in afgeleid.toelichting
