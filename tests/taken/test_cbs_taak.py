"""`load_cbs --als-taak`: the CBS load as a followable job (here without a broker: it runs at once), with the
same resumable load underneath (a second job finds every table done). Uses the local fake CBS server of
the OData tests."""

import io

import pytest
from django.core.management import call_command

from taken.models import Taak, TaakStatus
from tests.indicatoren.test_odata_download import alleen_lokaal, cbs, cbs_alles  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def _als_taak(tmp_path, django_capture_on_commit_callbacks) -> Taak:
    uit = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "load_cbs", "--als-taak", gemeente="GM0164", vanaf=2019, map=str(tmp_path / "cbs"), catalogus="", stdout=uit
        )
    assert uit.getvalue().startswith("Taak ")
    taak = Taak.objects.order_by("-aangemaakt_op").first()
    assert taak is not None
    return taak


def test_load_cbs_als_taak(cbs_alles, tmp_path, django_capture_on_commit_callbacks):  # noqa: F811
    taak = _als_taak(tmp_path, django_capture_on_commit_callbacks)
    assert taak.soort == "cbs_laden" and taak.status == TaakStatus.KLAAR, taak.fout
    tabellen = {t["tabel"]: t for t in taak.resultaat["tabellen"]}
    assert set(tabellen) == {"84583NED", "85318NED", "85984NED", "47018NED", "85010NED"}
    assert not any(t["al_geladen"] for t in tabellen.values())

    opnieuw = _als_taak(tmp_path, django_capture_on_commit_callbacks)
    assert opnieuw.pk != taak.pk and opnieuw.status == TaakStatus.KLAAR
    assert all(t["al_geladen"] for t in opnieuw.resultaat["tabellen"])
