"""The outbox against a real SMTP server (aiosmtpd, started by the test): a message arrives once, in Dutch,
with a plain-text and an HTML part and a working link; nothing is sent when the transaction rolls back;
a failure is retried with backoff and a sent message is never sent again."""

import socket
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from berichten.models import Bericht, BerichtStatus
from berichten.services import (
    MAX_POGINGEN,
    bericht_versturen,
    portaal_url,
    verstuur,
    verstuur_wachtende_berichten,
    wachttijd,
)

pytestmark = pytest.mark.django_db


def _vraag(sleutel="test-1", aan="bewoner@example.org"):
    return bericht_versturen(
        aan=aan,
        onderwerp="Uw signaal is afgehandeld",
        sjabloon="voorbeeld",
        context={"tekst": "De afvalbak is geleegd & schoongemaakt.", "link": portaal_url("/openbaar/")},
        sleutel=sleutel,
    )


def test_a_message_arrives_once_after_commit_in_dutch_with_text_and_html(
    smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.WIJKPORTAAL_URL = "https://wijkportaal.hengelo.nl"
    with django_capture_on_commit_callbacks(execute=True):
        bericht = _vraag()
        assert smtp_server.berichten == []  # not before the commit
    [mail] = smtp_server.wacht_op(1)
    assert mail["To"] == "bewoner@example.org"
    assert mail["Subject"] == "Uw signaal is afgehandeld"
    assert mail["Content-Language"] == "nl"
    tekst = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "Beste bewoner" in tekst and "geleegd & schoongemaakt" in tekst  # plain text is not HTML-escaped
    assert "https://wijkportaal.hengelo.nl/openbaar/" in tekst
    assert '<html lang="nl">' in html and "geleegd &amp; schoongemaakt" in html
    assert 'href="https://wijkportaal.hengelo.nl/openbaar/"' in html
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERSTUURD and bericht.pogingen == 1 and bericht.verstuurd_op

    # Asking again with the same key, and retrying, sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert _vraag().pk == bericht.pk
    assert verstuur_wachtende_berichten(nu=timezone.now() + timedelta(days=1)) == {"verstuurd": 0, "mislukt": 0}
    assert verstuur(bericht.pk) is False
    assert len(smtp_server.wacht_op(2, seconden=0.5)) == 1
    assert Bericht.objects.count() == 1


def test_no_message_when_the_transaction_rolls_back(smtp_server, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _vraag()
        raise RuntimeError("iets anders ging mis")
    assert callbacks == []
    assert Bericht.objects.count() == 0
    assert smtp_server.wacht_op(1, seconden=0.5) == []


def test_a_failure_is_recorded_and_retried_later_without_sending_twice(
    smtp_server, settings, django_capture_on_commit_callbacks
):
    goede_poort = settings.EMAIL_PORT
    with socket.socket() as s:  # a port where nobody listens
        s.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = s.getsockname()[1]
    nu = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        bericht = _vraag()
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.MISLUKT and bericht.pogingen == 1
    assert "Connection" in bericht.laatste_fout or "refused" in bericht.laatste_fout.lower()
    assert bericht.volgende_poging_op >= nu + wachttijd(1)

    settings.EMAIL_PORT = goede_poort
    # Not yet due: nothing happens.
    assert verstuur_wachtende_berichten(nu=nu) == {"verstuurd": 0, "mislukt": 0}
    assert smtp_server.wacht_op(1, seconden=0.3) == []
    # Due: sent once; the next run finds nothing.
    later = nu + timedelta(minutes=5)
    assert verstuur_wachtende_berichten(nu=later) == {"verstuurd": 1, "mislukt": 0}
    assert verstuur_wachtende_berichten(nu=later + timedelta(hours=1)) == {"verstuurd": 0, "mislukt": 0}
    assert len(smtp_server.wacht_op(2, seconden=0.5)) == 1
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERSTUURD and bericht.pogingen == 2


def test_backoff_doubles_and_gives_up_after_the_last_attempt(settings):
    assert [wachttijd(n) for n in (1, 2, 3)] == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert wachttijd(20) == timedelta(hours=6)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = s.getsockname()[1]
    bericht = Bericht.objects.create(sleutel="x", aan="a@example.org", onderwerp="o", tekst="t", html="<p>t</p>")
    moment = timezone.now()
    for _ in range(MAX_POGINGEN):
        moment += timedelta(hours=7)
        verstuur_wachtende_berichten(nu=moment)
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.OPGEGEVEN and bericht.pogingen == MAX_POGINGEN
    assert verstuur_wachtende_berichten(nu=moment + timedelta(days=1)) == {"verstuurd": 0, "mislukt": 0}


@pytest.mark.postgres  # SQLite has no row locks (FOR UPDATE is left out there)
def test_sending_locks_the_row_and_skips_rows_others_hold(smtp_server):
    """Two workers never hold the same message: the row is read FOR UPDATE SKIP LOCKED, and a row that is
    no longer waiting (sent meanwhile by the other worker) is not sent."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    bericht = Bericht.objects.create(sleutel="y", aan="a@example.org", onderwerp="o", tekst="t", html="<p>t</p>")
    with CaptureQueriesContext(connection) as vastgelegd:
        assert verstuur(bericht.pk) is True
    assert any("FOR UPDATE SKIP LOCKED" in q["sql"] for q in vastgelegd.captured_queries)
    assert verstuur(bericht.pk) is False
    assert len(smtp_server.wacht_op(2, seconden=0.5)) == 1


def test_invalid_address_is_refused_and_nothing_written():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _vraag(aan="geen-adres")
    assert Bericht.objects.count() == 0


def test_command_sends_what_is_due(smtp_server, capsys):
    Bericht.objects.create(sleutel="z", aan="a@example.org", onderwerp="o", tekst="t", html="<p>t</p>")
    call_command("verstuur_berichten")
    assert "1 verstuurd" in capsys.readouterr().out
    assert len(smtp_server.wacht_op(1)) == 1
