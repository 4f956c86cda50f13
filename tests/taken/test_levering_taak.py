"""A partner upload above the size limit becomes a job: 202 at once with the job to follow, the same report
at the end (or every bad row, nothing written), retried with backoff on a passing failure. Here without a
broker (the first run: jobs run at once, eagerly); tests/taken/test_worker.py runs them on a real worker."""

import uuid

import pytest
from django.db import OperationalError

from indicatoren.models import Waarde
from taken.models import Taak, TaakStatus
from tests.hulp.api import controleer_contract, upload

pytestmark = pytest.mark.django_db

KOP = "indicator,gebied,periode,waarde\n"
GOED = KOP + "WelbionsHuurachterstanden,WK016401,2024,25\nWelbionsHuurachterstanden,WK016402,2023,31\n"
SLECHT = (
    KOP
    + "WelbionsHuurachterstanden,WK016401,2024,25\n"
    + "WelbionsHuurachterstanden,WK999999,2024,3\n"
    + "Onbekend,WK016402,2024,4\n"
    + "WelbionsHuurachterstanden,WK016402,20x4,5\n"
)


@pytest.fixture(autouse=True)
def _klein(settings):
    settings.TAKEN_UPLOAD_DREMPEL_BYTES = 10  # every test file is "large"


def _welbions():
    return dict(
        Waarde.objects.filter(indicator__code="WelbionsHuurachterstanden").values_list("gebied__code", "waarde")
    )


def test_groot_bestand_wordt_een_taak_met_hetzelfde_verslag(
    client_partner_a, partnerdata, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client_partner_a, GOED)
    assert response.status_code == 202, response.content
    controleer_contract(response, "post", "/api/v1/waarden/upload/")
    taak = response.json()
    assert response["Location"] == taak["url"] == f"http://testserver/api/v1/taken/{taak['id']}/"
    # The test's transaction defers the hand-over to the end of the request; a real request (autocommit)
    # without a broker has run the job before answering.
    assert taak["status"] == "wachtrij" and taak["soort"] == "levering" and taak["resultaat"] is None
    assert _welbions()["WK016401"] == 25.0

    status = client_partner_a.get(f"/api/v1/taken/{taak['id']}/")
    assert status.status_code == 200
    controleer_contract(status, "get", f"/api/v1/taken/{taak['id']}/")
    klaar = status.json()
    assert klaar["status"] == "klaar" and klaar["voortgang"] == 100 and klaar["fout"] is None
    assert klaar["resultaat"] == {"bestand": "levering.csv", "gelezen": 2, "nieuw": 2, "gewijzigd": 0, "ongewijzigd": 0}
    rij = Taak.objects.get(pk=taak["id"])
    assert rij.gestart_door.username == "welbions" and rij.pogingen == 1
    assert not hasattr(rij, "bestand") or rij.bestand is None  # the file is gone with the finished job


def test_slecht_bestand_taak_mislukt_met_elke_foute_regel_en_schrijft_niets(
    client_partner_a, partnerdata, django_capture_on_commit_callbacks
):
    voor = _welbions()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client_partner_a, SLECHT)
    assert response.status_code == 202
    taak = client_partner_a.get(f"/api/v1/taken/{response.json()['id']}/").json()
    assert taak["status"] == "mislukt" and taak["resultaat"] is None
    assert taak["fout"]["aantal_fouten"] == 3
    assert [f["regel"] for f in taak["fout"]["fouten"]] == [3, 4, 5]
    assert "WK999999" in taak["fout"]["fouten"][0]["melding"]
    assert taak["fout"]["detail"] == "levering.csv: 3 fout(en), er is niets geïmporteerd."
    assert _welbions() == voor

    # The same report as a direct upload of the same file.
    from django.test import override_settings

    with override_settings(TAKEN_UPLOAD_DREMPEL_BYTES=10**9):
        direct = upload(client_partner_a, SLECHT)
    assert direct.status_code == 400
    assert direct.json()["fouten"] == taak["fout"]["fouten"]


def test_een_ander_ziet_de_taak_niet(
    client_partner_a,
    client_partner_b,
    client_anoniem,
    client_beheerder,
    partnerdata,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        taak_id = upload(client_partner_a, GOED).json()["id"]
    assert client_partner_b.get(f"/api/v1/taken/{taak_id}/").status_code == 404
    assert client_anoniem.get(f"/api/v1/taken/{taak_id}/").status_code in (401, 403)
    assert client_beheerder.get(f"/api/v1/taken/{taak_id}/").status_code == 200
    assert client_partner_a.get(f"/api/v1/taken/{uuid.uuid4()}/").status_code == 404
    assert client_partner_a.get("/api/v1/taken/geen-uuid/").status_code == 404


def test_voorbijgaande_fout_wordt_opnieuw_geprobeerd(
    client_partner_a, partnerdata, django_capture_on_commit_callbacks, monkeypatch
):
    from indicatoren.api import levering

    echt = levering.waarden_leveren
    pogingen = []

    def eerst_fout(*args, **kwargs):
        pogingen.append(1)
        if len(pogingen) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return echt(*args, **kwargs)

    monkeypatch.setattr(levering, "waarden_leveren", eerst_fout)
    with django_capture_on_commit_callbacks(execute=True):
        taak_id = upload(client_partner_a, GOED).json()["id"]
    taak = Taak.objects.get(pk=taak_id)
    assert taak.status == TaakStatus.KLAAR and taak.pogingen == 2
    assert _welbions()["WK016401"] == 25.0


def test_blijvende_fout_laat_de_database_zoals_hij_was_en_meldt_het(
    client_partner_a, partner_a, partnerdata, django_capture_on_commit_callbacks, monkeypatch
):
    from berichten.models import Bericht
    from indicatoren.api import levering

    partner_a.email = "data@welbions.example"
    partner_a.save(update_fields=["email"])
    echt = levering.waarden_leveren

    def schrijft_dan_fout(*args, **kwargs):
        echt(*args, **kwargs)  # writes the values ... and then the job fails: rolled back
        raise OperationalError("could not extend file: No space left on device")

    monkeypatch.setattr(levering, "waarden_leveren", schrijft_dan_fout)
    voor = _welbions()
    with django_capture_on_commit_callbacks(execute=True):
        taak_id = upload(client_partner_a, GOED).json()["id"]
    taak = Taak.objects.get(pk=taak_id)
    assert taak.status == TaakStatus.MISLUKT and taak.pogingen == 4  # the first try and three retries
    assert "No space left on device" in taak.fout["detail"] and "niets gewijzigd" in taak.fout["detail"]
    assert _welbions() == voor
    bericht = Bericht.objects.get(sleutel=f"taak-mislukt-{taak_id}")
    assert bericht.aan == "data@welbions.example" and bericht.onderwerp == "Mislukt: Levering levering.csv"


def test_klein_bestand_blijft_direct(client_partner_a, partnerdata, settings):
    settings.TAKEN_UPLOAD_DREMPEL_BYTES = 1024 * 1024
    response = upload(client_partner_a, GOED)
    assert response.status_code == 200 and not Taak.objects.exists()
