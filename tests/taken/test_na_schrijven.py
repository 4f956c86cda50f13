"""After a committed write of signals: the counts are published again by a job (once for a burst of writes),
and immediate subscribers hear of an escalation to their organisation. Without a broker the jobs run at once."""

import pytest

from berichten.models import Bericht
from signalen import services as signalen
from taken.models import Taak, TaakStatus
from tests.hulp.signalen import melden
from toegang.models import Organisatie

pytestmark = pytest.mark.django_db


def test_publicatie_na_schrijven_zonder_worker_na_elke_schrijfactie(
    stadsdeelregisseur, settings, django_capture_on_commit_callbacks
):
    settings.SIGNALEN_PUBLICEREN_NA_SCHRIJVEN = True
    with django_capture_on_commit_callbacks(execute=True):
        melden(stadsdeelregisseur)
    with django_capture_on_commit_callbacks(execute=True):
        melden(stadsdeelregisseur)
    eerste, tweede = Taak.objects.filter(soort="signalen_publiceren").order_by("aangemaakt_op")
    assert eerste.status == tweede.status == TaakStatus.KLAAR, (eerste.fout, tweede.fout)
    assert tweede.resultaat["signalen"] == eerste.resultaat["signalen"] + 1 and tweede.resultaat["waarden"] > 0


def test_publicatie_met_worker_een_taak_een_minuut_later_voor_een_reeks(
    stadsdeelregisseur, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from taken import tasks

    settings.SIGNALEN_PUBLICEREN_NA_SCHRIJVEN = True
    settings.CELERY_TASK_ALWAYS_EAGER = False
    verstuurd = []
    monkeypatch.setattr(
        tasks.signalen_publiceren_taak, "apply_async", lambda args, countdown: verstuurd.append((args, countdown))
    )
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            tasks.publicatie_na_schrijven()
    (taak,) = Taak.objects.filter(soort="signalen_publiceren")
    assert verstuurd == [([str(taak.id)], 60)]


def test_zonder_worker_standaard_geen_publicatie(stadsdeelregisseur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        melden(stadsdeelregisseur)
    assert not Taak.objects.exists()


def test_escalatie_direct_naar_de_partner(
    stadsdeelregisseur, partner_a, client_partner_a, settings, django_capture_on_commit_callbacks
):
    settings.ABONNEMENTEN_DIRECT_NA_SCHRIJVEN = True
    partner_a.email = "wijkteam@welbions.example"
    partner_a.save(update_fields=["email"])
    client_partner_a.get("/mijn/abonnementen/")  # the partner's defaults: its escalations at once
    signaal = melden(stadsdeelregisseur)
    with django_capture_on_commit_callbacks(execute=True):
        signalen.escaleren(
            signaal_id=signaal.pk,
            partner_ids=[Organisatie.objects.get(code="welbions").pk],
            gevraagde_actie="Container legen",
            door=stadsdeelregisseur,
        )
    (bericht,) = Bericht.objects.filter(aan="wijkteam@welbions.example")
    assert f"Signaal #{signaal.pk}" in bericht.onderwerp and "doorgezet naar Welbions" in bericht.onderwerp
    assert "/abonnementen/afmelden/" in bericht.tekst
