"""export_waarden and the admin pages for every model."""

import io

import pytest
from django.contrib import admin
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from indicatoren.models import Status, Waarde

pytestmark = pytest.mark.django_db


def exporteer(*args) -> list[list[str]]:
    uit = io.StringIO()
    call_command("export_waarden", *args, stdout=uit, stderr=io.StringIO())
    return [regel.split(";") for regel in uit.getvalue().strip().splitlines()]


def test_export_of_one_gebied_and_indicator_as_csv():
    rijen = exporteer("--gebied", "WK016403", "--indicator", "AantalInwoners", "--periode", "2024")
    assert rijen[0] == [
        "indicator",
        "indicator_naam",
        "gebied",
        "gebied_naam",
        "periode",
        "waarde",
        "eenheid",
        "status",
        "reden",
        "bron",
    ]
    assert rijen[1][:8] == [
        "AantalInwoners",
        "Aantal inwoners",
        "WK016403",
        "Hasseler Es",
        "2024",
        "11975",
        "aantal",
        "beschikbaar",
    ]
    assert len(rijen) == 2


def test_export_shows_status_and_reason_never_zero_for_hidden_values():
    Waarde.objects.filter(indicator__code="AantalInwoners", gebied__code="WK016409").update(
        waarde=None, status=Status.GEHEIM, toelichting="CBS: geheim (x)"
    )
    rij = exporteer("--gebied", "WK016409", "--indicator", "AantalInwoners")[1]
    assert rij[5] == "" and rij[7] == "geheim" and rij[8] == "CBS: geheim (x)"


def test_export_applies_the_disclosure_threshold():
    from indicatoren.models import Indicator

    Indicator.objects.filter(code="AantalInwoners").update(onthullingsdrempel=5000)
    rij = exporteer("--gebied", "WK016400", "--indicator", "AantalInwoners")[1]
    assert rij[5] == "" and rij[7] == "onder_drempel" and "5000" in rij[8]


def test_export_to_xlsx(tmp_path):
    pad = tmp_path / "uit.xlsx"
    call_command(
        "export_waarden",
        "--indicator",
        "ZonnestroomVermogenWoningen",
        "--format",
        "xlsx",
        "-o",
        str(pad),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    blad = load_workbook(pad).active
    rijen = list(blad.iter_rows(values_only=True))
    assert len(rijen) == 71
    bovenhoek_2022 = next(r for r in rijen if r[2] == "BU01640300" and r[4] == "2022")
    assert bovenhoek_2022[5] == 1326


def test_export_rejects_a_bad_period_and_xlsx_without_file():
    with pytest.raises(CommandError, match="geen periode"):
        call_command("export_waarden", "--periode", "24", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--uitvoer"):
        call_command("export_waarden", "--format", "xlsx", stdout=io.StringIO())


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_admin_changelist_and_add_pages_work_for_every_model(admin_client, model):
    info = (model._meta.app_label, model._meta.model_name)
    assert admin_client.get(f"/beheer/{info[0]}/{info[1]}/").status_code == 200
    # API keys are made by their owners, the audit log is append-only, and signals and escalations
    # are only written through their services (workflow, history): no add page there.
    alleen_lezen = {
        "toegang.ApiToken",
        "toegang.AuditRegel",
        "signalen.Signaal",
        "signalen.Escalatie",
        "signalen.MaandTelling",  # written only by its trigger
        "mor.Melding",  # written only by the importer (import_mor)
        "berichten.Bericht",  # the outbox: written by bericht_versturen
        "taken.Taak",  # jobs are started by the pages and commands that need them
        "abonnementen.Digest",  # written by the digest run (what was sent)
        "signalen.Terugkoppeling",  # written by the closing service
        "signalen.Antwoordlink",  # made with its explanation, used by the reporter
    }
    verwacht = 403 if model._meta.label in alleen_lezen else 200
    assert admin_client.get(f"/beheer/{info[0]}/{info[1]}/add/").status_code == verwacht


def test_every_project_model_is_in_the_admin():
    from django.apps import apps

    eigen = [
        m for app in ("wijken", "toegang", "indicatoren", "signalen") for m in apps.get_app_config(app).get_models()
    ]
    # A model is in the admin when registered, or shown as an inline of a registered model (the
    # append-only signal history is read within its signal).
    inline = {i.model for model_admin in admin.site._registry.values() for i in model_admin.inlines}
    ontbreekt = [m._meta.label for m in eigen if m not in admin.site._registry and m not in inline]
    assert eigen and not ontbreekt
