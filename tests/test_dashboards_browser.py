"""axe-core on the policymakers' dashboards in a real browser (Playwright + Debian's chromium): no WCAG 2.1
A/AA violations on the profile, trend, map, compare, similar, combine and index pages, with their Plotly
charts drawn. Uses the snapshot fixture of the wijkanalyse browser tests, so the real Hengelo data is
still there for the tests that follow."""

import pytest

from tests.conftest import CHROMIUM
from tests.test_wijkanalyse_browser import _geen_overtredingen, hengelo_bewaard  # noqa: F401

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
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


def test_axe_finds_no_wcag_21_aa_violations_on_the_dashboards(
    hengelo_bewaard,  # noqa: F811
    live_server,
    browser,
    maak_gebruiker,
):
    from django.test import Client

    client = Client()
    client.force_login(maak_gebruiker("beleid-axe", "beleidsmedewerker"))
    # axe is injected as a script, which the portal's Content-Security-Policy rightly forbids: bypass it here only
    context = browser.new_context(bypass_csp=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    try:
        for url in PAGINAS:
            _geen_overtredingen(page, live_server.url + url)
    finally:
        context.close()
