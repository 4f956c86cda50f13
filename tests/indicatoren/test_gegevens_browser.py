"""Real-browser checks (Playwright + Debian's chromium) of a buurt profile with period labels and
'niet geladen' cells, an empty buurt profile, and the beheerder's Gegevensoverzicht: screenshots at 1366 and
390 px wide and axe-core with no WCAG 2.1 A/AA violation.

Screenshots go to $SCHERMAFDRUKKEN when set (e.g. var/screenshots), else to the pytest tmp dir.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM
from tests.hulp.browser import axe, axe_context

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

BREEDTES = (1366, 390)


@pytest.fixture
def map_(tmp_path) -> Path:
    pad = Path(os.environ.get("SCHERMAFDRUKKEN") or tmp_path)
    pad.mkdir(parents=True, exist_ok=True)
    return pad


@pytest.fixture
def met_signalen(hengelo_bewaard):
    from signalen import publicatie
    from signalen.demo import synthetische_signalen_maken

    synthetische_signalen_maken(aantal=400, seed=5)
    publicatie.signalen_publiceren(met_synthetisch=True)


def _bekijk(browser, live_server, gebruiker, url: str, naam: str, map_: Path) -> list[str]:
    """Open `url` at each width, save a full-page screenshot, assert axe finds nothing; the page texts."""
    teksten = []
    for breedte in BREEDTES:
        context = axe_context(browser, live_server, gebruiker)
        page = context.new_page()
        page.set_viewport_size({"width": breedte, "height": 900})
        page.goto(f"{live_server.url}{url}")
        # This boxes fit the screen (the wide overview tables scroll inside their own box). The page
        # header's phone layout belongs to the dashboard redesign (issue 11), so it is not asserted here.
        for doos in page.locator(".leeg, .overzicht-tabel").all():
            rand = doos.bounding_box()
            assert rand["x"] + rand["width"] <= breedte + 1, f"{url} at {breedte}px"
        pad = map_ / f"{naam}-{breedte}.png"
        page.screenshot(path=str(pad), full_page=True)
        assert pad.stat().st_size > 10_000
        assert axe(page) == [], f"{url} at {breedte}px"
        teksten.append(page.inner_text("main"))
        context.close()
    return teksten


def test_buurt_profile_shows_periods_and_not_loaded_figures(met_signalen, live_server, browser, maak_gebruiker, map_):
    beleid = maak_gebruiker("beleid-browser", "beleidsmedewerker")
    tekst, _ = _bekijk(browser, live_server, beleid, "/gebied/BU01640300/", "profiel-BU01640300", map_)
    assert "t/m" in tekst  # the rolling 12-month window is named
    assert "Nederland: niet geladen." in tekst
    assert "Niet geladen voor Bovenhoek" in tekst


def test_empty_buurt_profile_says_how_to_fill_it(hengelo_bewaard, live_server, browser, maak_gebruiker, map_):
    from indicatoren.models import Waarde

    # Every buurt has real inhabitants and crime figures now: this buurt is emptied for the test.
    Waarde.objects.filter(gebied__code="BU01640000").delete()
    beleid = maak_gebruiker("beleid-browser-leeg", "beleidsmedewerker")
    tekst, _ = _bekijk(browser, live_server, beleid, "/gebied/BU01640000/", "profiel-leeg-BU01640000", map_)
    assert "Nog geen cijfers voor Binnenstad Centrum" in tekst and "load_cbs --gemeente GM0164" in tekst


def test_gegevensoverzicht_in_the_browser(met_signalen, live_server, browser, maak_gebruiker, map_):
    beheerder = maak_gebruiker("beheer-browser", "beheerder", superuser=True)
    tekst, telefoon = _bekijk(browser, live_server, beheerder, "/gegevensoverzicht/", "gegevensoverzicht", map_)
    assert "Gegevensoverzicht" in tekst and "CBS Kerncijfers wijken en buurten" in tekst
    assert "met een getal" in tekst and "niet geladen voor" in tekst
    assert "Signalen van bewoners en professionals" in telefoon
