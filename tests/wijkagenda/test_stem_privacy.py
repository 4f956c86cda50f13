"""Permission tests of the residents' voice (issue 13): no public page (wijk page with the ledger and concerns,
its CSV, herkenning rounds, the answer and "ik ook" pages) shows a reporter's name, e-mail, phone or free text,
nor a comment from a herkenning round."""

from datetime import timedelta

import pytest
from django.utils import timezone

from berichten.tokens import token_hash
from signalen import services as signaalservices
from signalen.models import Antwoordlink
from tests.hulp.signalen import categorie, melden
from toegang.regels import toegang_van
from wijkagenda import herkenning, resultaten
from wijkagenda.models import Steun

from .stem_hulp import opgave

pytestmark = pytest.mark.django_db

NAAM, EMAIL, TELEFOON = "Jantje Voorbeeld", "jantje@example.org", "0612345678"
OMSCHRIJVING = "Mevrouw op nummer 12 zet elke week haar vuilniszakken naast de container"
OPMERKING = "Dat is de buurvrouw van de bakker"


def test_no_public_page_shows_personal_data_or_free_text(stadsdeelregisseur, client_anoniem):
    afval = categorie("afval-naast-container").hoofdcategorie
    for _ in range(2):
        melden(
            stadsdeelregisseur,
            omschrijving=OMSCHRIJVING,
            melder_naam=NAAM,
            melder_email=EMAIL,
            melder_telefoon=TELEFOON,
            melder_toestemming=True,
        )
    gesloten = melden(stadsdeelregisseur, melder_naam=NAAM, melder_email=EMAIL, melder_toestemming=True)
    signaalservices.status_wijzigen(
        signaal_id=gesloten.pk, naar="afgehandeld", door=stadsdeelregisseur, uitleg="De container is geleegd."
    )
    Antwoordlink.objects.update(token_hash=token_hash("antwoord"))
    o = opgave(stadsdeelregisseur)
    resultaten.signalen_koppelen(door=stadsdeelregisseur, opgave=o, categorie=afval)
    resultaten.resultaat_publiceren(door=stadsdeelregisseur, opgave=o, gepubliceerd=True, samenvatting="Gedaan.")
    ronde = herkenning.ronde_openen(
        door=stadsdeelregisseur,
        gebied=o.wijk,
        niveau="adviseren",
        terugkoppeldatum=timezone.localdate() + timedelta(days=10),
        stellingen=herkenning.stellingen_van_analyse(o.wijk, toegang_van(stadsdeelregisseur)),
    )
    herkenning.reageren(ronde_id=ronde.pk, oordelen={"s1": "niet"}, opmerkingen={"s1": OPMERKING})
    from wijkagenda import steun

    steun.steun_aanvragen(wijk=o.wijk, email=EMAIL, categorie=afval)
    Steun.objects.update(token_hash=token_hash("steun"))

    paginas = {
        "/openbaar/gebied/WK016403/": 200,
        "/openbaar/gebied/WK016403/?formaat=csv&tabel=resultaten": 200,
        "/openbaar/gebied/BU01640300/": 200,
        f"/openbaar/herkenning/{ronde.pk}/": 200,
        "/terugkoppeling/antwoord/": 200,
        "/openbaar/ik-ook/steun/": 200,
    }
    for url, status in paginas.items():
        antwoord = client_anoniem.get(url)
        assert antwoord.status_code == status, url
        inhoud = antwoord.content.decode("utf-8-sig")
        for geheim in (NAAM, EMAIL, TELEFOON, OMSCHRIJVING, OPMERKING, "Jantje"):
            assert geheim not in inhoud, (url, geheim)
    # The answer page shows the explanation written for this reporter, and nothing of the signal's own text.
    assert "De container is geleegd." in client_anoniem.get("/terugkoppeling/antwoord/").content.decode()


def test_internal_pages_of_the_voice_need_a_log_in(client_anoniem, stadsdeelregisseur):
    o = opgave(stadsdeelregisseur)
    for url in (
        "/gebied/WK016403/resultaten/",
        "/signalen/terugkoppeling/",
        "/gebied/WK016403/herkenning/nieuw/",
    ):
        antwoord = client_anoniem.get(url)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/"), url
    for url in (
        f"/gebied/WK016403/resultaten/opgave/{o.pk}/koppelen/",
        f"/gebied/WK016403/resultaten/opgave/{o.pk}/publiceren/",
    ):
        assert client_anoniem.post(url, {}).status_code == 302, url
