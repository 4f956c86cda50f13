"""`?format=csv`: the waarden as a CSV file (UTF-8 with BOM for Excel, comma-separated, '.' decimals).

An empty cell in `waarde` means "no number" (see status and reden), never 0. Pagination works as in
JSON; the response carries `X-Total-Count` and a `Link` header to the next page.
"""

import csv
import io

from rest_framework.renderers import BaseRenderer

from .serializers import CSV_KOLOMMEN


def _cel(waarde) -> str:
    if waarde is None:
        return ""
    if type(waarde) is float:
        return str(int(waarde)) if waarde.is_integer() else repr(waarde)
    return str(waarde)


class CsvRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"
    kolommen = CSV_KOLOMMEN

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rijen = data.get("results", []) if isinstance(data, dict) else (data or [])
        uit = io.StringIO()
        uit.write("\ufeff")
        schrijver = csv.writer(uit, lineterminator="\r\n")
        schrijver.writerow(self.kolommen)
        # csv writes None as an empty cell; only the number needs shaping (1326.0 -> 1326)
        schrijver.writerows(
            (
                r["indicator"], r["gebied"], r["periode"], _cel(r["waarde"]),
                r["status"], r["reden"], r["eenheid"], r["bron"],
            )
            for r in rijen
        )
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Disposition"] = 'attachment; filename="waarden.csv"'
        return uit.getvalue().encode("utf-8")
