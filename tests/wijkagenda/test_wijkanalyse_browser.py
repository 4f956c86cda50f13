"""Real-browser checks of the wijkanalyse and the public wijkprofiel (Playwright + Debian's chromium):
the print preview renders charts and tables (screenshot and A4 PDF under the pytest tmp dir), and axe-core
reports no WCAG 2.1 A/AA violations.

The live server needs committed data, so these tests are transactional; a transactional test empties the
database afterwards, and tests/conftest.py puts the real Hengelo data back after each of them (a snapshot
taken once per test process), so the tests that follow still find it.
"""

import pytest

from tests.conftest import CHROMIUM
from tests.hulp.browser import axe_context, geen_overtredingen, sessie_cookie, wacht_op_grafieken

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def ingelogd(hengelo_bewaard, live_server, page, maak_gebruiker):
    """The browser page logged in as a beleidsmedewerker."""
    page.context.add_cookies([sessie_cookie(maak_gebruiker("beleid-browser", "beleidsmedewerker"), live_server)])
    return page


def test_print_preview_of_the_analysis_renders_charts_and_tables(ingelogd, live_server, tmp_path):
    from signalen.demo import synthetische_signalen_maken

    synthetische_signalen_maken(aantal=200, seed=3)
    page = ingelogd
    page.set_viewport_size({"width": 1000, "height": 1400})
    page.goto(f"{live_server.url}/gebied/WK016403/analyse/")
    aantal = page.locator("[data-grafiek]").count()
    assert aantal >= 2  # strengths and concerns, signals
    wacht_op_grafieken(page, aantal)

    page.emulate_media(media="print")
    page.wait_for_timeout(300)
    assert page.locator("[data-afdrukken]").is_hidden()  # the buttons are not printed
    assert page.locator(".afdruk-voet").is_visible()
    for grafiek in page.locator(".grafiek__vlak--klaar").all():
        assert grafiek.locator("svg.main-svg").first.is_visible()
        doos = grafiek.bounding_box()
        assert doos["width"] > 300 and doos["height"] > 150
    tabel = page.locator("#samenstelling-Bevolkingsdichtheid")
    assert tabel.is_visible() and "3.302" in tabel.inner_text()
    assert page.locator("#grafiek-signalen-titel").is_visible()

    schermafdruk = tmp_path / "wijkanalyse-WK016403-afdruk.png"
    page.screenshot(path=str(schermafdruk), full_page=True)
    assert schermafdruk.stat().st_size > 20_000
    pdf = tmp_path / "wijkanalyse-WK016403.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000


def test_axe_finds_no_wcag_21_aa_violations_on_the_analysis_and_agenda(
    hengelo_bewaard, live_server, browser, maak_gebruiker
):
    from indicatoren.models import Domein, Indicator
    from toegang.models import Organisatie
    from wijkagenda import services
    from wijken.models import Gebied

    regisseur = maak_gebruiker("regisseur-axe", "stadsdeelregisseur", portefeuille=["WK016403"])
    opgave = services.opgave_opslaan(
        door=regisseur,
        wijk=Gebied.objects.get(code="WK016403"),
        titel="Zwerfvuil rond de winkels",
        domein=Domein.objects.get(code="fysieke-leefomgeving"),
        indicatoren=[Indicator.objects.get(code="Bevolkingsdichtheid")],
        partners=[Organisatie.objects.get(code="welbions")],
    )
    actie = services.actie_opslaan(
        door=regisseur,
        opgave=opgave,
        omschrijving="Extra ledigingsronde",
        eigenaar=Organisatie.objects.get(code="gildebor"),
        streefdatum=opgave.geopend_op,
    )
    services.contact_opslaan(
        door=regisseur,
        wijk=opgave.wijk,
        organisatie=Organisatie.objects.get(code="politie"),
        rol="Wijkagent",
        bereikbaar="0900-8844",
    )
    context = axe_context(browser, live_server, regisseur)
    page = context.new_page()
    try:
        for url in [
            "/gebied/WK016403/analyse/",
            "/gebied/BU01640300/analyse/",
            "/gebied/WK016403/agenda/",
            "/gebied/WK016403/netwerk/",
            f"/gebied/WK016403/agenda/opgave/{opgave.pk}/actie/nieuw/",
            f"/gebied/WK016403/agenda/actie/{actie.pk}/voortgang/",
        ]:
            geen_overtredingen(page, live_server.url + url)
    finally:
        context.close()


def test_axe_finds_no_wcag_21_aa_violations_on_the_public_pages_also_on_a_phone(hengelo_bewaard, live_server, browser):
    context = axe_context(browser, live_server)
    page = context.new_page()
    try:
        for breedte in (1200, 375):
            page.set_viewport_size({"width": breedte, "height": 800})
            for url in ["/openbaar/", "/openbaar/gebied/WK016403/", "/openbaar/gebied/BU01640300/"]:
                geen_overtredingen(page, live_server.url + url)
                # readable on a phone: nothing wider than the screen
                assert page.evaluate("document.documentElement.scrollWidth") <= breedte + 1, (url, breedte)
    finally:
        context.close()
