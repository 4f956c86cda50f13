"""Issue 16 item 1: an XLSX upload cannot exhaust memory. A small workbook that declares a dimension of
16,384 columns, or carries huge shared strings, or unpacks to far more than it weighs, is refused
before it is loaded, with a clear error; memory (tracemalloc peak in this process) and time stay small.
A normal workbook is read as before."""

import io
import re
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from indicatoren import lezers
from indicatoren.lezers import lees_xlsx
from indicatoren.models import Waarde
from lib.importrapport import ImportFout
from tests.hulp.api import upload

ZON = "ZonnestroomVermogenWoningen"
PLAFOND = 25 * 1024 * 1024  # bytes of Python memory any of these files may cost
TIJD = 10.0  # seconds, generous: the point is that nothing runs for minutes


def _werkboek(rijen: int = 400, indicator: str = ZON) -> bytes:
    boek = Workbook()
    blad = boek.active
    assert blad is not None
    blad.append(["indicator", "gebied", "periode", "waarde"])
    for i in range(rijen):
        blad.append([indicator, "GM0164", 1900 + i % 100, i])
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def _vervang(inhoud: bytes, deel: str, bewerk) -> bytes:
    """The same zip with one part rewritten (bewerk(bytes) -> bytes; the part is added when missing)."""
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inhoud)) as bron, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        namen = bron.namelist()
        for naam in namen:
            data = bron.read(naam)
            doel.writestr(naam, bewerk(data) if naam == deel else data)
        if deel not in namen:
            doel.writestr(deel, bewerk(b""))
    return uit.getvalue()


def _met_gedeelde_teksten(inhoud: bytes, sst: bytes) -> bytes:
    """Add a sharedStrings part (and its content type and relationship) to a workbook."""
    inhoud = _vervang(
        inhoud,
        "[Content_Types].xml",
        lambda d: (
            d.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            )
            if b"sharedStrings" not in d
            else d
        ),
    )
    inhoud = _vervang(
        inhoud,
        "xl/_rels/workbook.xml.rels",
        lambda d: (
            d.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdSst" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/sharedStrings"/></Relationships>',
            )
            if b"sharedStrings" not in d
            else d
        ),
    )
    return _vervang(inhoud, "xl/sharedStrings.xml", lambda _d: sst)


def _lees_gemeten(tmp_path, inhoud: bytes):
    pad = tmp_path / "levering.xlsx"
    pad.write_bytes(inhoud)
    tracemalloc.start()
    begin = time.perf_counter()
    try:
        with pytest.raises(ImportFout) as fout:
            lees_xlsx(pad)
    finally:
        duur = time.perf_counter() - begin
        _, piek = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert piek < PLAFOND, f"{piek / 2**20:.0f} MB"
    assert duur < TIJD, f"{duur:.1f} s"
    return str(fout.value)


@pytest.mark.django_db(False)
def test_declared_dimension_of_16384_columns_is_refused_before_loading(tmp_path):
    inhoud = _vervang(
        _werkboek(),
        "xl/worksheets/sheet1.xml",
        lambda d: re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD401"/>', d),
    )
    assert len(inhoud) < 20_000  # a few KB on the wire
    melding = _lees_gemeten(tmp_path, inhoud)
    assert "te groot" in melding and "A1:XFD401" in melding and "16.384 kolommen" in melding
    assert "CSV" in melding


@pytest.mark.django_db(False)
def test_a_cell_in_the_last_column_is_refused(tmp_path):
    # No dimension at all, but every row reaches column XFD: the width is counted, not trusted.
    def bewerk(d: bytes) -> bytes:
        d = re.sub(rb"<dimension[^>]*/>", b"", d)
        return re.sub(rb"</row>", b'<c r="XFD1" t="n"><v>1</v></c></row>', d)

    melding = _lees_gemeten(tmp_path, _vervang(_werkboek(), "xl/worksheets/sheet1.xml", bewerk))
    assert "kolom 16384" in melding


@pytest.mark.django_db(False)
def test_a_row_number_far_down_is_refused(tmp_path):
    def bewerk(d: bytes) -> bytes:
        d = re.sub(rb"<dimension[^>]*/>", b"", d)
        return d.replace(b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="n"><v>1</v></c></row></sheetData>')

    melding = _lees_gemeten(tmp_path, _vervang(_werkboek(), "xl/worksheets/sheet1.xml", bewerk))
    assert "rij 1048576" in melding


def _sst(aantal: int, *, opgegeven: int | None) -> bytes:
    kop = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    if opgegeven is not None:
        kop += f' count="{opgegeven}" uniqueCount="{opgegeven}"'.encode()
    return kop + b">" + b"".join(b"<si><t>t%d</t></si>" % i for i in range(aantal)) + b"</sst>"


@pytest.mark.django_db(False)
@pytest.mark.parametrize("opgegeven", [None, 1, 250_000], ids=["zonder-telling", "liegt", "eerlijk"])
def test_huge_shared_strings_are_refused_before_loading(tmp_path, opgegeven):
    inhoud = _met_gedeelde_teksten(_werkboek(10), _sst(250_000, opgegeven=opgegeven))
    assert len(inhoud) < 2 * 1024 * 1024
    melding = _lees_gemeten(tmp_path, inhoud)
    assert "te groot" in melding and "teksten" in melding and "200.000" in melding


@pytest.mark.django_db(False)
def test_one_huge_shared_string_is_refused(tmp_path):
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    sst += b"a" * (30 * 1024 * 1024) + b"</t></si></sst>"
    inhoud = _met_gedeelde_teksten(_werkboek(10), sst)
    assert len(inhoud) < 200_000
    melding = _lees_gemeten(tmp_path, inhoud)
    assert "sst" in melding and "30 MB" in melding and "hoogstens 10 MB" in melding


@pytest.mark.django_db(False)
def test_a_member_that_unpacks_to_far_more_than_its_size_is_refused(tmp_path):
    inhoud = _vervang(_werkboek(10), "xl/media/opvulling.bin", lambda _d: bytes(150 * 1024 * 1024))
    assert len(inhoud) < 1024 * 1024
    melding = _lees_gemeten(tmp_path, inhoud)
    assert "uitgepakt 150 MB" in melding and "hoogstens 100 MB" in melding


@pytest.mark.django_db(False)
def test_a_dtd_is_refused(tmp_path):
    def bewerk(d: bytes) -> bytes:
        return d.replace(b"<worksheet", b'<!DOCTYPE worksheet [<!ENTITY a "aaaa">]><worksheet', 1)

    melding = _lees_gemeten(tmp_path, _vervang(_werkboek(), "xl/worksheets/sheet1.xml", bewerk))
    assert "DTD" in melding


@pytest.mark.django_db(False)
def test_the_budget_is_per_cell_as_read(tmp_path, monkeypatch):
    monkeypatch.setattr(lezers, "MAX_XLSX_CELLEN", 1000)
    melding = _lees_gemeten(tmp_path, _werkboek(400))  # 401 rows x 4 columns
    assert "meer dan 1.000 cellen" in melding


@pytest.mark.django_db(False)
def test_a_normal_workbook_is_read_as_before(tmp_path):
    pad = tmp_path / "goed.xlsx"
    pad.write_bytes(_werkboek(400))
    tabel = lees_xlsx(pad)
    assert tabel.kolommen == ["indicator", "gebied", "periode", "waarde"]
    assert len(tabel.rijen) == 400 and tabel.rijen[0] == (2, [ZON, "GM0164", 1900, 0])


@pytest.mark.django_db
def test_upload_of_a_padded_workbook_is_a_clear_400_and_writes_nothing(client_partner_a, partnerdata):
    voor = Waarde.objects.count()
    inhoud = _vervang(
        _werkboek(50, "WelbionsHuurachterstanden"),
        "xl/worksheets/sheet1.xml",
        lambda d: re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>', d),
    )
    antwoord = upload(client_partner_a, inhoud, naam="levering.xlsx")
    assert antwoord.status_code == 400
    melding = antwoord.json()["fouten"][0]["melding"]
    assert "te groot om te lezen" in melding and "A1:XFD1048576" in melding
    assert Waarde.objects.count() == voor


@pytest.mark.django_db(False)
def test_a_wide_statline_like_workbook_is_read(tmp_path):
    """A CBS KWB table has about 130 columns: within the budget (rows x columns is what counts)."""
    boek = Workbook()
    blad = boek.active
    assert blad is not None
    blad.append(["Codering (code)"] + [f"Maat{i}" for i in range(130)])
    for r in range(50):
        blad.append([f"WK0164{r:02d}"] + list(range(130)))
    pad = tmp_path / "kwb.xlsx"
    boek.save(pad)
    tabel = lees_xlsx(pad)
    assert len(tabel.kolommen) == 131 and len(tabel.rijen) == 50 and tabel.rijen[0][1][130] == 129
