"""Creating and running background jobs: one write path for each, used by the API, pages and commands.

`taak_aanmaken` writes the job row (and its file) in the caller's transaction and hands the job to Celery
after the commit (`transaction.on_commit`): a rolled-back request leaves no job, and a worker never gets
a job id it cannot read yet.

`uitvoeren` is the body of every job (see taken/tasks.py), and makes it idempotent:
- a job that has finished (klaar or mislukt) is never run again: a message delivered twice does nothing;
- the work and the job's "klaar" are written in ONE transaction, holding a lock on the job's row. A worker
  killed mid-job writes nothing (PostgreSQL rolls its transaction back); the broker hands the message out
  again (acks_late) and the next worker starts from scratch. Two workers holding the same message: the
  second finds the row locked and tries again later;
- a bad input (ImportFout: a file with bad rows) fails at once with every problem in `fout`, the database as
  it was; any other error is retried with backoff (`WACHTTIJDEN`), and after the last attempt the job is
  marked mislukt with the reason and its starter gets an e-mail.
"""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.module_loading import import_string

from lib.importrapport import MAX_GEMELD, ImportFout

from . import voortgang
from .models import AFGELOPEN, Taak, TaakBestand, TaakSoort, TaakStatus

logger = logging.getLogger(__name__)

# The Celery task behind each kind of job (dotted paths: imported when a job is handed over).
TAKEN: dict[str, str] = {
    TaakSoort.LEVERING: "taken.tasks.levering_verwerken",
    TaakSoort.CBS_LADEN: "taken.tasks.cbs_laden",
    TaakSoort.SIGNALEN_PUBLICEREN: "taken.tasks.signalen_publiceren_taak",
}
# Seconds before attempt 2, 3 and 4 (exponential backoff); then the job is given up.
WACHTTIJDEN = (30, 120, 600)
SLOT_S = 6 * 3600  # the longest a job without its own transaction may hold its lock


class Bezet(Exception):
    """Another worker holds this job right now (the same message delivered twice)."""


def taak_aanmaken(
    *,
    soort: str,
    omschrijving: str,
    door=None,
    parameters: dict | None = None,
    sleutel: str | None = None,
    bestand: tuple[str, bytes] | None = None,
    na_seconden: int | None = None,
) -> Taak:
    """Create a job and start it after the commit (`na_seconden` later, with a worker). With a `sleutel`
    already used: that job, nothing new."""
    if soort not in TAKEN:
        raise ValueError(f"onbekende soort taak {soort!r}")
    with transaction.atomic():
        if sleutel:
            bestaand = Taak.objects.filter(sleutel=sleutel).first()
            if bestaand is not None:
                return bestaand
        taak = Taak(
            soort=soort,
            omschrijving=omschrijving[:300],
            parameters=parameters or {},
            sleutel=sleutel or None,
            gestart_door=door if door is not None and door.is_authenticated else None,
        )
        taak.full_clean()
        taak.save()
        if bestand is not None:
            naam, inhoud = bestand
            TaakBestand.objects.create(taak=taak, naam=naam[:255], inhoud=inhoud)
        voortgang.melden(taak.id, "In de wachtrij")
        taak_id, pad = str(taak.id), TAKEN[soort]
        transaction.on_commit(lambda: import_string(pad).apply_async(args=[taak_id], countdown=na_seconden))
    return taak


def status_van(taak: Taak) -> dict:
    """What the status endpoint and the pages show: the row, with the running progress from the cache."""
    procent, tekst = taak.voortgang, taak.voortgang_tekst
    if not taak.is_afgelopen:
        lopend = voortgang.lezen(taak.id) or {}
        procent, tekst = lopend.get("procent", procent), lopend.get("tekst", tekst)
    return {
        "id": str(taak.id),
        "soort": taak.soort,
        "omschrijving": taak.omschrijving,
        "status": taak.status,
        "voortgang": procent,
        "voortgang_tekst": tekst or "",
        "pogingen": taak.pogingen,
        "aangemaakt_op": taak.aangemaakt_op,
        "gestart_op": taak.gestart_op,
        "klaar_op": taak.klaar_op,
        "resultaat": taak.resultaat,
        "fout": taak.fout,
    }


def _foutrapport(exc: ImportFout) -> dict:
    lijst = [{"regel": f.regel, "melding": f.melding} for f in exc.fouten[:MAX_GEMELD]]
    naam = exc.bestand or "het bestand"
    detail = f"{naam}: {len(exc.fouten)} fout(en), er is niets geïmporteerd."
    if len(exc.fouten) > len(lijst):
        detail += f" Hieronder de eerste {len(lijst)}."
    return {"detail": detail, "aantal_fouten": len(exc.fouten), "fouten": lijst}


def _afsluiten(taak_id, *, status: str, resultaat=None, fout=None, tekst: str) -> None:
    Taak.objects.filter(pk=taak_id).exclude(status__in=AFGELOPEN).update(
        status=status,
        resultaat=resultaat,
        fout=fout,
        voortgang=100 if status == TaakStatus.KLAAR else None,
        voortgang_tekst=tekst[:300],
        klaar_op=timezone.now(),
    )
    voortgang.wissen(taak_id)


def uitvoeren(
    taak_id, werk: Callable[[Taak, Callable], dict], *, laatste_poging: bool, in_transactie: bool = True
) -> str:
    """Run one job (see the module docstring). `werk(taak, melden)` does the work inside the job's
    transaction and returns its report (JSON); `melden(tekst, procent=None)` reports progress.

    Returns the job's status afterwards. Raises `Bezet` (another worker holds it) or the work's own error
    when it should be retried (not on the last attempt).

    `in_transactie=False` is for work that commits in steps and resumes by itself (load_cbs per table):
    then a lock in the cache keeps a second worker off the job while it runs."""
    bijgewerkt = Taak.objects.filter(pk=taak_id).exclude(status__in=AFGELOPEN)
    if not bijgewerkt.update(
        status=TaakStatus.BEZIG, pogingen=F("pogingen") + 1, gestart_op=Coalesce("gestart_op", timezone.now())
    ):
        return Taak.objects.filter(pk=taak_id).values_list("status", flat=True).first() or "onbekend"

    def melden(tekst: str, procent: int | None = None) -> None:
        voortgang.melden(taak_id, tekst, procent)

    melden("Gestart")
    slot = f"taken:slot:{taak_id}"
    try:
        if in_transactie:
            with transaction.atomic():
                try:
                    taak = Taak.objects.select_for_update(nowait=True).get(pk=taak_id)
                except DatabaseError as exc:
                    raise Bezet(str(exc)) from exc
                if taak.is_afgelopen:  # finished by another worker meanwhile
                    return taak.status
                _klaar(taak, werk(taak, melden))
        else:
            if not cache.add(slot, 1, SLOT_S):
                raise Bezet("een andere worker voert deze taak uit")
            try:
                taak = Taak.objects.get(pk=taak_id)
                _klaar(taak, werk(taak, melden))
            finally:
                cache.delete(slot)
    except Bezet:
        raise
    except ImportFout as exc:
        # A bad file stays bad: no retry. Everything the job wrote is rolled back.
        _afsluiten(taak_id, status=TaakStatus.MISLUKT, fout=_foutrapport(exc), tekst="Mislukt: fouten in de invoer")
        TaakBestand.objects.filter(taak_id=taak_id).delete()
        _melden_mislukt(taak_id)
        return TaakStatus.MISLUKT
    except Exception as exc:
        logger.exception("Taak %s mislukt", taak_id)
        reden = f"{type(exc).__name__}: {exc}"[:1000]
        if not laatste_poging:
            Taak.objects.filter(pk=taak_id, status=TaakStatus.BEZIG).update(
                status=TaakStatus.WACHTRIJ, voortgang_tekst=f"Mislukt, wordt opnieuw geprobeerd: {reden}"[:300]
            )
            voortgang.melden(taak_id, f"Mislukt, wordt opnieuw geprobeerd: {reden}")
            raise
        _afsluiten(
            taak_id,
            status=TaakStatus.MISLUKT,
            fout={"detail": f"De taak is mislukt en er is niets gewijzigd: {reden}", "aantal_fouten": 1, "fouten": []},
            tekst="Mislukt",
        )
        TaakBestand.objects.filter(taak_id=taak_id).delete()
        _melden_mislukt(taak_id)
        return TaakStatus.MISLUKT
    voortgang.wissen(taak_id)
    return TaakStatus.KLAAR


def _klaar(taak: Taak, resultaat: dict) -> None:
    taak.status = TaakStatus.KLAAR
    taak.resultaat = resultaat
    taak.fout = None
    taak.voortgang, taak.voortgang_tekst = 100, "Klaar"
    taak.klaar_op = timezone.now()
    taak.save(update_fields=["status", "resultaat", "fout", "voortgang", "voortgang_tekst", "klaar_op"])
    TaakBestand.objects.filter(taak=taak).delete()


def _melden_mislukt(taak_id) -> None:
    """The starter of a failed job gets an e-mail (the outbox sends it; once per job)."""
    from berichten.services import bericht_versturen, portaal_url

    taak = Taak.objects.select_related("gestart_door").filter(pk=taak_id).first()
    if taak is None or taak.gestart_door is None or not taak.gestart_door.email:
        return
    try:
        bericht_versturen(
            aan=taak.gestart_door.email,
            onderwerp=f"Mislukt: {taak.omschrijving}"[:200],
            sjabloon="taken/mislukt",
            context={"taak": taak, "link": portaal_url(f"/mijn/meldingen/#taak-{taak.id}")},
            sleutel=f"taak-mislukt-{taak.id}",
        )
    except Exception:  # noqa: BLE001 - a job's failure report must not fail the job's bookkeeping
        logger.exception("Melding over mislukte taak %s niet in de outbox gezet", taak_id)


def wachttijd(poging: int) -> int:
    """Seconds before the next attempt after attempt `poging` (0-based) failed."""
    return WACHTTIJDEN[min(poging, len(WACHTTIJDEN) - 1)]


def achtergelaten(*, ouder_dan: timedelta = timedelta(hours=6)):
    """Jobs that say 'bezig' or 'wachtrij' for longer than any job takes: for the beheerder's page."""
    grens = timezone.now() - ouder_dan
    return Taak.objects.exclude(status__in=AFGELOPEN).filter(aangemaakt_op__lt=grens)
