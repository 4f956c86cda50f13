"""The Celery tasks: each calls one public function of the app that owns the work.

Every task is acknowledged after it ran (CELERY_TASK_ACKS_LATE) and idempotent; jobs with a row
(`Taak`) go through `taken.services.uitvoeren`, which also retries with backoff and reports a failure.
"""

import logging
import re
import tempfile
from pathlib import Path

from celery import shared_task
from django.core.cache import cache

from . import services
from .models import TaakBestand

logger = logging.getLogger(__name__)


def _job(task, taak_id, werk, *, in_transactie: bool = True):
    laatste = task.request.retries >= len(services.WACHTTIJDEN)
    try:
        return services.uitvoeren(taak_id, werk, laatste_poging=laatste, in_transactie=in_transactie)
    except services.Bezet as exc:
        if task.request.is_eager:  # nobody else can hold it in the first run's single process
            raise
        raise task.retry(exc=exc, countdown=10, max_retries=None) from exc
    except Exception as exc:
        raise task.retry(exc=exc, countdown=services.wachttijd(task.request.retries)) from exc


# --- a partner's upload of values ------------------------------------------------------------------------


def _levering(taak, melden) -> dict:
    from indicatoren.api.levering import waarden_leveren
    from toegang.regels import toegang_van

    bestand = TaakBestand.objects.get(taak=taak)
    p = taak.parameters
    # The rights of the one who uploaded, as they are now (a revoked account delivers nothing).
    toegang = toegang_van(taak.gestart_door) if taak.gestart_door_id else None
    if toegang is None or toegang.rol is None:
        from lib.importrapport import Fout, ImportFout

        raise ImportFout([Fout(None, "de uploader heeft geen account (meer): er is niets geïmporteerd")], bestand.naam)
    inhoud = bytes(bestand.inhoud)
    regels = max(inhoud.count(b"\n"), 1)  # CSV: lines; XLSX: unknown, the text still says how far

    def meld(tekst: str) -> None:
        getal = re.match(r"(\d+) rijen gecontroleerd", tekst)
        melden(f"{bestand.naam}: {tekst}", min(90, 5 + round(85 * int(getal[1]) / regels)) if getal else None)

    with tempfile.TemporaryDirectory(prefix="levering-") as map_:
        pad = Path(map_) / f"levering{p.get('achtervoegsel', '.csv')}"
        pad.write_bytes(inhoud)
        melden(f"{bestand.naam}: lezen en controleren", 5)
        rapport = waarden_leveren(pad, toegang=toegang, bron=p["bron"], bestandsnaam=bestand.naam, voortgang=meld)
    melden(f"{bestand.naam}: geschreven", 95)
    return {
        "bestand": bestand.naam,
        "gelezen": rapport.gelezen,
        "nieuw": rapport.nieuw,
        "gewijzigd": rapport.gewijzigd,
        "ongewijzigd": rapport.ongewijzigd,
    }


@shared_task(bind=True, name="taken.levering_verwerken", max_retries=len(services.WACHTTIJDEN))
def levering_verwerken(self, taak_id: str):
    return _job(self, taak_id, _levering)


# --- load_cbs as a job -------------------------------------------------------------------------------------


def _cbs(taak, melden) -> dict:
    from indicatoren.laden import cbs_laden as laden
    from indicatoren.laden import taken as tabellen

    p = taak.parameters
    lijst = tabellen(vanaf=p.get("vanaf", 2014), tot=p.get("tot"), extra=p.get("extra") or {})
    teller = {"n": 0}

    def meld(tekst: str) -> None:
        if tekst.startswith("["):
            teller["n"] += 1
        melden(tekst, min(99, round(100 * teller["n"] / (2 * max(len(lijst), 1)))))

    uitkomsten = laden(
        gemeente=p["gemeente"], taken_=lijst, map=Path(p["map"]), opnieuw=p.get("opnieuw", False), voortgang=meld
    )
    if p.get("catalogus"):
        from django.core.management import call_command

        call_command("import_indicatoren", p["catalogus"], stdout=_Stil(), stderr=_Stil())
    return {
        "gemeente": p["gemeente"],
        "tabellen": [
            {"tabel": u.taak.tabel, "soort": u.taak.soort, "samenvatting": u.samenvatting, "al_geladen": u.overgeslagen}
            for u in uitkomsten
        ],
    }


class _Stil:
    def write(self, *_args, **_kwargs):
        pass

    def flush(self):
        pass


@shared_task(bind=True, name="taken.cbs_laden", max_retries=len(services.WACHTTIJDEN))
def cbs_laden(self, taak_id: str):
    # Not one transaction (a national load is millions of rows): load_cbs commits per table and resumes
    # where it stopped, so a retried or redelivered job continues instead of loading twice.
    return _job(self, taak_id, _cbs, in_transactie=False)


# --- signalen --------------------------------------------------------------------------------------------------


def _publiceren(taak, melden) -> dict:
    from signalen.publicatie import signalen_publiceren

    melden("Signalen tellen en publiceren")
    p = signalen_publiceren(met_synthetisch=taak.parameters.get("met_synthetisch", False))
    return {
        "signalen": p.signalen,
        "waarden": p.waarden,
        "nieuw": p.nieuw,
        "gewijzigd": p.gewijzigd,
        "verwijderd": p.verwijderd,
    }


@shared_task(bind=True, name="taken.signalen_publiceren_taak", max_retries=len(services.WACHTTIJDEN))
def signalen_publiceren_taak(self, taak_id: str):
    return _job(self, taak_id, _publiceren)


PUBLICATIE_GEPLAND = "taken:signalen-publicatie-gepland"
PUBLICATIE_WACHT_S = 60


def publicatie_na_schrijven() -> None:
    """After a write of signals (called on commit): publish the counts again. With a worker once for a burst
    of writes: the first write in a minute schedules a job a minute later, which reads everything committed
    by then. Without one (the first run, only when switched on) after every write, at once."""
    from django.conf import settings

    if not getattr(settings, "SIGNALEN_PUBLICEREN_NA_SCHRIJVEN", False):
        return
    eager = settings.CELERY_TASK_ALWAYS_EAGER
    if not eager and not cache.add(PUBLICATIE_GEPLAND, 1, PUBLICATIE_WACHT_S):
        return
    services.taak_aanmaken(
        soort="signalen_publiceren",
        omschrijving="Signaaltellingen publiceren na nieuwe of gewijzigde signalen",
        na_seconden=None if eager else PUBLICATIE_WACHT_S,
    )


@shared_task(name="taken.signalen_publiceren")
def signalen_publiceren():
    """Nightly (beat): the same publication as `manage.py publiceer_signalen`, as a followable job."""
    services.taak_aanmaken(soort="signalen_publiceren", omschrijving="Signaaltellingen publiceren (nachtelijk)")


@shared_task(name="taken.signalen_anonimiseren", autoretry_for=(Exception,), retry_backoff=60, max_retries=3)
def signalen_anonimiseren():
    """Nightly (beat): `manage.py anonimiseer_signalen` (one transaction; running it twice changes nothing)."""
    from django.conf import settings

    from signalen.anonimiseren import persoonsgegevens_verwijderen

    return persoonsgegevens_verwijderen(maanden=settings.SIGNALEN_BEWAARTERMIJN_MAANDEN)


@shared_task(name="taken.berichten_versturen")
def berichten_versturen():
    """Every minute (beat): the outbox's messages that wait or failed and are due (berichten)."""
    from berichten.services import verstuur_wachtende_berichten

    return verstuur_wachtende_berichten()
