"""Mail against a real SMTP server started by the test (aiosmtpd): a digest with its unsubscribe links, the
unsubscribe link working once without log-in, a resident confirming a wijk by e-mail."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from abonnementen.models import Abonnement, Ontvanger, Ritme
from abonnementen.versturen import digests_versturen
from tests.hulp.signalen import melden

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _links(bericht) -> list[str]:
    tekst = bericht.get_body(preferencelist=("plain",)).get_content()
    return re.findall(r"https?://\S+", tekst)


def _pad(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_digest_komt_aan_en_de_afmeldlink_werkt_een_keer_zonder_inloggen(
    stadsdeelregisseur, beheerder, smtp_server, client_anoniem, django_capture_on_commit_callbacks
):
    stadsdeelregisseur.email = "regisseur@hengelo.example"
    stadsdeelregisseur.save(update_fields=["email"])
    with time_machine.travel(datetime(2026, 3, 9, 14, 0, tzinfo=AMS), tick=False):
        signaal = melden(beheerder)
    with (
        time_machine.travel(datetime(2026, 3, 10, 7, 0, tzinfo=AMS), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert digests_versturen(ritme=Ritme.DAGELIJKS)["verstuurd"] == 1

    (bericht,) = smtp_server.wacht_op(1)
    assert bericht["To"] == "regisseur@hengelo.example"
    assert bericht["Subject"] == "Wijkportaal: 1 melding van 09-03-2026"
    tekst = bericht.get_body(preferencelist=("plain",)).get_content()
    assert "== Hasseler Es ==" in tekst and f"Signaal #{signaal.pk}" in tekst
    assert signaal.melder_naam == "" or signaal.melder_naam not in tekst
    afmelden = [_pad(link) for link in _links(bericht) if "/abonnementen/afmelden/" in link]
    assert len(afmelden) == 2  # one per daily subscription of the regisseur (signals, the overdue list)

    pagina = client_anoniem.get(afmelden[0])
    assert pagina.status_code == 200 and "Afmelden" in pagina.content.decode()  # a page, nothing changed yet
    assert Abonnement.objects.actief().filter(ontvanger__gebruiker=stadsdeelregisseur).count() == 2
    gedaan = client_anoniem.post(afmelden[0])
    assert gedaan.status_code == 200 and "U bent afgemeld" in gedaan.content.decode()
    assert Abonnement.objects.actief().filter(ontvanger__gebruiker=stadsdeelregisseur).count() == 1
    assert client_anoniem.post(afmelden[0]).status_code == 410  # works once
    assert client_anoniem.get(afmelden[0]).status_code == 410
    assert client_anoniem.get("/abonnementen/afmelden/verzonnen/").status_code == 410

    # One-click from a mail program (RFC 8058): a POST without a session or CSRF token.
    from django.test import Client

    strikt = Client(enforce_csrf_checks=True)
    assert strikt.post(afmelden[1], {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Abonnement.objects.actief().filter(ontvanger__gebruiker=stadsdeelregisseur).exists()


def test_bewoner_volgt_een_wijk_na_bevestiging(
    client_anoniem, smtp_server, django_capture_on_commit_callbacks, partnerdata
):
    antwoord = client_anoniem.get("/openbaar/gebied/WK016403/volgen/")
    assert antwoord.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client_anoniem.post("/openbaar/gebied/WK016403/volgen/", {"email": "Bewoner@Example.org"})
    assert antwoord.status_code == 200 and "Bevestig uw e-mailadres" in antwoord.content.decode()
    (bericht,) = smtp_server.wacht_op(1)
    assert bericht["To"] == "bewoner@example.org"
    ontvanger = Ontvanger.objects.get(email="bewoner@example.org")
    assert ontvanger.bevestigd_op is None
    (link,) = [_pad(x) for x in _links(bericht) if "/abonnementen/bevestigen/" in x]

    # Not confirmed: nothing is sent, even with news for the wijk.
    assert not Ontvanger.objects.actief().filter(pk=ontvanger.pk).exists()
    assert client_anoniem.get(link).status_code == 200
    assert client_anoniem.post(link).status_code == 200
    ontvanger.refresh_from_db()
    assert ontvanger.bevestigd_op is not None
    assert client_anoniem.post(link).status_code == 410  # works once

    # New open figures for the wijk (an open CBS dataset) reach the resident; a partner's internal ones do not.
    from django.utils import timezone

    from indicatoren.models import Waarde

    with time_machine.travel(datetime(2026, 3, 18, 10, 0, tzinfo=AMS), tick=False):
        open_pk = (
            Waarde.objects.filter(gebied__code="WK016403", indicator__dataset__zichtbaarheid="openbaar")
            .order_by("id")
            .values_list("pk", flat=True)
            .first()
        )
        Waarde.objects.filter(pk=open_pk).update(bijgewerkt_op=timezone.now())
        Waarde.objects.filter(gebied__code="WK016403", indicator__code="WelbionsHuurachterstanden").update(
            bijgewerkt_op=timezone.now()
        )
    with (
        time_machine.travel(datetime(2026, 3, 23, 7, 0, tzinfo=AMS), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert digests_versturen(ritme=Ritme.WEKELIJKS)["verstuurd"] >= 1
    berichten = smtp_server.wacht_op(2)
    digest = [b for b in berichten if b["To"] == "bewoner@example.org" and "melding" in b["Subject"]]
    assert len(digest) == 1
    tekst = digest[0].get_body(preferencelist=("plain",)).get_content()
    assert "Nieuwe cijfers:" in tekst and "/openbaar/gebied/WK016403/" in tekst
    assert "Welbions" not in tekst and "/signalen/" not in tekst
    assert "/abonnementen/afmelden/" in tekst and "/mijn/abonnementen/" not in tekst


def test_bewoner_verkeerd_adres_en_geen_wijk(client_anoniem):
    antwoord = client_anoniem.post("/openbaar/gebied/WK016403/volgen/", {"email": "geen-adres"})
    assert antwoord.status_code == 200 and "Vul een geldig e-mailadres in." in antwoord.content.decode()
    assert not Ontvanger.objects.exists()
    assert client_anoniem.get("/openbaar/gebied/BU01640300/volgen/").status_code == 404
