"""Feedback to the reporter (issue 13, item 2): closing needs an edited explanation, the e-mail arrives once
through a real SMTP server with a single-use link valid for 14 days, "nee" reopens the signal with a history
row, an expired or reused link changes nothing, and the staff page catches generic replies."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from berichten.models import Bericht
from signalen import services, terugkoppeling
from signalen.anonimiseren import persoonsgegevens_verwijderen
from signalen.models import Antwoordlink, Historie, Signaal, Status, Terugkoppeling, Uitlegsjabloon
from signalen.terugkoppeling import STANDAARD_SJABLOON, LinkOngeldig, antwoord_geven
from tests.hulp.signalen import categorie, melden

pytestmark = pytest.mark.django_db

SJABLOON = "Beste melder,\n\nWe hebben het afval laten ophalen.\n\nMet vriendelijke groet"


def _signaal(door, **velden):
    return melden(
        door,
        melder_naam="Jan Jansen",
        melder_email="jan@example.org",
        melder_telefoon="06-12345678",
        melder_toestemming=True,
        **velden,
    )


def _afsluiten(s, door, uitleg, naar=Status.AFGEHANDELD, **kw):
    return services.status_wijzigen(
        signaal_id=s.pk, naar=naar, door=door, notitie="Intern: klaar.", uitleg=uitleg, **kw
    )


def _stand():
    return (
        list(Signaal.objects.values_list("pk", "status", "versie")),
        Historie.objects.count(),
        Terugkoppeling.objects.count(),
        Antwoordlink.objects.count(),
        Bericht.objects.count(),
    )


def _token(mail) -> str:
    tekst = mail.get_body(("plain",)).get_content()
    gevonden = re.search(r"/terugkoppeling/([A-Za-z0-9_\-]+)/", tekst)
    assert gevonden is not None, tekst
    return gevonden.group(1)


# --- closing needs an edited explanation -------------------------------------------------------------------


def test_closing_with_the_unchanged_template_is_refused_and_nothing_changes(stadsdeelregisseur):
    s = _signaal(stadsdeelregisseur)
    Uitlegsjabloon.objects.create(categorie=s.categorie, tekst=SJABLOON)
    assert terugkoppeling.sjabloon_voor(s.categorie) == SJABLOON
    voor = _stand()
    for onveranderd in (SJABLOON, "  " + SJABLOON.upper().replace("\n", " ") + " ", STANDAARD_SJABLOON):
        with pytest.raises(ValidationError) as fout:
            _afsluiten(s, stadsdeelregisseur, onveranderd)
        assert "nog de standaardtekst" in fout.value.message_dict["uitleg"][0]
        assert _stand() == voor


def test_closing_without_any_explanation_is_refused(stadsdeelregisseur):
    s = _signaal(stadsdeelregisseur)
    voor = _stand()
    with pytest.raises(ValidationError) as fout:
        services.status_wijzigen(signaal_id=s.pk, naar=Status.AFGEHANDELD, door=stadsdeelregisseur, uitleg="")
    assert "notitie" in fout.value.message_dict and "uitleg" in fout.value.message_dict
    assert _stand() == voor


def test_main_category_template_applies_to_its_subcategories(stadsdeelregisseur):
    sub = categorie("afval-naast-container")
    Uitlegsjabloon.objects.create(categorie=sub.hoofdcategorie, tekst=SJABLOON)
    assert terugkoppeling.sjabloon_voor(sub) == SJABLOON


def test_edited_explanation_closes_and_records_it_without_mail_when_no_consent(
    stadsdeelregisseur, django_capture_on_commit_callbacks
):
    s = melden(stadsdeelregisseur, melder_email="piet@example.org")  # an address, but no consent
    with django_capture_on_commit_callbacks(execute=True):
        _afsluiten(s, stadsdeelregisseur, SJABLOON.replace("laten ophalen", "op 3 maart laten ophalen"))
    tk = Terugkoppeling.objects.get(signaal=s)
    assert tk.naar == Status.AFGEHANDELD and "3 maart" in tk.uitleg and not tk.gemaild
    assert Bericht.objects.count() == 0 and not Antwoordlink.objects.exists()


def test_consent_without_an_address_is_refused(stadsdeelregisseur):
    with pytest.raises(ValidationError) as fout:
        melden(stadsdeelregisseur, melder_toestemming=True)
    assert "e-mailadres" in fout.value.message_dict["melder_toestemming"][0]


# --- the e-mail, the link, the answer ----------------------------------------------------------------------


def test_reporter_gets_the_outcome_once_by_e_mail_and_nee_reopens_with_history(
    smtp_server, settings, stadsdeelregisseur, django_capture_on_commit_callbacks, client_anoniem
):
    settings.WIJKPORTAAL_URL = "http://testserver"
    s = _signaal(stadsdeelregisseur)
    uitleg = "Beste Jan,\n\nDe zakken naast de container zijn opgehaald en de container is geleegd."
    with django_capture_on_commit_callbacks(execute=True):
        _afsluiten(s, stadsdeelregisseur, uitleg)
    [mail] = smtp_server.wacht_op(1)
    assert mail["To"] == "jan@example.org"
    assert mail["Subject"] == "Uw melding over afval naast de container (bijplaatsing): afgehandeld"
    tekst = mail.get_body(("plain",)).get_content()
    assert "Beste Jan Jansen" in tekst and "zijn opgehaald" in tekst and "Is het opgelost?" in tekst
    assert "De link werkt één keer" in tekst
    assert "opgehaald" in mail.get_body(("html",)).get_content()
    token = _token(mail)
    assert Antwoordlink.objects.get().token_hash != token  # only the hash is stored

    # The link works: GET only shows the question (no change); POST "nee" reopens.
    pagina = client_anoniem.get(f"/terugkoppeling/{token}/")
    html = pagina.content.decode()
    assert pagina.status_code == 200 and "Is het probleem opgelost?" in html and "zijn opgehaald" in html
    assert "jan@example.org" not in html and "Jansen" not in html.replace("Beste Jan,", "")
    assert Signaal.objects.get(pk=s.pk).status == Status.AFGEHANDELD
    antwoord = client_anoniem.post(f"/terugkoppeling/{token}/", {"antwoord": "nee"})
    assert antwoord.status_code == 200 and "weer geopend" in antwoord.content.decode()
    s.refresh_from_db()
    assert s.status == Status.HEROPEND and s.afgesloten_op is None and s.is_open
    laatste = Historie.objects.filter(signaal=s).latest("tijdstip", "id")
    assert (laatste.van, laatste.naar, laatste.door_id) == (Status.AFGEHANDELD, Status.HEROPEND, None)
    assert "melder" in laatste.door_naam and "'nee'" in laatste.notitie

    # Reused: says so, changes nothing.
    voor = _stand()
    opnieuw = client_anoniem.post(f"/terugkoppeling/{token}/", {"antwoord": "ja"})
    assert opnieuw.status_code == 410 and "al gebruikt" in opnieuw.content.decode()
    assert _stand() == voor
    assert len(smtp_server.wacht_op(2, seconden=0.5)) == 1


def test_link_is_single_use_in_the_service(stadsdeelregisseur):
    s = _signaal(stadsdeelregisseur)
    _afsluiten(s, stadsdeelregisseur, "Opgeruimd op dinsdag.")
    token, hash_ = "vast-token-voor-de-test", None
    from berichten.tokens import token_hash

    hash_ = token_hash(token)
    Antwoordlink.objects.update(token_hash=hash_)
    antwoord_geven(token=token, antwoord="ja")
    s.refresh_from_db()
    assert s.status == Status.AFGEHANDELD  # "ja" only records the answer
    voor = _stand()
    with pytest.raises(LinkOngeldig, match="al gebruikt"):
        antwoord_geven(token=token, antwoord="nee")
    assert _stand() == voor
    with pytest.raises(LinkOngeldig, match="kennen we niet"):
        antwoord_geven(token="bestaat-niet", antwoord="nee")
    with pytest.raises(ValidationError):
        antwoord_geven(token=token, antwoord="misschien")


def test_link_expires_after_14_days(stadsdeelregisseur, client_anoniem):
    from berichten.tokens import token_hash

    begin = timezone.now()
    with time_machine.travel(begin, tick=False):
        s = _signaal(stadsdeelregisseur)
        _afsluiten(s, stadsdeelregisseur, "De container is vervangen.")
    Antwoordlink.objects.update(token_hash=token_hash("t"))
    link = Antwoordlink.objects.get()
    assert link.verloopt_op == begin + timedelta(days=14)

    with time_machine.travel(begin + timedelta(days=13, hours=23), tick=False):
        assert client_anoniem.get("/terugkoppeling/t/").status_code == 200
    with time_machine.travel(begin + timedelta(days=14, seconds=1), tick=False):
        voor = _stand()
        pagina = client_anoniem.get("/terugkoppeling/t/")
        assert pagina.status_code == 410 and "verlopen" in pagina.content.decode()
        post = client_anoniem.post("/terugkoppeling/t/", {"antwoord": "nee"})
        assert post.status_code == 410 and "Er is niets veranderd" in post.content.decode()
        assert _stand() == voor
    assert Signaal.objects.get(pk=s.pk).status == Status.AFGEHANDELD


def test_nee_after_staff_reopened_keeps_the_status(stadsdeelregisseur):
    from berichten.tokens import token_hash

    s = _signaal(stadsdeelregisseur)
    _afsluiten(s, stadsdeelregisseur, "Opgeruimd.")
    Antwoordlink.objects.update(token_hash=token_hash("t"))
    services.status_wijzigen(signaal_id=s.pk, naar=Status.HEROPEND, door=stadsdeelregisseur, notitie="Weer vies.")
    aantal = Historie.objects.count()
    antwoord_geven(token="t", antwoord="nee")
    assert Signaal.objects.get(pk=s.pk).status == Status.HEROPEND and Historie.objects.count() == aantal


def test_no_mail_when_the_closing_transaction_rolls_back(
    smtp_server, stadsdeelregisseur, django_capture_on_commit_callbacks
):
    from django.db import transaction

    s = _signaal(stadsdeelregisseur)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        _afsluiten(s, stadsdeelregisseur, "Opgeruimd.")
        raise RuntimeError("afbreken")
    assert Bericht.objects.count() == 0 and Terugkoppeling.objects.count() == 0
    assert smtp_server.wacht_op(1, seconden=0.5) == []


# --- generic replies ---------------------------------------------------------------------------------------


def test_staff_page_shows_share_of_identical_texts_and_nee_answers(stadsdeelregisseur, client_beleid, client_partner_a):
    from berichten.tokens import token_hash

    teksten = [
        "We hebben het opgepakt.",
        "We hebben het opgepakt.",
        "  we hebben HET opgepakt. ",
        "Container geleegd op 2 mei.",
    ]
    for i, tekst in enumerate(teksten):
        s = _signaal(stadsdeelregisseur)
        _afsluiten(s, stadsdeelregisseur, tekst)
        Antwoordlink.objects.filter(terugkoppeling__signaal=s).update(token_hash=token_hash(f"t{i}"))
    antwoord_geven(token="t0", antwoord="nee")
    antwoord_geven(token="t3", antwoord="ja")
    [rij] = terugkoppeling.terugkoppelcijfers()
    assert (rij.partner, rij.categorie) == (
        "Gemeente (zelf afgehandeld)",
        categorie("afval-naast-container").hoofdcategorie.naam,
    )
    assert (rij.afsluitingen, rij.gelijke_tekst, rij.antwoorden, rij.nee) == (4, 3, 2, 1)
    assert rij.aandeel_gelijk == 0.75 and rij.aandeel_nee == 0.5

    pagina = client_beleid.get("/signalen/terugkoppeling/")
    html = pagina.content.decode()
    assert pagina.status_code == 200 and "75%" in html and "50%" in html and "algemeen antwoord?" in html
    assert client_partner_a.get("/signalen/terugkoppeling/").status_code == 403


def test_staff_page_query_budget(client_beleid, stadsdeelregisseur, django_assert_max_num_queries):
    for tekst in ("Een.", "Twee.", "Drie."):
        _afsluiten(_signaal(stadsdeelregisseur), stadsdeelregisseur, tekst)
    with django_assert_max_num_queries(5):  # session, user, account, repeated texts, groups
        assert client_beleid.get("/signalen/terugkoppeling/").status_code == 200


def test_retention_removes_the_reporter_from_the_explanation_and_the_outbox(
    stadsdeelregisseur, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    s = _signaal(stadsdeelregisseur)
    with django_capture_on_commit_callbacks(execute=False):
        _afsluiten(s, stadsdeelregisseur, "Beste Jan Jansen, de container is geleegd.")
    assert Bericht.objects.filter(aan="jan@example.org").count() == 1
    later = timezone.now() + timedelta(days=400)
    assert persoonsgegevens_verwijderen(maanden=12, nu=later) == 1
    s.refresh_from_db()
    assert (s.melder_email, s.melder_toestemming) == ("", False)
    assert "Jan Jansen" not in Terugkoppeling.objects.get(signaal=s).uitleg
    assert not Bericht.objects.filter(aan="jan@example.org").exists()
