"""A stadsdeelregisseur in a real browser (Playwright + Debian's chromium): logs in, logs a signal by clicking
a point on the offline map of Hengelo's buurten, finds it in the worklist and moves it through the workflow
(in behandeling, doorgezet to a partner, escalation finished, afgehandeld with a note).

The live server needs committed data, so this test is transactional; `hengelo_bewaard` keeps the real
Hengelo data for the tests that follow (see tests/conftest.py)."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import CHROMIUM, WACHTWOORD

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("hengelo_bewaard"),
]

ALLE_WIJKEN = [f"WK01640{i}" for i in range(10)]


def test_log_a_signal_on_the_map_and_move_it_through_the_workflow(live_server, page, maak_gebruiker):
    from signalen.models import Escalatie, Historie, Signaal

    maak_gebruiker("regie-browser", "stadsdeelregisseur", portefeuille=ALLE_WIJKEN, persoonsgegevens=True)
    fouten = []
    page.on("pageerror", lambda exc: fouten.append(str(exc)))
    externe = []
    page.on("request", lambda r: externe.append(r.url) if not r.url.startswith(live_server.url) else None)

    # Log in through the log-in page.
    page.goto(f"{live_server.url}/signalen/")
    page.fill("#id_username", "regie-browser")
    page.fill("#id_password", WACHTWOORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/signalen/$"))

    # The log form: the map draws the stored boundaries; a click in a buurt fills lon/lat.
    page.click("text=Nieuw signaal melden")
    page.wait_for_selector(".sig-kaart.grafiek__vlak--klaar", timeout=30000)
    # Click in the middle of one of the drawn buurten (the map's centre may fall between them).
    buurt = page.locator(".sig-kaart path.choroplethlocation").nth(30)
    buurt.scroll_into_view_if_needed()
    vak = buurt.bounding_box()
    x, y = vak["x"] + vak["width"] * 0.5, vak["y"] + vak["height"] * 0.5
    page.mouse.move(x - 5, y - 5)
    page.mouse.move(x, y, steps=5)  # plotly picks the clicked buurt from the hover under the mouse
    page.wait_for_selector(".hoverlayer .hovertext", timeout=10000)
    page.mouse.click(x, y)
    expect(page.locator("#id_lon")).not_to_have_value("", timeout=10000)
    lon = float(page.input_value("#id_lon"))
    lat = float(page.input_value("#id_lat"))
    assert 6.70 < lon < 6.85 and 52.19 < lat < 52.32, (lon, lat)
    assert "Gekozen punt" in page.text_content("#kaart-uitvoer")

    page.fill("#id_omschrijving", "Kapotte lantaarnpaal bij de speeltuin, het is er 's avonds donker.")
    page.select_option("#id_categorie", label="Lantaarnpaal defect")
    page.select_option("#id_bron", "bewoner")
    page.fill("#id_aantal_bewoners", "2")
    page.fill("#id_melder_naam", "Bewoner Browsertest")
    page.click("text=Signaal opslaan")
    page.wait_for_url(re.compile(r".*/signalen/\d+/$"))
    assert "is gemeld in" in page.text_content(".sig-meldingen")
    signaal = Signaal.objects.get()
    assert signaal.buurt is not None and signaal.grens_jaar == 2025
    assert (signaal.lon, signaal.lat) == pytest.approx((lon, lat), abs=1e-6)

    # It is in the worklist (the regisseur's portfolio).
    page.click("nav[aria-label=Kruimelpad] >> text=Signalen")
    rij = page.locator(f"table.sig-lijst a[href='/signalen/{signaal.pk}/']")
    assert rij.count() == 1
    assert "Kapotte lantaarnpaal" in page.text_content("table.sig-lijst")
    rij.click()

    # In behandeling.
    page.select_option("#id_naar", "in_behandeling")
    page.click("text=Status opslaan")
    page.wait_for_selector("text=is nu 'In behandeling'")

    # Doorzetten naar Gildebor (the escalation form is folded in a <details>).
    page.click("summary:has-text('Doorzetten naar een of meer partners')")
    page.check("label:has-text('Gildebor') >> xpath=preceding-sibling::input")
    page.fill("#id_gevraagde_actie", "Lantaarnpaal vervangen.")
    page.click("button:has-text('Doorzetten')")
    # The category's default partner (Gemeente Hengelo) was already ticked: two escalations at once.
    page.wait_for_selector("text=Doorgezet naar Gemeente Hengelo, Gildebor")
    escalaties = list(Escalatie.objects.filter(signaal=signaal).order_by("id"))
    assert [e.partner.code for e in escalaties] == ["gemeente-hengelo", "gildebor"]

    # Closing while the escalation is open is refused with the reason; no note is refused too.
    page.select_option("#id_naar", "afgehandeld")
    page.click("text=Status opslaan")
    page.wait_for_selector("text=Er lopen nog escalaties")
    assert "notitie is verplicht" in page.content()

    # The escalations are finished, then the signal is closed with a note.
    for esc in escalaties:
        page.select_option(f"#id_esc{esc.pk}-status", "afgerond")
        page.fill(f"#id_esc{esc.pk}-referentie", f"REF-{esc.pk}")
        page.click(f"#escalatie-{esc.pk} button:has-text('Escalatie bijwerken')")
        page.wait_for_selector("text=De escalatie is bijgewerkt")
    page.select_option("#id_naar", "afgehandeld")
    page.fill("#id_notitie", "Lamp vervangen door Gildebor.")
    # Issue 13: the explanation for the reporter starts as the category's template and must be edited.
    assert "[vul in]" in page.input_value("#id_uitleg")
    page.fill("#id_uitleg", "Beste melder, de lamp is vervangen en brandt weer.")
    page.click("text=Status opslaan")
    page.wait_for_selector("text=is nu 'Afgehandeld'")
    assert "Lamp vervangen door Gildebor." in page.text_content("table.cijfers")

    signaal.refresh_from_db()
    assert signaal.status == "afgehandeld"
    assert list(Historie.objects.filter(signaal=signaal, soort="status").values_list("naar", flat=True)) == [
        "gemeld",
        "in_behandeling",
        "doorgezet",
        "afgehandeld",
    ]
    assert not fouten, fouten
    assert not externe, externe  # nothing from the internet: no tiles, no CDN
