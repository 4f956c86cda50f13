"""Herkenning rounds (issue 13, item 4) on the real Hengelo analysis: a round needs a participation level and
a feedback date; residents and partners mark statements; results show from MIN_REACTIES on, comments never in
public; an overdue round shows on the regisseur's worklist; a closed round stays readable."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from toegang.regels import toegang_van
from wijkagenda import herkenning
from wijkagenda.models import Herkenningsreactie, Herkenningsronde
from wijken.models import Gebied

from .stem_hulp import ANDERE_WIJK, WIJK

pytestmark = pytest.mark.django_db


@pytest.fixture
def gebied():
    return Gebied.objects.select_related("ouder").get(code=WIJK)


def _open(door, gebied, **kw):
    velden = {
        "niveau": "raadplegen",
        "terugkoppeldatum": timezone.localdate() + timedelta(days=30),
        "stellingen": herkenning.stellingen_van_analyse(gebied, toegang_van(door)),
    }
    velden.update(kw)
    return herkenning.ronde_openen(door=door, gebied=gebied, **velden)


def test_statements_come_from_the_real_analysis_with_open_data_only(gebied, stadsdeelregisseur, partnerdata):
    stellingen = herkenning.stellingen_van_analyse(gebied, toegang_van(stadsdeelregisseur))
    assert len(stellingen) >= 3
    assert len({s["sleutel"] for s in stellingen}) == len(stellingen)
    tekst = " ".join(s["tekst"] for s in stellingen)
    assert "Hasseler Es" in tekst
    assert "huurachterstand" not in tekst.lower() and "Woninginbraken" not in tekst  # internal partner data


def test_a_round_cannot_open_without_level_and_date(gebied, stadsdeelregisseur):
    for velden, veld in [
        ({"niveau": ""}, "niveau"),
        ({"niveau": "alles"}, "niveau"),
        ({"terugkoppeldatum": None}, "terugkoppeldatum"),
        ({"terugkoppeldatum": timezone.localdate() - timedelta(days=1)}, "terugkoppeldatum"),
        ({"stellingen": []}, "__all__"),
    ]:
        with pytest.raises(ValidationError) as fout:
            _open(stadsdeelregisseur, gebied, **velden)
        assert veld in fout.value.message_dict
    assert not Herkenningsronde.objects.exists()


def test_only_the_regisseur_of_the_wijk_opens_and_one_round_at_a_time(
    gebied, stadsdeelregisseur, beleidsmedewerker, partner_a, maak_gebruiker
):
    ander = maak_gebruiker("regisseur2", "stadsdeelregisseur", portefeuille=[ANDERE_WIJK])
    for wie in (beleidsmedewerker, partner_a, ander):
        with pytest.raises(PermissionDenied):
            _open(wie, gebied, stellingen=[{"sleutel": "s1", "deel": "x", "tekst": "y"}])
    _open(stadsdeelregisseur, gebied)
    with pytest.raises(ValidationError, match="loopt al"):
        _open(stadsdeelregisseur, gebied)
    buurt = Gebied.objects.select_related("ouder").get(code="BU01640300")  # a buurt of the wijk: allowed
    _open(stadsdeelregisseur, buurt)
    assert Herkenningsronde.objects.count() == 2


def test_reactions_show_from_the_threshold_and_comments_never_in_public(
    gebied, stadsdeelregisseur, client_anoniem, client_partner_a, client_regisseur
):
    ronde = _open(stadsdeelregisseur, gebied)
    eerste = ronde.stellingen[0]["sleutel"]
    url = f"/openbaar/herkenning/{ronde.pk}/"
    for i in range(herkenning.MIN_REACTIES - 1):
        r = client_anoniem.post(
            url, {f"o-{eerste}": "herken" if i % 2 else "deels", f"m-{eerste}": f"Xylofoonopmerking{i}"}
        )
        assert r.status_code == 200 and "uw reactie is ontvangen" in r.content.decode()
    html = client_anoniem.get(url).content.decode()
    assert "4 reacties (te weinig om de verdeling te tonen)" in html and "% herkent dit" not in html
    r = client_partner_a.post(url, {f"o-{eerste}": "niet"})
    assert r.status_code == 200
    assert Herkenningsreactie.objects.filter(soort="partner", organisatie__code="welbions").count() == 1
    html = client_anoniem.get(url).content.decode()
    assert "5 reacties: 40% herkent dit, 40% deels, 20% niet" in html
    assert "Xylofoonopmerking" not in html
    intern = client_regisseur.get(f"/gebied/{WIJK}/herkenning/{ronde.pk}/").content.decode()
    assert "Xylofoonopmerking0" in intern and "2 herkent dit, 2 deels, 1 niet" in intern


def test_bad_reactions_are_refused_and_nothing_is_written(gebied, stadsdeelregisseur, client_anoniem):
    ronde = _open(stadsdeelregisseur, gebied)
    eerste = ronde.stellingen[0]["sleutel"]
    url = f"/openbaar/herkenning/{ronde.pk}/"
    assert client_anoniem.post(url, {}).status_code == 400  # nothing marked
    assert client_anoniem.post(url, {f"o-{eerste}": "misschien"}).status_code == 400
    assert client_anoniem.post(url, {f"m-{eerste}": "alleen een opmerking"}).status_code == 400
    assert client_anoniem.post(url, {f"o-{eerste}": "herken", f"m-{eerste}": "x" * 1001}).status_code == 400
    assert not Herkenningsreactie.objects.exists()


def test_overdue_round_on_the_worklist_until_wat_doen_we_ermee_is_published(
    gebied, stadsdeelregisseur, client_regisseur, client_anoniem
):
    ronde = _open(stadsdeelregisseur, gebied, terugkoppeldatum=timezone.localdate() + timedelta(days=7))
    toegang = toegang_van(stadsdeelregisseur)
    assert list(herkenning.te_laat_voor(toegang)) == []
    later = timezone.now() + timedelta(days=8)
    with time_machine.travel(later, tick=False):
        client_regisseur.force_login(stadsdeelregisseur)  # the session of a week ago has expired
        assert list(herkenning.te_laat_voor(toegang)) == [ronde]
        start = client_regisseur.get("/").content.decode()
        assert "Herkenningsronde Hasseler Es" in start and "te laat" in start
        with pytest.raises(ValidationError):
            herkenning.ronde_afronden(door=stadsdeelregisseur, ronde_id=ronde.pk, wat_doen_we_ermee=" ")
        r = client_regisseur.post(
            f"/gebied/{WIJK}/herkenning/{ronde.pk}/", {"wat_doen_we_ermee": "We nemen afval op de wijkagenda."}
        )
        assert r.status_code == 302
        assert list(herkenning.te_laat_voor(toegang)) == []
        assert "Herkenningsronde Hasseler Es" not in client_regisseur.get("/").content.decode()
    # Closed, and still readable with the statements it was about; no form any more.
    html = client_anoniem.get(f"/openbaar/herkenning/{ronde.pk}/").content.decode()
    assert "We nemen afval op de wijkagenda." in html and ronde.stellingen[0]["tekst"] in html
    assert "Reactie versturen" not in html
    r = client_anoniem.post(f"/openbaar/herkenning/{ronde.pk}/", {f"o-{ronde.stellingen[0]['sleutel']}": "herken"})
    assert r.status_code == 400 and "gesloten" in r.content.decode()


def test_opening_through_the_analysis_page(gebied, client_regisseur, client_beleid):
    analyse = client_regisseur.get(f"/gebied/{WIJK}/analyse/").content.decode()
    assert "Herkenningsronde openen" in analyse
    assert "Herkenningsronde openen" not in client_beleid.get(f"/gebied/{WIJK}/analyse/").content.decode()
    assert client_beleid.get(f"/gebied/{WIJK}/herkenning/nieuw/").status_code == 403
    r = client_regisseur.post(f"/gebied/{WIJK}/herkenning/nieuw/", {"niveau": "", "terugkoppeldatum": ""})
    assert r.status_code == 400 and "participatieniveau" in r.content.decode()
    datum = (timezone.localdate() + timedelta(days=14)).isoformat()
    r = client_regisseur.post(f"/gebied/{WIJK}/herkenning/nieuw/", {"niveau": "adviseren", "terugkoppeldatum": datum})
    assert r.status_code == 302
    ronde = Herkenningsronde.objects.get()
    assert ronde.niveau == "adviseren" and ronde.stellingen
    assert f"/openbaar/herkenning/{ronde.pk}/" in client_anoniem_html(f"/openbaar/gebied/{WIJK}/")


def client_anoniem_html(url):
    from django.test import Client

    return Client().get(url).content.decode()
