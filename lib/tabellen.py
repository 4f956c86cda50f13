"""Tables behind every chart, and the one writer of every CSV and XLSX file the portal makes.

A view builds `Paginatabel` objects from plain rows; `download_antwoord` answers `?formaat=csv|xlsx&tabel=ID`
with that table, so every table on every page can be downloaded at the page's own (deep) link. The long-format
value export (`export_waarden`) and the API's CSV use the same writers, `schrijf_csv` and `schrijf_xlsx`.

One rule for all of them, in `veilige_cel`: a text cell that a spreadsheet would read as a formula
(starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a leading apostrophe,
so partner-supplied text such as a `bron` of `=HYPERLINK(...)` stays text (OWASP "CSV injection").
Numbers are numbers: -3.5 is written as a number, never escaped.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse

from lib.parameters import lege_parameters_antwoord

from .getallen import formatteer_getal

FORMATEN = {"csv", "xlsx"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r")
# A plain number written as text ("-3", "-1,5", "+2.25", "-1e-05") is no formula in any spreadsheet.
_GETAL = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)*(?:[eE][+-]?[0-9]+)?")


def veilige_cel(waarde):
    """The cell as it may be written: text that would start a formula gets a leading apostrophe;
    numbers, None and other types are returned unchanged."""
    if isinstance(waarde, str) and waarde.startswith(FORMULE_BEGIN) and not _GETAL.fullmatch(waarde):
        return "'" + waarde
    return waarde


def csv_cel(waarde, *, decimaalkomma: bool) -> str:
    """A cell for a CSV file: empty for None, a float without exponent noise, text made safe."""
    if waarde is None:
        return ""
    if isinstance(waarde, float):
        tekst = format(waarde, ".12g")
        return tekst.replace(".", ",") if decimaalkomma else tekst
    if isinstance(waarde, bool) or not isinstance(waarde, str):
        return str(waarde)
    # A line break inside a cell as LF: the writer then quotes the cell (a bare CR is not quoted
    # when the file's lines end in LF, and would break the file for every reader).
    return veilige_cel(waarde).replace("\r\n", "\n").replace("\r", "\n")


def schrijf_csv(
    rijen: Iterable[list], uit, *, kolommen: list[str], scheiding: str = ";", regeleinde: str = "\n"
) -> int:
    """CSV rows (a ';' file uses the Dutch decimal comma); returns the number of data rows."""
    schrijver = csv.writer(uit, delimiter=scheiding, lineterminator=regeleinde)
    decimaalkomma = scheiding == ";"
    schrijver.writerow([csv_cel(k, decimaalkomma=decimaalkomma) for k in kolommen])
    aantal = 0
    for rij in rijen:
        schrijver.writerow([csv_cel(v, decimaalkomma=decimaalkomma) for v in rij])
        aantal += 1
    return aantal


def schrijf_xlsx(
    rijen: Iterable[list], pad_of_stroom, *, kolommen: list[str], blad: str = "waarden", titel: str | None = None
) -> int:
    """An XLSX workbook with one sheet (optionally a title row above the header); every text cell is a
    string cell, never a formula. Returns the number of data rows."""
    from openpyxl import Workbook

    boek = Workbook(write_only=True)
    werkblad = boek.create_sheet(blad[:31] or "tabel")
    if titel is not None:
        werkblad.append([veilige_cel(titel)])
    werkblad.append([veilige_cel(k) for k in kolommen])
    aantal = 0
    for rij in rijen:
        werkblad.append([veilige_cel(v) for v in rij])
        aantal += 1
    boek.save(pad_of_stroom)
    return aantal


@dataclass
class Paginatabel:
    """A table shown on a page (HTML) next to its chart, downloadable as CSV and XLSX."""

    id: str
    titel: str
    kolommen: list[str]
    rijen: list[list]  # raw cells: str, int/float (None = no number; a status column says why)
    samenvatting: str = ""
    decimalen: dict[int, int] = field(default_factory=dict)  # column index -> decimals for HTML
    # Per row, column index -> decimals, where each row holds another indicator (overrides `decimalen`).
    rij_decimalen: list[dict[int, int]] = field(default_factory=list)

    def html_rijen(self) -> list[list[str]]:
        uit = []
        for r, rij in enumerate(self.rijen):
            eigen = self.rij_decimalen[r] if r < len(self.rij_decimalen) else {}
            cellen = []
            for i, cel in enumerate(rij):
                if isinstance(cel, float | int) and not isinstance(cel, bool):
                    standaard = self.decimalen.get(i, 0 if float(cel).is_integer() else 2)
                    cellen.append(formatteer_getal(cel, eigen.get(i, standaard)))
                else:
                    cellen.append("" if cel is None else str(cel))
            uit.append(cellen)
        return uit

    def bestand(self, formaat: str) -> tuple[bytes, str]:
        """The table as a file: (content, content type). CSV is UTF-8 with a BOM (Excel reads it), ';'."""
        if formaat == "csv":
            uit = io.StringIO()
            schrijf_csv(self.rijen, uit, kolommen=self.kolommen)
            return ("\ufeff" + uit.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"
        if formaat == "xlsx":
            buffer = io.BytesIO()
            schrijf_xlsx(self.rijen, buffer, kolommen=self.kolommen, blad=self.id, titel=self.titel)
            return buffer.getvalue(), XLSX_TYPE
        raise ValueError(f"onbekend formaat '{formaat}'")


def _bestandsnaam(tekst: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", tekst).strip("-")[:80] or "tabel"


def download_antwoord(request, tabellen: list[Paginatabel], naam: str) -> HttpResponse | None:
    """The requested table as a file, or None when the request is for the page itself."""
    formaat = request.GET.get("formaat")
    if formaat is None:
        return None
    if (leeg := lege_parameters_antwoord(request, ["formaat", "tabel"])) is not None:
        return leeg
    if formaat not in FORMATEN:
        raise Http404(f"Onbekend formaat '{formaat}': kies csv of xlsx.")
    gevraagd = request.GET.get("tabel") or (tabellen[0].id if tabellen else "")
    tabel = next((t for t in tabellen if t.id == gevraagd), None)
    if tabel is None:
        raise Http404(f"Er is geen tabel '{gevraagd}' op deze pagina.")
    inhoud, soort = tabel.bestand(formaat)
    antwoord = HttpResponse(inhoud, content_type=soort)
    antwoord["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(f"{naam}-{tabel.id}")}.{formaat}"'
    return antwoord
