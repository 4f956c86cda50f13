"""The residents' voice in a real browser (Playwright + Debian's chromium): a reporter follows the link in the
e-mail (delivered by a real SMTP server), answers "nee", and the signal is back on the stadsdeelregisseur's
worklist; the public wijk page shows the ledger. axe-core finds no WCAG 2.1 A/AA violation on the new public
pages at desktop and phone width, and nothing sticks out at 390 px.

Transactional (the live server needs committed data); `hengelo_bewaard` keeps the real data for later tests."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import CHROMIUM
from tests.hulp.browser import axe, axe_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("hengelo_bewaard"),
]

BREEDTES = (1366, 390)


def _geen_overtredingen(page, naam: str, breedte: int):
    overtredingen = axe(page)
    assert overtredingen == [], f"{naam} ({breedte}px):\n{json.dumps(overtredingen, indent=1, ensure_ascii=False)}"
    if breedte == 390:
        breed = page.evaluate("document.documentElement.scrollWidth")
        assert breed <= breedte + 1, f"{naam}: de pagina is {breed}px breed op een telefoon van {breedte}px"


def _afgesloten_signaal(regisseur):
    from signalen import services
    from tests.hulp.signalen import melden

    s = melden(regisseur, melder_naam="Jan Jansen", melder_email="jan@example.org", melder_toestemming=True)
    services.status_wijzigen(
        signaal_id=s.pk,
        naar="afgehandeld",
        door=regisseur,
        uitleg="Beste Jan, de zakken naast de container zijn opgehaald.",
    )
    return s


def _publiceer_resultaat(regisseur):
    from indicatoren.models import Domein
    from signalen.models import Categorie
    from toegang.models import Organisatie
    from wijkagenda import herkenning, resultaten, services
    from wijken.models import Gebied

    wijk = Gebied.objects.get(code="WK016403")
    vandaag = timezone.localdate()
    o = services.opgave_opslaan(
        door=regisseur,
        wijk=wijk,
        titel="Minder afval naast de containers",
        domein=Domein.objects.get(code="fysieke-leefomgeving"),
        geopend_op=vandaag - timedelta(days=90),
    )
    services.actie_opslaan(
        door=regisseur,
        opgave=o,
        omschrijving="Containers vaker legen",
        eigenaar=Organisatie.objects.get(code="gemeente-hengelo"),
        startdatum=vandaag - timedelta(days=80),
        streefdatum=vandaag + timedelta(days=10),
        status="lopend",
    )
    afval = Categorie.objects.get(code="afval-naast-container").hoofdcategorie
    resultaten.signalen_koppelen(door=regisseur, opgave=o, categorie=afval)
    resultaten.resultaat_publiceren(
        door=regisseur, opgave=o, gepubliceerd=True, samenvatting="De containers worden nu twee keer per week geleegd."
    )
    ronde = herkenning.ronde_openen(
        door=regisseur,
        gebied=wijk,
        niveau="raadplegen",
        terugkoppeldatum=vandaag + timedelta(days=30),
        stellingen=herkenning.stellingen_van_analyse(wijk, __import__("toegang.regels").regels.toegang_van(regisseur)),
    )
    return o, ronde


def test_reporter_answers_nee_and_the_signal_is_back_on_the_worklist(
    live_server, browser, smtp_server, settings, stadsdeelregisseur
):
    settings.WIJKPORTAAL_URL = live_server.url
    s = _afgesloten_signaal(stadsdeelregisseur)  # committed: the e-mail goes out now
    [mail] = smtp_server.wacht_op(1)
    tekst = mail.get_body(("plain",)).get_content()
    link = re.search(r"(http://\S+/terugkoppeling/[A-Za-z0-9_\-]+/)", tekst).group(1)
    assert link.startswith(live_server.url)

    for breedte in BREEDTES:  # the question page, checked at both widths before answering
        context = axe_context(browser, live_server)
        page = context.new_page()
        page.set_viewport_size({"width": breedte, "height": 900})
        page.goto(link)
        assert "Is het probleem opgelost?" in page.content()
        _geen_overtredingen(page, "antwoordpagina", breedte)
        context.close()

    context = axe_context(browser, live_server)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(link)
    page.click("button:has-text('Nee, het is niet opgelost')")
    page.wait_for_selector("text=weer geopend")
    _geen_overtredingen(page, "antwoord-nee", 390)
    page.goto(link)  # the link is used up: it says so
    assert "al gebruikt" in page.content()
    _geen_overtredingen(page, "antwoord-gebruikt", 390)
    context.close()

    s.refresh_from_db()
    assert s.status == "heropend"
    regie = axe_context(browser, live_server, stadsdeelregisseur)
    page = regie.new_page()
    page.goto(f"{live_server.url}/signalen/")
    rij = page.locator(f"a[href='/signalen/{s.pk}/']")
    assert rij.count() >= 1, "het heropende signaal staat niet op de werklijst"
    assert "Heropend" in page.locator("table").first.text_content()
    page.goto(f"{live_server.url}/signalen/{s.pk}/")
    assert "melder (via de link in de e-mail)" in page.content()
    regie.close()


def test_public_ledger_ik_ook_and_herkenning_pages_have_no_axe_violations(
    live_server, browser, smtp_server, settings, stadsdeelregisseur
):
    from tests.hulp.signalen import melden

    settings.WIJKPORTAAL_URL = live_server.url
    for _ in range(2):
        melden(stadsdeelregisseur, melder_naam="Jantje Voorbeeld", melder_email="jantje@example.org")
    o, ronde = _publiceer_resultaat(stadsdeelregisseur)
    for breedte in BREEDTES:
        context = axe_context(browser, live_server)
        page = context.new_page()
        page.set_viewport_size({"width": breedte, "height": 900})
        page.goto(f"{live_server.url}/openbaar/gebied/WK016403/")
        inhoud = page.content()
        assert "Jij zei, wij deden" in inhoud and o.titel in inhoud and "twee keer per week" in inhoud
        assert "Jantje" not in inhoud and "jantje@example.org" not in inhoud
        _geen_overtredingen(page, "openbare-wijkpagina", breedte)
        page.goto(f"{live_server.url}/openbaar/herkenning/{ronde.pk}/")
        _geen_overtredingen(page, "herkenningsronde", breedte)
        page.check(f"input[name='o-{ronde.stellingen[0]['sleutel']}'][value='herken']")
        page.click("button:has-text('Reactie versturen')")
        page.wait_for_selector("text=uw reactie is ontvangen")
        _geen_overtredingen(page, "herkenningsronde-bedankt", breedte)
        page.goto(f"{live_server.url}/openbaar/gebied/WK016403/")
        page.locator(".ik-ook input[type=email]").first.fill(f"buur{breedte}@example.org")
        page.locator(".ik-ook button").first.click()
        page.wait_for_selector("text=Kijk in uw e-mail")
        _geen_overtredingen(page, "ik-ook-aangevraagd", breedte)
        context.close()
    mails = smtp_server.wacht_op(2)
    link = re.search(r"(http://\S+/openbaar/ik-ook/[A-Za-z0-9_\-]+/)", mails[-1].get_body(("plain",)).get_content())
    context = axe_context(browser, live_server)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(link.group(1))
    _geen_overtredingen(page, "ik-ook-bevestigen", 390)
    page.click("button:has-text('Bevestig mijn steun')")
    page.wait_for_selector("text=Uw steun is bevestigd")
    _geen_overtredingen(page, "ik-ook-bevestigd", 390)
    context.close()
