"""Self-service password change and reset by e-mail (issue 16, "Also"), the reset e-mail delivered to a real
SMTP server (aiosmtpd) started in the test."""

import email
import re
import socket
import time
from email import policy

import pytest
from django.test import Client

from tests.conftest import WACHTWOORD

pytestmark = pytest.mark.django_db

NIEUW = "Een-nieuw-wachtwoord-voor-2027"


def _inloggen(naam: str, wachtwoord: str) -> int:
    return Client().post("/inloggen/", {"username": naam, "password": wachtwoord}).status_code


def test_a_logged_in_user_changes_their_password_and_stays_logged_in(client_beleid, beleidsmedewerker):
    pagina = client_beleid.get("/wachtwoord/wijzigen/")
    assert pagina.status_code == 200 and "Wachtwoord wijzigen" in pagina.content.decode()
    fout = client_beleid.post(
        "/wachtwoord/wijzigen/", {"old_password": "fout", "new_password1": NIEUW, "new_password2": NIEUW}
    )
    assert fout.status_code == 200 and "niet juist ingevoerd" in fout.content.decode()
    antwoord = client_beleid.post(
        "/wachtwoord/wijzigen/", {"old_password": WACHTWOORD, "new_password1": NIEUW, "new_password2": NIEUW}
    )
    assert antwoord.status_code == 302 and antwoord["Location"] == "/wachtwoord/gewijzigd/"
    assert client_beleid.get("/").status_code == 200  # still logged in
    assert _inloggen("beleid", NIEUW) == 302 and _inloggen("beleid", WACHTWOORD) == 200


def test_a_weak_new_password_is_refused_in_dutch(client_beleid):
    antwoord = client_beleid.post(
        "/wachtwoord/wijzigen/", {"old_password": WACHTWOORD, "new_password1": "12345", "new_password2": "12345"}
    )
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200 and 'aria-invalid="true"' in tekst
    assert "Dit wachtwoord is te kort: het moet minstens 12 tekens hebben." in tekst
    assert "This password" not in tekst  # Django's Dutch catalogue lacks this one message


def test_changing_needs_a_log_in(client_anoniem):
    antwoord = client_anoniem.get("/wachtwoord/wijzigen/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")


class _Postvak:
    def __init__(self):
        self.berichten = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.berichten.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    controller_mod = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd is in the test extras")
    postvak = _Postvak()
    controller = controller_mod.Controller(postvak, hostname="127.0.0.1", port=_vrije_poort())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield postvak
    controller.stop()


def _wacht_op(postvak, aantal=1):
    begin = time.monotonic()
    while len(postvak.berichten) < aantal and time.monotonic() - begin < 10:
        time.sleep(0.05)
    return postvak.berichten


def test_reset_by_e_mail_through_a_real_smtp_server(smtp, beleidsmedewerker):
    beleidsmedewerker.email = "beleid@hengelo.nl"
    beleidsmedewerker.save(update_fields=["email"])
    anoniem = Client()
    assert "Wachtwoord vergeten?" in anoniem.get("/inloggen/").content.decode()
    antwoord = anoniem.post("/wachtwoord/vergeten/", {"email": "Beleid@Hengelo.nl"})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/wachtwoord/vergeten/verstuurd/"

    [bericht] = _wacht_op(smtp)
    assert bericht["To"] == "beleid@hengelo.nl"
    assert bericht["Subject"] == "Nieuw wachtwoord voor het Wijkportaal Hengelo"
    tekst = bericht.get_content()
    assert "Beste beleid" in tekst and 'account "beleid"' in tekst
    link = re.search(r"http://testserver(/wachtwoord/herstellen/[^/\s]+/[^/\s]+/)", tekst).group(1)

    stap = anoniem.get(link)  # Django moves the token out of the URL into the session
    assert stap.status_code == 302
    formulier = anoniem.get(stap["Location"])
    assert "Nieuw wachtwoord kiezen" in formulier.content.decode()
    klaar = anoniem.post(stap["Location"], {"new_password1": NIEUW, "new_password2": NIEUW})
    assert klaar.status_code == 302 and klaar["Location"] == "/wachtwoord/hersteld/"
    assert _inloggen("beleid", NIEUW) == 302
    # The link works once.
    assert "Deze link werkt niet meer" in Client().get(link, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(smtp, beleidsmedewerker):
    antwoord = Client().post("/wachtwoord/vergeten/", {"email": "niemand@example.org"})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/wachtwoord/vergeten/verstuurd/"
    time.sleep(0.3)
    assert smtp.berichten == []


def test_reset_requests_are_braked(beleidsmedewerker):
    client = Client()
    for _ in range(5):
        assert client.post("/wachtwoord/vergeten/", {"email": "x@example.org"}).status_code == 302
    antwoord = client.post("/wachtwoord/vergeten/", {"email": "y@example.org"})
    assert antwoord.status_code == 200 and "Te veel aanvragen" in antwoord.content.decode()
