"""The API's default pagination: limit/offset that refuses bad values instead of silently ignoring them.

Stock DRF pagination turns `?limit=abc` or `?offset=-5` into its defaults; here they are a 400 with
a message, and the bounds are in the OpenAPI schema so generated clients (and schemathesis) know them.
Paginated responses also carry `X-Total-Count` and a `Link` header, so a CSV download can be paged too.
"""

import re

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.settings import api_settings

MAX_LIMIT = 10_000
MAX_OFFSET = 100_000_000
_GEHEEL = re.compile(r"-?[0-9]{1,12}")


def geheel_getal(ruw: str, naam: str, *, minimum: int, maximum: int) -> int:
    tekst = ruw.strip()
    if not _GEHEEL.fullmatch(tekst):
        raise ValidationError({naam: [f"'{ruw}' is geen geheel getal."]})
    getal = int(tekst)
    if not minimum <= getal <= maximum:
        raise ValidationError({naam: [f"moet tussen {minimum} en {maximum} liggen, niet {getal}."]})
    return getal


class Paginering(LimitOffsetPagination):
    default_limit = api_settings.PAGE_SIZE or 1000  # REST_FRAMEWORK["PAGE_SIZE"] (settings.py)
    max_limit = MAX_LIMIT
    template = None

    def get_limit(self, request):
        ruw = request.query_params.get(self.limit_query_param)
        if ruw is None:
            return self.default_limit
        return geheel_getal(ruw, self.limit_query_param, minimum=1, maximum=self.max_limit)

    def get_offset(self, request):
        ruw = request.query_params.get(self.offset_query_param)
        if ruw is None:
            return 0
        return geheel_getal(ruw, self.offset_query_param, minimum=0, maximum=MAX_OFFSET)

    def paginate_queryset(self, queryset, request, view=None):
        # Validate both before counting, so a bad offset costs no query.
        self.get_offset(request)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response["X-Total-Count"] = str(self.count)
        links = []
        if (volgende := self.get_next_link()) is not None:
            links.append(f'<{volgende}>; rel="next"')
        if (vorige := self.get_previous_link()) is not None:
            links.append(f'<{vorige}>; rel="prev"')
        if links:
            response["Link"] = ", ".join(links)
        return response

    def get_paginated_response_schema(self, schema):
        uit = super().get_paginated_response_schema(schema)
        uit["required"] = ["count", "next", "previous", "results"]
        voorbeeld = "https://wijkportaal.example/api/v1/waarden/?{}=2000&{}=1000"
        uit["properties"]["next"]["example"] = voorbeeld.format(self.offset_query_param, self.limit_query_param)
        uit["properties"]["previous"]["example"] = voorbeeld.format(self.offset_query_param, self.limit_query_param)
        uit["properties"]["count"]["description"] = "Aantal rijen in totaal (alle pagina's)"
        return uit

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.limit_query_param,
                "required": False,
                "in": "query",
                "description": f"Aantal rijen per pagina (standaard {self.default_limit}, hoogstens {self.max_limit}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_limit},
            },
            {
                "name": self.offset_query_param,
                "required": False,
                "in": "query",
                "description": "Hoeveel rijen over te slaan (voor de volgende pagina: zie `next`).",
                "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
            },
        ]
