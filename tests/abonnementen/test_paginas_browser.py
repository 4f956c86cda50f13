"""The new pages in a real browser: axe-core finds no WCAG 2.1 A/AA violation, at desktop and phone width,
and nothing is wider than the phone's screen (390 px)."""

import pytest

from tests.conftest import CHROMIUM
from tests.hulp.browser import axe, axe_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("hengelo_bewaard"),
]

BREEDTES = {"desktop": 1366, "telefoon": 390}


def _bekijk(page, url: str, breedte: int):
    page.goto(url)
    overtredingen = axe(page)
    assert overtredingen == [], f"{url} ({breedte}): {overtredingen}"
    breed = page.evaluate("document.documentElement.scrollWidth")
    assert breed <= breedte, f"{url}: {breed} px breed bij {breedte} px"


@pytest.mark.parametrize("breedte", BREEDTES.values(), ids=BREEDTES.keys())
def test_abonnementen_paginas_zonder_axe_overtredingen(live_server, browser, stadsdeelregisseur, beheerder, breedte):
    from abonnementen.models import Abonnement
    from taken.models import Taak

    grootte = {"width": breedte, "height": 900}
    regisseur = axe_context(browser, live_server, stadsdeelregisseur)
    page = regisseur.new_page()
    page.set_viewport_size(grootte)
    _bekijk(page, f"{live_server.url}/mijn/abonnementen/", breedte)
    page.click("button >> text=Toevoegen")  # nothing chosen: the form's errors
    page.wait_for_selector(".fout")
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
    assert axe(page) == []
    _bekijk(page, f"{live_server.url}/mijn/meldingen/", breedte)
    token = Abonnement.objects.filter(ontvanger__gebruiker=stadsdeelregisseur).first().afmeld_token
    regisseur.close()

    Taak.objects.create(
        soort="levering",
        omschrijving="Levering welbions-2026.csv",
        status="mislukt",
        fout={"detail": "welbions-2026.csv: 1 fout(en), er is niets geïmporteerd.", "aantal_fouten": 1, "fouten": []},
    )
    beheer = axe_context(browser, live_server, beheerder)
    page = beheer.new_page()
    page.set_viewport_size(grootte)
    _bekijk(page, f"{live_server.url}/beheer-taken/", breedte)
    beheer.close()

    anoniem = axe_context(browser, live_server)
    page = anoniem.new_page()
    page.set_viewport_size(grootte)
    _bekijk(page, f"{live_server.url}/openbaar/gebied/WK016403/volgen/", breedte)
    page.fill("#id_email", "geen-adres")
    page.click("button >> text=Volgen")
    page.wait_for_selector(".fout")
    assert axe(page) == []
    _bekijk(page, f"{live_server.url}/abonnementen/afmelden/{token}/", breedte)
    page.click("button >> text=Afmelden")
    page.wait_for_selector("text=U bent afgemeld")
    assert axe(page) == []
    anoniem.close()
