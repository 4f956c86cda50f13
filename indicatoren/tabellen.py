"""Tables behind every chart: the same numbers as HTML, CSV and XLSX.

A view builds `Tabel` objects from plain rows; `download_antwoord` answers `?formaat=csv|xlsx&tabel=ID`
with that table, so every table on every page can be downloaded at the page's own (deep) link. The files
are written by `exporteren`, which keeps text cells from becoming formulas.
"""

import io
import re
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse

from .exporteren import schrijf_csv, schrijf_xlsx
from .parameters import lege_parameters_antwoord
from .weergave import formatteer_getal

FORMATEN = {"csv", "xlsx"}


@dataclass
class Tabel:
    id: str
    titel: str
    kolommen: list[str]
    rijen: list[list]  # raw cells: str, int/float (None = no number; a status column says why)
    samenvatting: str = ""
    decimalen: dict[int, int] = field(default_factory=dict)  # column index -> decimals for HTML

    def html_rijen(self) -> list[list[str]]:
        uit = []
        for rij in self.rijen:
            cellen = []
            for i, cel in enumerate(rij):
                if isinstance(cel, float | int) and not isinstance(cel, bool):
                    cellen.append(formatteer_getal(cel, self.decimalen.get(i, 0 if float(cel).is_integer() else 2)))
                else:
                    cellen.append("" if cel is None else str(cel))
            uit.append(cellen)
        return uit


def _bestandsnaam(tekst: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", tekst).strip("-")[:80] or "tabel"


def download_antwoord(request, tabellen: list[Tabel], naam: str) -> HttpResponse | None:
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
    bestand = _bestandsnaam(f"{naam}-{tabel.id}")
    if formaat == "csv":
        uit = io.StringIO()
        schrijf_csv(tabel.rijen, uit, kolommen=tabel.kolommen)
        antwoord = HttpResponse("\ufeff" + uit.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        buffer = io.BytesIO()
        schrijf_xlsx(tabel.rijen, buffer, kolommen=tabel.kolommen, blad=tabel.id, titel=tabel.titel)
        antwoord = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    antwoord["Content-Disposition"] = f'attachment; filename="{bestand}.{formaat}"'
    return antwoord
