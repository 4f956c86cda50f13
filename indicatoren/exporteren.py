"""Every CSV and XLSX the portal writes goes through this module: long-format value exports
(`export_waarden`), the tables behind every chart (`tabellen.download_antwoord`) and the API's CSV.

One rule for all of them, in `veilige_cel`: a text cell that a spreadsheet would read as a formula
(starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a leading apostrophe,
so partner-supplied text such as a `bron` of `=HYPERLINK(...)` stays text (OWASP "CSV injection").
Numbers are numbers: -3.5 is written as a number, never escaped.
"""

import csv
import re
from collections.abc import Iterable

from .weergave import toon_waarde

KOLOMMEN = [
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
    rijen: Iterable[list], uit, *, kolommen: list[str] = KOLOMMEN, scheiding: str = ";", regeleinde: str = "\n"
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
    rijen: Iterable[list],
    pad_of_stroom,
    *,
    kolommen: list[str] = KOLOMMEN,
    blad: str = "waarden",
    titel: str | None = None,
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


def export_rijen(waarden: Iterable) -> Iterable[list]:
    """Rows for an export; a hidden value (CBS symbol, below threshold) has an empty `waarde` and a reason."""
    for w in waarden:
        getoond = toon_waarde(w)
        yield [
            w.indicator.code,
            w.indicator.naam,
            w.gebied.code,
            w.gebied.weergavenaam,
            w.periode,
            getoond.waarde,
            w.indicator.eenheid,
            getoond.status,
            getoond.reden,
            w.bron,
        ]
