"""Issue 16 item 11: the error report of an upload is capped. A file of 5,000 bad rows answers with the
total and the first 1,000 rows (API), and the command prints the first 1,000 and the total; nothing is
written. The answer stays small however many rows are bad."""

import io

import pytest
from django.core.management import CommandError, call_command

from indicatoren.models import Waarde
from lib.importrapport import MAX_GEMELD
from tests.hulp.api import controleer_contract, upload

pytestmark = pytest.mark.django_db

SLECHT = 5000
KOP = "indicator,gebied,periode,waarde\n"


def _slecht_bestand() -> str:
    # Every row is bad: an unknown area code (numbered, so no two rows are the same).
    return KOP + "".join(f"WelbionsHuurachterstanden,WK9{i:05d},2024,{i}\n" for i in range(SLECHT))


def test_api_reports_the_total_and_the_first_thousand(client_partner_a, partnerdata):
    voor = Waarde.objects.count()
    antwoord = upload(client_partner_a, _slecht_bestand())
    assert antwoord.status_code == 400
    controleer_contract(antwoord, "post", "/api/v1/waarden/upload/")
    data = antwoord.json()
    assert data["aantal_fouten"] == SLECHT
    assert len(data["fouten"]) == MAX_GEMELD == 1000
    assert data["fouten"][0] == {"regel": 2, "melding": "onbekende gebiedscode 'WK900000'"}
    assert data["fouten"][-1]["regel"] == 1001
    assert f"{SLECHT} fout(en)" in data["detail"] and "de eerste 1000" in data["detail"]
    assert len(antwoord.content) < 120_000  # 5,000 rows would be ~350 KB
    assert Waarde.objects.count() == voor


def test_a_small_report_is_complete(client_partner_a, partnerdata):
    antwoord = upload(client_partner_a, KOP + "WelbionsHuurachterstanden,WK999999,2024,1\n")
    assert antwoord.json()["aantal_fouten"] == 1 and len(antwoord.json()["fouten"]) == 1
    assert "eerste" not in antwoord.json()["detail"]


def test_command_reports_the_total_and_the_first_thousand(tmp_path, partnerdata):
    pad = tmp_path / "slecht.csv"
    pad.write_text(_slecht_bestand(), encoding="utf-8")
    with pytest.raises(CommandError) as fout:
        call_command("import_waarden", str(pad), stdout=io.StringIO(), stderr=io.StringIO())
    tekst = str(fout.value)
    assert f"{SLECHT} fout(en)" in tekst
    assert "regel 1001:" in tekst and "regel 1002:" not in tekst
    assert f"en nog {SLECHT - 1000} fouten" in tekst


def test_command_skip_bad_lists_at_most_a_thousand_skipped_rows(tmp_path, partnerdata):
    pad = tmp_path / "half.csv"
    pad.write_text(_slecht_bestand() + "WelbionsHuurachterstanden,WK016401,2024,25\n", encoding="utf-8")
    fouten = io.StringIO()
    call_command("import_waarden", str(pad), "--skip-bad", stdout=io.StringIO(), stderr=fouten)
    regels = [r for r in fouten.getvalue().splitlines() if "overgeslagen:" in r]
    assert len(regels) == 1000
    assert f"en nog {SLECHT - 1000} overgeslagen rijen" in fouten.getvalue()
