"""Picking areas for the comparison on the map, in a real browser (Playwright + Debian's chromium), at 1366 and
390 px: clicks on two wijken (Plotly's click event, as the map emits it) fill the list, the button sends them to
/vergelijk/, which shows both; no overflow at 390 px; axe-core finds no violation. Screenshots as artefacts."""

import os
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM
from tests.hulp.browser import axe, sessie_cookie, wacht_op_grafieken

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("hengelo_bewaard"),
]
ARTEFACTEN = Path(os.environ.get("BROWSER_ARTEFACTEN", "/tmp/wijkportaal-browser"))
KLIK = """(code) => { const gd = document.querySelector('[data-grafiek]'), spoor = gd.data[0];
  const punt = {location: code, customdata: spoor.customdata[spoor.locations.indexOf(code)]};
  gd.emit('plotly_click', {points: [punt]}); }"""


def test_two_wijken_picked_on_the_map_are_compared(live_server, browser, maak_gebruiker):
    gebruiker = maak_gebruiker("beleid-kiezen", "beleidsmedewerker")
    for breedte in (1366, 390):
        context = browser.new_context(viewport={"width": breedte, "height": 900}, bypass_csp=True)  # axe only
        context.add_cookies([sessie_cookie(gebruiker, live_server)])
        page = context.new_page()
        try:
            page.goto(f"{live_server.url}/kaart/?kiezen=vergelijk&niveau=wijk&indicator=Bevolkingsdichtheid&jaar=2024")
            wacht_op_grafieken(page, 1)
            assert page.locator("#kies-knop").is_disabled()
            page.evaluate(KLIK, "WK016403")
            page.evaluate(KLIK, "WK016400")
            assert "2 gekozen" in page.locator("#kies-status").inner_text()
            assert page.url.startswith(f"{live_server.url}/kaart/")  # a click picks, it does not open the profile
            assert "Hasseler Es (WK016403)" in page.locator("#kies-lijst").inner_text()
            breed, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert breed <= client, f"{breed} > {client} at {breedte} px"
            assert axe(page) == []
            ARTEFACTEN.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTEFACTEN / f"kaart_kiezen_{breedte}.png"), full_page=True)
            page.locator("#kies-knop").click()
            page.wait_for_url("**/vergelijk/?gebieden=WK016403%2CWK016400**")
            assert "Hasseler Es" in page.locator("#gekozen-gebieden ~ *").first.inner_text() or "Hasseler Es" in (
                page.content()
            )
        finally:
            context.close()
