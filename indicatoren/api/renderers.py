"""`?format=csv`: the waarden as a CSV file (UTF-8 with BOM for Excel, comma-separated, '.' decimals).

An empty cell in `waarde` means "no number" (see status and reden), never 0. Pagination works as in
JSON; the response carries `X-Total-Count` and a `Link` header to the next page.
"""

import io

from rest_framework.renderers import BaseRenderer

from lib.tabellen import schrijf_csv

from .serializers import CSV_KOLOMMEN


def _cel(waarde):
    """1326.0 -> "1326", otherwise all digits ("0.1234567891234"); a plain number is never escaped."""
    if waarde is None:
        return ""
    if type(waarde) is float:
        return str(int(waarde)) if waarde.is_integer() else repr(waarde)
    return waarde


class CsvRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"
    kolommen = CSV_KOLOMMEN

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rijen = data.get("results", []) if isinstance(data, dict) else (data or [])
        uit = io.StringIO()
        uit.write("\ufeff")
        # The number is shaped here (1326.0 -> 1326, full precision otherwise); the shared writer
        # makes every text cell safe from formula injection (a partner's `bron` of "=HYPERLINK(...)").
        schrijf_csv(
            (
                (
                    r["indicator"],
                    r["gebied"],
                    r["periode"],
                    _cel(r["waarde"]),
                    r["status"],
                    r["reden"],
                    r["eenheid"],
                    r["bron"],
                )
                for r in rijen
            ),
            uit,
            kolommen=self.kolommen,
            scheiding=",",
            regeleinde="\r\n",
        )
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Disposition"] = 'attachment; filename="waarden.csv"'
        return uit.getvalue().encode("utf-8")
