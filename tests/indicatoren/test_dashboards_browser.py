"""axe-core on the policymakers' dashboards in a real browser (Playwright + Debian's chromium): no WCAG 2.1
A/AA violations on the profile, trend, map, compare, similar, combine and index pages, with their Plotly
charts drawn. `hengelo_bewaard` keeps the real Hengelo data for the tests that follow."""

import pytest

from tests.conftest import CHROMIUM
from tests.hulp.browser import axe_context, geen_overtredingen

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PAGINAS = [
    "/",
    "/gebied/WK016403/",
    "/gebied/BU01640300/",
    "/gebied/WK016403/trend/AantalInwoners/",
    "/gebied/BU01640300/trend/ZonnestroomVermogenWoningen/",
    "/kaart/?indicator=AantalInwoners&niveau=wijk&jaar=2024",
    "/vergelijk/?gebieden=WK016403,WK016400,WK016408",
    "/gebied/WK016403/vergelijkbaar/",
    "/combineer/?x=Bevolkingsdichtheid&y=AantalInwoners&niveau=wijk&jaar=2024",
    "/gebied/WK016403/index/",
]


def test_axe_finds_no_wcag_21_aa_violations_on_the_dashboards(hengelo_bewaard, live_server, browser, maak_gebruiker):
    context = axe_context(browser, live_server, maak_gebruiker("beleid-axe", "beleidsmedewerker"))
    page = context.new_page()
    try:
        for url in PAGINAS:
            geen_overtredingen(page, live_server.url + url)
    finally:
        context.close()
