"""Export values in long format (CSV or XLSX), with the status and reason instead of a bare gap."""

import csv
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


def schrijf_csv(rijen: Iterable[list], uit) -> int:
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\n")
    schrijver.writerow(KOLOMMEN)
    aantal = 0
    for rij in rijen:
        schrijver.writerow(
            ["" if v is None else (format(v, ".12g").replace(".", ",") if isinstance(v, float) else v) for v in rij]
        )
        aantal += 1
    return aantal


def schrijf_xlsx(rijen: Iterable[list], pad_of_stroom) -> int:
    from openpyxl import Workbook

    boek = Workbook(write_only=True)
    blad = boek.create_sheet("waarden")
    blad.append(KOLOMMEN)
    aantal = 0
    for rij in rijen:
        blad.append(rij)
        aantal += 1
    boek.save(pad_of_stroom)
    return aantal
