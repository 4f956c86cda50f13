"""The long-format value export (`export_waarden`): one row per value, written by the shared writers of
`lib.tabellen` (which keep text cells from becoming formulas)."""

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
