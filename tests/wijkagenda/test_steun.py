""" "Ik ook" (issue 13, item 3): support counts once per address and only when confirmed through a single-use
link valid for 14 days; the threshold creates exactly one decision task; a decision needs a choice and a
public reason, and only the regisseur of the wijk (or a beheerder) decides. The confirmation e-mail goes
through a real SMTP server."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from berichten.models import Bericht
from berichten.tokens import adres_hash, token_hash
from tests.hulp.signalen import categorie, melden
from wijkagenda import resultaten, steun
from wijkagenda.models import Besluit, Steun, Wijkinstelling
from wijken.models import Gebied

from .stem_hulp import ANDERE_WIJK, WIJK, opgave

pytestmark = pytest.mark.django_db


@pytest.fixture
def wijk():
    return Gebied.objects.get(code=WIJK)


@pytest.fixture
def afval():
    return categorie("afval-naast-container").hoofdcategorie


def _steun(wijk, afval, email, token):
    """Ask and confirm with a known token (the real one is only in the e-mail)."""
    steun.steun_aanvragen(wijk=wijk, email=email, categorie=afval)
    s = Steun.objects.get(adres_hash=adres_hash(email))
    Steun.objects.filter(pk=s.pk).update(token_hash=token_hash(token))
    return s


def test_support_counts_once_per_address_and_only_when_confirmed(wijk, afval):
    _steun(wijk, afval, "bewoner@example.org", "t1")
    assert Steun.objects.bevestigd().count() == 0  # not before confirmation
    steun.steun_bevestigen(token="t1")
    assert Steun.objects.bevestigd().count() == 1
    # The same address again (other case, spaces): no new row, no new mail, still one.
    mails = Bericht.objects.count()
    assert steun.steun_aanvragen(wijk=wijk, email="  Bewoner@Example.ORG ", categorie=afval) is False
    assert Steun.objects.count() == 1 and Bericht.objects.count() == mails
    # Another concern, or another address: counted separately.
    steun.steun_aanvragen(wijk=wijk, email="buur@example.org", categorie=afval)
    assert Steun.objects.count() == 2
    assert "bewoner@example.org" not in str(list(Steun.objects.values()))  # only a keyed hash is kept


def test_confirmation_link_is_single_use_and_expires_after_14_days(wijk, afval):
    begin = timezone.now()
    with time_machine.travel(begin, tick=False):
        _steun(wijk, afval, "a@example.org", "ta")
        _steun(wijk, afval, "b@example.org", "tb")
    steun.steun_bevestigen(token="ta", nu=begin + timedelta(days=13))
    with pytest.raises(steun.SteunlinkOngeldig, match="al gebruikt"):
        steun.steun_bevestigen(token="ta")
    with (
        time_machine.travel(begin + timedelta(days=14, seconds=1), tick=False),
        pytest.raises(steun.SteunlinkOngeldig, match="verlopen"),
    ):
        steun.steun_bevestigen(token="tb")
    with pytest.raises(steun.SteunlinkOngeldig, match="kennen we niet"):
        steun.steun_bevestigen(token="onbekend")
    assert Steun.objects.bevestigd().count() == 1


def test_an_expired_request_can_be_made_again(wijk, afval):
    begin = timezone.now()
    with time_machine.travel(begin, tick=False):
        _steun(wijk, afval, "a@example.org", "oud")
    with time_machine.travel(begin + timedelta(days=20), tick=False):
        assert steun.steun_aanvragen(wijk=wijk, email="a@example.org", categorie=afval) is True
        assert Steun.objects.count() == 1 and Bericht.objects.count() == 2


def test_threshold_creates_exactly_one_decision_task(wijk, afval):
    Wijkinstelling.objects.create(wijk=wijk, steundrempel=2)
    for i in range(4):
        _steun(wijk, afval, f"bewoner{i}@example.org", f"t{i}")
    steun.steun_bevestigen(token="t0")
    assert not Besluit.objects.exists()
    steun.steun_bevestigen(token="t1")
    [besluit] = Besluit.objects.all()
    assert (besluit.categorie_id, besluit.steun_bij_drempel, besluit.besloten_op) == (afval.pk, 2, None)
    steun.steun_bevestigen(token="t2")
    steun.steun_bevestigen(token="t3")
    assert Besluit.objects.count() == 1


def test_decision_needs_a_choice_and_a_reason_and_the_right_person(
    wijk, afval, stadsdeelregisseur, beheerder, beleidsmedewerker, partner_a, maak_gebruiker
):
    besluit = Besluit.objects.create(wijk=wijk, categorie=afval, steun_bij_drempel=10)
    for velden, veld in [
        ({"op_agenda": True, "reden": "  "}, "reden"),
        ({"op_agenda": None, "reden": "Omdat."}, "op_agenda"),
    ]:
        with pytest.raises(ValidationError) as fout:
            steun.besluit_nemen(door=stadsdeelregisseur, besluit_id=besluit.pk, **velden)
        assert veld in fout.value.message_dict
    ander = maak_gebruiker("regisseur2", "stadsdeelregisseur", portefeuille=[ANDERE_WIJK])
    for wie in (beleidsmedewerker, partner_a, ander):
        with pytest.raises(PermissionDenied):
            steun.besluit_nemen(door=wie, besluit_id=besluit.pk, op_agenda=True, reden="Omdat.")
    besluit.refresh_from_db()
    assert besluit.besloten_op is None
    steun.besluit_nemen(door=beheerder, besluit_id=besluit.pk, op_agenda=False, reden="Er loopt al een aanpak.")
    with pytest.raises(ValidationError, match="al besloten"):
        steun.besluit_nemen(door=stadsdeelregisseur, besluit_id=besluit.pk, op_agenda=True, reden="Toch wel.")
    besluit.refresh_from_db()
    assert (besluit.op_agenda, besluit.reden) == (False, "Er loopt al een aanpak.")


def test_ik_ook_by_e_mail_through_a_real_smtp_server_and_the_public_page(
    smtp_server, settings, wijk, afval, stadsdeelregisseur, client_anoniem, django_capture_on_commit_callbacks
):
    settings.WIJKPORTAAL_URL = "http://testserver"
    melden(stadsdeelregisseur, melder_naam="Jantje Voorbeeld", melder_email="jantje@example.org")
    pagina = client_anoniem.get("/openbaar/gebied/WK016403/").content.decode()
    assert "Wat speelt er nu" in pagina and afval.naam in pagina and "1 open signaal" in pagina
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client_anoniem.post(
            "/openbaar/gebied/WK016403/ik-ook/", {"onderwerp": f"categorie-{afval.pk}", "email": "buur@example.org"}
        )
    assert antwoord.status_code == 200 and "Kijk in uw e-mail" in antwoord.content.decode()
    [mail] = smtp_server.wacht_op(1)
    assert mail["To"] == "buur@example.org" and mail["Subject"].startswith("Bevestig uw steun")
    tekst = mail.get_body(("plain",)).get_content()
    assert "Hasseler Es" in tekst and "14 dagen" in tekst
    link = re.search(r"http://testserver(/openbaar/ik-ook/[^/\s]+/)", tekst).group(1)
    assert client_anoniem.get(link).status_code == 200  # only shows the button
    assert Steun.objects.bevestigd().count() == 0
    assert "Uw steun is bevestigd" in client_anoniem.post(link).content.decode()
    opnieuw = client_anoniem.post(link)
    assert opnieuw.status_code == 410 and "al gebruikt" in opnieuw.content.decode()
    pagina = client_anoniem.get("/openbaar/gebied/WK016403/").content.decode()
    assert '1 keer "ik ook"' in pagina
    for p in ("buur@example.org", "Jantje Voorbeeld", "jantje@example.org", "Zakken afval"):
        assert p not in pagina


def test_bad_input_on_the_public_form_is_refused_clearly(client_anoniem, afval):
    r = client_anoniem.post("/openbaar/gebied/WK016403/ik-ook/", {"onderwerp": f"categorie-{afval.pk}", "email": "x"})
    assert r.status_code == 400 and "geldig e-mailadres" in r.content.decode()
    r = client_anoniem.post("/openbaar/gebied/WK016403/ik-ook/", {"onderwerp": "opgave-999999", "email": "a@b.nl"})
    assert r.status_code == 400
    assert not Steun.objects.exists() and not Bericht.objects.exists()


def test_support_for_a_result_only_when_it_is_published(wijk, stadsdeelregisseur):
    o = opgave(stadsdeelregisseur)
    with pytest.raises(ValidationError):
        steun.steun_aanvragen(wijk=wijk, email="a@example.org", opgave=o)
    resultaten.resultaat_publiceren(door=stadsdeelregisseur, opgave=o, gepubliceerd=True, samenvatting="Gedaan.")
    o.refresh_from_db()
    assert steun.steun_aanvragen(wijk=wijk, email="a@example.org", opgave=o) is True


def test_decision_task_on_the_home_page_and_the_decision_in_public(
    wijk, afval, stadsdeelregisseur, client_regisseur, client_anoniem
):
    b = Besluit.objects.create(wijk=wijk, categorie=afval, steun_bij_drempel=10)
    assert "Besluit nodig" in client_regisseur.get("/").content.decode()
    r = client_regisseur.post(
        f"/gebied/WK016403/resultaten/besluit/{b.pk}/", {"op_agenda": "ja", "reden": "Veel bewoners herkennen dit."}
    )
    assert r.status_code == 302
    assert "Besluit nodig" not in client_regisseur.get("/").content.decode()
    pagina = client_anoniem.get("/openbaar/gebied/WK016403/").content.decode()
    assert "op de wijkagenda" in pagina and "Veel bewoners herkennen dit." in pagina
