"""Issue 11 in a real browser (Playwright + Debian's chromium), at 1366 and 390 px: every main page fits a phone
without horizontal scrolling, the folded menu opens and closes, a signal can be logged on a phone, and the
dashboards draw their charts and pass axe-core. Screenshots are saved as test artefacts (BROWSER_ARTEFACTEN,
default /tmp/wijkportaal-browser/).

Lean on purpose: one live server for the module and few page loads per test."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import CHROMIUM
from tests.hulp.browser import axe, sessie_cookie, wacht_op_grafieken

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("hengelo_bewaard"),
]

ARTEFACTEN = Path(os.environ.get("BROWSER_ARTEFACTEN", "/tmp/wijkportaal-browser"))
ALLE_WIJKEN = [f"WK01640{i}" for i in range(10)]

OPENBAAR = ["/openbaar/", "/openbaar/gebied/WK016403/", "/inloggen/"]
INGELOGD = [
    "/",
    "/gebied/GM0164/",
    "/gebied/WK016403/",
    "/gebied/BU01640300/",
    "/gebied/WK016403/trend/AantalInwoners/",
    "/kaart/",
    "/vergelijk/",
    "/vergelijk/?gebieden=WK016403,WK016400,WK016408",
    "/gebied/WK016403/vergelijkbaar/",
    "/combineer/",
    "/gebied/WK016403/index/",
    "/gebied/WK016403/analyse/",
    "/gebied/WK016403/agenda/",
    "/gebied/WK016403/netwerk/",
    "/signalen/",
    "/signalen/nieuw/",
    "/signalen/hotspots/",
    "/signalen/cijfers/",
]


def _foto(page, naam: str):
    ARTEFACTEN.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTEN / f"{naam}.png"), full_page=True)


def _naam(url: str, breedte: int) -> str:
    return (re.sub(r"[^a-zA-Z0-9]+", "_", url).strip("_") or "home") + f"_{breedte}"


def _overloop(page) -> tuple[int, int, list[str]]:
    """scrollWidth and clientWidth of the page, and the first elements that stick out on the right."""
    return page.evaluate(
        """() => {
          const cw = document.documentElement.clientWidth;
          const uit = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > cw + 1)
            .slice(0, 5).map(e => e.tagName + '.' + e.className);
          return [document.documentElement.scrollWidth, cw, uit];
        }"""
    )


def _ingelogd_context(browser, live_server, gebruiker, breedte: int):
    # bypass_csp only so that axe can be injected; the pages' own scripts are all static files.
    context = browser.new_context(viewport={"width": breedte, "height": 800}, bypass_csp=True)
    context.add_cookies([sessie_cookie(gebruiker, live_server)])
    return context


def test_every_main_page_fits_a_390px_phone_and_the_menu_folds(live_server, browser, maak_gebruiker):
    regisseur = maak_gebruiker("regie-telefoon", "stadsdeelregisseur", portefeuille=ALLE_WIJKEN, persoonsgegevens=True)
    te_breed = []
    anoniem = browser.new_context(viewport={"width": 390, "height": 800})
    ingelogd = _ingelogd_context(browser, live_server, regisseur, 390)
    try:
        for context, urls in ((anoniem, OPENBAAR), (ingelogd, INGELOGD)):
            page = context.new_page()
            for url in urls:
                page.goto(live_server.url + url)
                if page.locator("[data-grafiek]").count():
                    wacht_op_grafieken(page, page.locator("[data-grafiek]").count())
                scroll, client, uit = _overloop(page)
                if scroll > client:
                    te_breed.append((url, scroll, client, uit))
                _foto(page, _naam(url, 390))
        assert te_breed == [], te_breed

        # The menu folds behind its button on a phone, opens on click and closes with Escape.
        page = ingelogd.new_page()
        page.goto(live_server.url + "/signalen/")
        knop = page.locator(".menuknop")
        expect(knop).to_be_visible()
        expect(knop).to_have_attribute("aria-expanded", "false")
        expect(page.locator("#hoofdmenu-lijst")).to_be_hidden()
        knop.click()
        expect(page.locator("#hoofdmenu-lijst a", has_text="Kaart")).to_be_visible()
        assert _overloop(page)[0] <= 390
        page.keyboard.press("Escape")
        expect(page.locator("#hoofdmenu-lijst")).to_be_hidden()
    finally:
        anoniem.close()
        ingelogd.close()

    # At 1366 px the menu is a plain row of links, no button.
    breed = _ingelogd_context(browser, live_server, regisseur, 1366)
    try:
        page = breed.new_page()
        page.goto(live_server.url + "/signalen/")
        expect(page.locator(".menuknop")).to_be_hidden()
        expect(page.locator("#hoofdmenu-lijst a", has_text="Kaart")).to_be_visible()
    finally:
        breed.close()


def test_a_signal_is_logged_end_to_end_on_a_phone(live_server, browser, maak_gebruiker, pdok, monkeypatch):
    """On a 390 px phone: the address lookup (fake PDOK geocoder) places the point, a click outside the
    portfolio is refused at once (not after submit), and the signal is saved in the looked-up buurt."""
    from signalen.models import Signaal
    from tests import conftest
    from tests.hulp.signalen import punt_in

    lon, lat = punt_in("BU01640300")  # a point that really lies in Bovenhoek (Hasseler Es)
    monkeypatch.setitem(conftest.PDOK_DOCS[0], "centroide_ll", f"POINT({lon:.6f} {lat:.6f})")
    regisseur = maak_gebruiker("regie-mobiel", "stadsdeelregisseur", portefeuille=["WK016403"], persoonsgegevens=True)
    context = _ingelogd_context(browser, live_server, regisseur, 390)
    context.set_default_timeout(20000)
    try:
        page = context.new_page()
        fouten = []
        page.on("pageerror", lambda exc: fouten.append(str(exc)))
        page.goto(live_server.url + "/signalen/nieuw/")
        page.wait_for_selector(".sig-kaart.grafiek__vlak--klaar", timeout=30000)
        kaart = page.locator(".sig-kaart").bounding_box()
        assert kaart["x"] >= 0 and kaart["x"] + kaart["width"] <= 390

        # A click in a buurt outside the portfolio (Buitengebied) is refused on the spot.
        buurt = page.locator(".sig-kaart path.choroplethlocation").last
        buurt.scroll_into_view_if_needed()
        vak = buurt.bounding_box()
        x, y = vak["x"] + vak["width"] * 0.5, vak["y"] + vak["height"] * 0.5
        page.mouse.move(x - 3, y - 3)
        page.mouse.move(x, y, steps=5)
        page.wait_for_selector(".hoverlayer .hovertext", timeout=10000)
        page.mouse.click(x, y)
        expect(page.locator("#kaart-portefeuille")).to_be_visible()
        expect(page.locator("#kaart-portefeuille")).to_contain_text("niet in uw portefeuille")

        # The address lookup puts the point in Bovenhoek, inside the portfolio.
        page.fill("#adres-zoekterm", "Bovenhoekweg 12")
        page.click("#adres-zoekknop")
        page.click("#adres-resultaten button:has-text('Bovenhoekweg 12')")
        expect(page.locator("#id_lon")).to_have_value(f"{lon:.6f}")
        expect(page.locator("#kaart-portefeuille")).to_be_hidden()
        page.fill("#id_omschrijving", "Zwerfvuil rond de glasbak, al een week niet opgehaald.")
        page.select_option("#id_categorie", index=1)
        page.select_option("#id_bron", "bewoner")
        _foto(page, "signaal_melden_ingevuld_390")
        assert _overloop(page)[0] <= 390
        assert axe(page) == []
        page.click("text=Signaal opslaan")
        page.wait_for_url(re.compile(r".*/signalen/\d+/$"))
        assert _overloop(page)[0] <= 390
        _foto(page, "signaal_gemeld_390")
        signaal = Signaal.objects.get(omschrijving__startswith="Zwerfvuil rond de glasbak")
        assert signaal.buurt.code == "BU01640300"
        assert not fouten, fouten
        assert axe(page) == []
    finally:
        context.close()


AXE_PAGINAS = [
    "/",
    "/gebied/WK016403/",
    "/gebied/BU01640300/",
    "/gebied/GM0164/",
    "/kaart/",
    "/vergelijk/?gebieden=WK016403,WK016400,WK016408",
    "/gebied/WK016403/analyse/",
    "/signalen/nieuw/",
    "/zoeken/?q=es",
]


def _wacht_en_axe(page, url: str, naam: str):
    page.goto(url)
    aantal = page.locator("[data-grafiek]").count()
    if aantal:
        wacht_op_grafieken(page, aantal)
    _foto(page, naam)
    overtredingen = axe(page)
    assert overtredingen == [], (url, overtredingen)


def test_dashboards_draw_their_charts_and_pass_axe_at_both_widths(live_server, browser, maak_gebruiker):
    regisseur = maak_gebruiker("regie-axe", "stadsdeelregisseur", portefeuille=["WK016403"], persoonsgegevens=True)
    for breedte in (1366, 390):
        context = _ingelogd_context(browser, live_server, regisseur, breedte)
        try:
            page = context.new_page()
            for url in AXE_PAGINAS if breedte == 1366 else AXE_PAGINAS[:3]:
                _wacht_en_axe(page, live_server.url + url, "axe_" + _naam(url, breedte))
            # The profile's first screen: tiles, a drawn locator map; then every folded table opened.
            page.goto(live_server.url + "/gebied/WK016403/")
            wacht_op_grafieken(page, 1)
            assert 6 <= page.locator(".tegel").count() <= 8
            assert page.locator("[data-grafiek=locatiekaart] path.choroplethlocation").count() >= 10
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            expect(page.locator("#domein-bevolking table")).to_be_visible()
            _foto(page, f"profiel_uitgeklapt_{breedte}")
            assert axe(page) == []
        finally:
            context.close()
    anoniem = browser.new_context(viewport={"width": 390, "height": 800}, bypass_csp=True)
    try:
        page = anoniem.new_page()
        for url in OPENBAAR:
            _wacht_en_axe(page, live_server.url + url, "axe_anoniem_" + _naam(url, 390))
    finally:
        anoniem.close()


def test_search_and_the_home_map_open_a_profile(live_server, browser, maak_gebruiker):
    regisseur = maak_gebruiker("regie-zoek", "stadsdeelregisseur", portefeuille=["WK016403"], persoonsgegevens=True)
    context = _ingelogd_context(browser, live_server, regisseur, 1366)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        # A buurt by its name: one exact match opens its profile.
        page.fill("#zoekterm", "bovenhoek")
        page.click(".zoekvak button")
        page.wait_for_url(re.compile(r".*/gebied/BU01640300/$"))
        expect(page.locator("h1")).to_contain_text("Bovenhoek")
        # Several matches are listed; axe after a search.
        page.go_back()
        page.fill("#zoekterm", "es")
        page.click(".zoekvak button")
        page.wait_for_url(re.compile(r".*/zoeken/\?q=es$"))
        assert page.locator(".treffers li").count() >= 3
        assert axe(page) == []
        page.click(".treffers a:has-text('Hasseler Es')")
        page.wait_for_url(re.compile(r".*/gebied/WK016403/$"))

        # Clicking a wijk on the home map opens its profile.
        page.goto(live_server.url + "/")
        wacht_op_grafieken(page, 1)
        _foto(page, "home_kaart_1366")
        vlak = page.locator("#inhoud .stadskaart path.choroplethlocation").nth(0)
        vak = vlak.bounding_box()
        x, y = vak["x"] + vak["width"] * 0.5, vak["y"] + vak["height"] * 0.5
        page.mouse.move(x - 3, y - 3)
        page.mouse.move(x, y, steps=5)
        page.wait_for_selector(".hoverlayer .hovertext", timeout=10000)
        page.mouse.click(x, y)
        page.wait_for_url(re.compile(r".*/gebied/WK01640\d/$"))
    finally:
        context.close()
