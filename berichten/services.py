"""Sending e-mail from the portal: write the message in the outbox, send it after the transaction commits.

Use::

    from berichten.services import bericht_versturen, portaal_url

    bericht_versturen(
        aan="bewoner@example.org",              # recipient (one address)
        onderwerp="Uw signaal is afgehandeld",  # subject, Dutch
        sjabloon="signalen/afgehandeld",        # renders templates/berichten/signalen/afgehandeld.txt and .html
        context={"link": portaal_url("/terugkoppeling/abc/")},
        sleutel="signaal-12-afgehandeld-3",     # idempotency key: unique per message that must go out once
    )

- The message is rendered at once (plain-text part from `<sjabloon>.txt` without HTML escaping, HTML part
  from `<sjabloon>.html`) and stored as one `Bericht` row in the caller's transaction. When that transaction
  rolls back, the row is gone and nothing is sent.
- After the commit the row is sent (`transaction.on_commit`). A failure (SMTP down, refused) is recorded on
  the row (attempts, last error, next attempt with exponential backoff); `verstuur_wachtende_berichten()`
  (command `verstuur_berichten`, or a periodic task) sends what is due.
- Never twice: a second call with the same `sleutel` returns the existing row and sends nothing; sending
  locks the row (SELECT ... FOR UPDATE SKIP LOCKED, so two workers never hold the same message) and only
  sends rows that are not yet sent. The remaining window: the SMTP server accepted the message but the
  database write of "verstuurd" failed; then it is sent again (at least once, not exactly once).
- Links in messages are absolute: `portaal_url(path)` prefixes settings.WIJKPORTAAL_URL.
"""

import logging
from datetime import datetime, timedelta
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.template import Context, engines
from django.template.backends.django import DjangoTemplates
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Bericht, BerichtStatus

logger = logging.getLogger(__name__)

MAX_POGINGEN = 8
EERSTE_WACHTTIJD = timedelta(minutes=1)
LANGSTE_WACHTTIJD = timedelta(hours=6)


def portaal_url(pad: str) -> str:
    """An absolute link into the portal for an e-mail (there is no request to take the host from)."""
    return settings.WIJKPORTAAL_URL.rstrip("/") + "/" + pad.lstrip("/")


def wachttijd(pogingen: int) -> timedelta:
    """Backoff after the n-th failed attempt: 1, 2, 4, ... minutes, at most 6 hours."""
    return min(EERSTE_WACHTTIJD * (2 ** max(pogingen - 1, 0)), LANGSTE_WACHTTIJD)


def _platte_tekst(naam: str, context: dict) -> str:
    # The plain-text part is not HTML: render without autoescaping (an '&' stays an '&').
    sjabloon = cast(DjangoTemplates, engines["django"]).engine.get_template(naam)
    return sjabloon.render(Context(context, autoescape=False)).strip() + "\n"


def bericht_versturen(*, aan: str, onderwerp: str, sjabloon: str, context: dict, sleutel: str) -> Bericht:
    """Queue one e-mail and send it after the current transaction commits (see the module docstring).

    Returns the outbox row; an existing row when `sleutel` was used before (then nothing new is sent).
    Raises ValidationError for an invalid address, an empty subject or key."""
    aan = (aan or "").strip()
    validate_email(aan)
    if not onderwerp.strip() or not sleutel.strip():
        raise ValidationError("Een bericht heeft een onderwerp en een sleutel nodig.")
    bestaand = Bericht.objects.filter(sleutel=sleutel).first()
    if bestaand is not None:
        return bestaand
    inhoud = {"onderwerp": onderwerp, **context}
    bericht = Bericht(
        sleutel=sleutel[:200],
        aan=aan,
        onderwerp=onderwerp.strip()[:200],
        tekst=_platte_tekst(f"berichten/{sjabloon}.txt", inhoud),
        html=render_to_string(f"berichten/{sjabloon}.html", inhoud),
    )
    bericht.full_clean()
    with transaction.atomic():
        # get_or_create: two transactions asking for the same key at once end with one row.
        bericht, nieuw = Bericht.objects.get_or_create(
            sleutel=bericht.sleutel,
            defaults={f: getattr(bericht, f) for f in ("aan", "onderwerp", "tekst", "html")},
        )
    if nieuw:
        pk = bericht.pk
        transaction.on_commit(lambda: verstuur(pk))
    return bericht


def verstuur(pk: int, *, nu: datetime | None = None, verbinding=None) -> bool:
    """Send one outbox row if it still has to go out and nobody else holds it. True when it was sent now.

    Never raises on a sending failure: the failure is recorded on the row for the next attempt."""
    with transaction.atomic():
        bericht = (
            Bericht.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status__in=(BerichtStatus.WACHTEND, BerichtStatus.MISLUKT))
            .first()
        )
        if bericht is None:
            return False
        nu = nu or timezone.now()
        mail = EmailMultiAlternatives(
            subject=bericht.onderwerp,
            body=bericht.tekst,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[bericht.aan],
            connection=verbinding or get_connection(),
            headers={"Content-Language": "nl"},
        )
        mail.attach_alternative(bericht.html, "text/html")
        bericht.pogingen += 1
        try:
            mail.send(fail_silently=False)
        except Exception as exc:  # noqa: BLE001 - any failure of the mail server is retried later
            logger.warning("Bericht %s niet verstuurd (poging %s): %s", bericht.pk, bericht.pogingen, exc)
            bericht.laatste_fout = f"{type(exc).__name__}: {exc}"[:2000]
            if bericht.pogingen >= MAX_POGINGEN:
                bericht.status = BerichtStatus.OPGEGEVEN
            else:
                bericht.status = BerichtStatus.MISLUKT
                bericht.volgende_poging_op = nu + wachttijd(bericht.pogingen)
            bericht.save(update_fields=["pogingen", "laatste_fout", "status", "volgende_poging_op"])
            return False
        bericht.status = BerichtStatus.VERSTUURD
        bericht.verstuurd_op = nu
        bericht.save(update_fields=["pogingen", "status", "verstuurd_op"])
        return True


def verstuur_wachtende_berichten(*, nu: datetime | None = None, limiet: int = 500) -> dict[str, int]:
    """Send every message that is due (waiting, or failed and past its backoff), one row at a time.

    Safe to run from several workers at once: each row is locked while it is sent and skipped by the
    others. Returns {"verstuurd": n, "mislukt": m}."""
    nu = nu or timezone.now()
    uitslag = {"verstuurd": 0, "mislukt": 0}
    gezien: set[int] = set()
    verbinding = get_connection()
    for _ in range(limiet):
        pk = (
            Bericht.objects.aan_de_beurt(nu)
            .exclude(pk__in=gezien)
            .order_by("volgende_poging_op", "id")
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            break
        gezien.add(pk)
        if verstuur(pk, nu=nu, verbinding=verbinding):
            uitslag["verstuurd"] += 1
        elif Bericht.objects.filter(pk=pk, status__in=(BerichtStatus.MISLUKT, BerichtStatus.OPGEGEVEN)).exists():
            uitslag["mislukt"] += 1
    return uitslag


def adres_vergeten(aan: str) -> int:
    """Remove every outbox row to this address (sent or not): at the end of a retention term the address and
    the mailed text go. Returns the number of rows removed."""
    aantal, _ = Bericht.objects.filter(aan__iexact=(aan or "").strip()).delete()
    return aantal
