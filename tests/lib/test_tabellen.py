"""The one CSV/XLSX writer (lib.tabellen): the same table as CSV and as XLSX holds the same cells, text
that would be a formula stays text in both, numbers stay numbers."""

import csv
import io

import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from lib.tabellen import Paginatabel, download_antwoord, veilige_cel

pytestmark = pytest.mark.django_db(False)

HYPERLINK = '=HYPERLINK("http://aanvaller.example/","Klik")'


def _tabel() -> Paginatabel:
    return Paginatabel(
        "kaart",
        "Inwoners per wijk",
        ["gebied", "inwoners", "aandeel", "bron"],
        [["Hasseler Es", 8123, 12.5, "CBS"], ["Tuindorp", None, -3.25, HYPERLINK], ["=1+1", 0, 0.1, "@SUM(A1)"]],
        decimalen={2: 1},
    )


def test_csv_and_xlsx_of_the_same_table_hold_the_same_cells():
    tabel = _tabel()
    csv_inhoud, csv_soort = tabel.bestand("csv")
    xlsx_inhoud, xlsx_soort = tabel.bestand("xlsx")
    assert csv_soort == "text/csv; charset=utf-8"
    assert xlsx_soort == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert csv_inhoud.startswith("\ufeff".encode())  # Excel reads UTF-8 with a BOM
    rijen = list(csv.reader(io.StringIO(csv_inhoud.decode("utf-8-sig")), delimiter=";"))
    assert rijen == [
        ["gebied", "inwoners", "aandeel", "bron"],
        ["Hasseler Es", "8123", "12,5", "CBS"],  # ';' file: the Dutch decimal comma
        ["Tuindorp", "", "-3,25", "'" + HYPERLINK],  # no number is empty, never 0
        ["'=1+1", "0", "0,1", "'@SUM(A1)"],
    ]
    blad = load_workbook(io.BytesIO(xlsx_inhoud)).worksheets[0]
    assert blad.title == "kaart"
    waarden = [[c.value for c in rij] for rij in blad.iter_rows()]
    assert waarden == [
        ["Inwoners per wijk", None, None, None],
        ["gebied", "inwoners", "aandeel", "bron"],
        ["Hasseler Es", 8123, 12.5, "CBS"],
        ["Tuindorp", None, -3.25, "'" + HYPERLINK],
        ["'=1+1", 0, 0.1, "'@SUM(A1)"],
    ]
    assert not [c for rij in blad.iter_rows() for c in rij if c.data_type == "f"]


def test_html_cells_in_dutch_notation_with_decimals_per_column_and_per_row():
    tabel = _tabel()
    assert tabel.html_rijen()[0] == ["Hasseler Es", "8.123", "12,5", "CBS"]
    assert tabel.html_rijen()[1] == ["Tuindorp", "", "-3,2", HYPERLINK]  # HTML escapes itself
    per_rij = Paginatabel("v", "V", ["indicator", "a"], [["x", 1.256], ["y", 1.256]], rij_decimalen=[{1: 1}])
    assert per_rij.html_rijen() == [["x", "1,3"], ["y", "1,26"]]


def test_download_answer_names_the_file_after_the_page_and_the_table():
    verzoek = RequestFactory().get("/kaart/", {"formaat": "xlsx", "tabel": "kaart"})
    antwoord = download_antwoord(verzoek, [_tabel()], "kaart-Inwoners wijk/2024")
    assert antwoord["Content-Disposition"] == 'attachment; filename="kaart-Inwoners-wijk-2024-kaart.xlsx"'
    assert download_antwoord(RequestFactory().get("/kaart/"), [_tabel()], "kaart") is None


def test_formula_escaping_keeps_numbers_written_as_text():
    assert veilige_cel("-3") == "-3"
    assert veilige_cel("-2+3") == "'-2+3"
    assert veilige_cel(-3.5) == -3.5
