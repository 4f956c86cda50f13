"""The password pages in a real browser: axe-core finds no WCAG 2.1 A/AA violation on any of them, also
with error messages shown, at desktop and phone width. With SCREENSHOTS=<map> each page is also saved as a
PNG at 1366 and 390 px (for review)."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.conftest import CHROMIUM
from tests.hulp.browser import axe, axe_context

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("hengelo_bewaard"),
]

BREEDTES = {"desktop": 1366, "telefoon": 390}


def _bekijk(page, naam: str, breedte: str):
    overtredingen = axe(page)
    assert overtredingen == [], f"{naam} ({breedte}): {overtredingen}"
    map_ = os.environ.get("SCREENSHOTS")
    if map_:
        Path(map_).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{map_}/{naam}-{BREEDTES[breedte]}.png", full_page=True)


@pytest.mark.parametrize("breedte", BREEDTES)
def test_password_pages_have_no_axe_violations(live_server, browser, beleidsmedewerker, breedte):
    beleidsmedewerker.email = "beleid@hengelo.nl"
    beleidsmedewerker.save(update_fields=["email"])
    grootte = {"width": BREEDTES[breedte], "height": 900}

    ingelogd = axe_context(browser, live_server, beleidsmedewerker)
    page = ingelogd.new_page()
    page.set_viewport_size(grootte)
    page.goto(f"{live_server.url}/wachtwoord/wijzigen/")
    _bekijk(page, "wachtwoord-wijzigen", breedte)
    page.fill("#id_old_password", "fout")
    page.fill("#id_new_password1", "12345")
    page.fill("#id_new_password2", "12345")
    page.click("button[type=submit] >> text=Wachtwoord wijzigen")
    page.wait_for_selector(".fout")
    _bekijk(page, "wachtwoord-wijzigen-fouten", breedte)
    page.goto(f"{live_server.url}/wachtwoord/gewijzigd/")
    _bekijk(page, "wachtwoord-gewijzigd", breedte)
    ingelogd.close()

    anoniem = axe_context(browser, live_server)
    page = anoniem.new_page()
    page.set_viewport_size(grootte)
    page.goto(f"{live_server.url}/inloggen/")
    _bekijk(page, "inloggen", breedte)
    page.click("text=Wachtwoord vergeten?")
    page.wait_for_url("**/wachtwoord/vergeten/")
    _bekijk(page, "wachtwoord-vergeten", breedte)
    page.fill("#id_email", "beleid@hengelo.nl")
    page.click("button[type=submit]")
    page.wait_for_url("**/wachtwoord/vergeten/verstuurd/")
    _bekijk(page, "wachtwoord-verstuurd", breedte)

    uid = urlsafe_base64_encode(force_bytes(beleidsmedewerker.pk))
    token = default_token_generator.make_token(beleidsmedewerker)
    page.goto(f"{live_server.url}/wachtwoord/herstellen/{uid}/{token}/")
    page.wait_for_url("**/set-password/")
    _bekijk(page, "wachtwoord-herstellen", breedte)
    page.fill("#id_new_password1", "kort")
    page.fill("#id_new_password2", "anders")
    page.click("button[type=submit]")
    page.wait_for_selector(".fout")
    _bekijk(page, "wachtwoord-herstellen-fouten", breedte)
    page.goto(f"{live_server.url}/wachtwoord/herstellen/{uid}/ongeldig-token/")
    _bekijk(page, "wachtwoord-link-verlopen", breedte)
    page.goto(f"{live_server.url}/wachtwoord/hersteld/")
    _bekijk(page, "wachtwoord-hersteld", breedte)
    anoniem.close()
