"""Limit/offset pagination that refuses bad values instead of silently ignoring them.

Stock DRF pagination turns `?limit=abc` or `?offset=-5` into its defaults; here they are a 400 with
a message, and the bounds are in the OpenAPI schema so generated clients (and schemathesis) know them.
Paginated responses also carry `X-Total-Count` and a `Link` header, so a CSV download can be paged too.
"""

import re

from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

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
    default_limit = settings.REST_FRAMEWORK.get("PAGE_SIZE", 1000)
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


class SleutelPaginering(Paginering):
    """Keyset pagination for the waarden: `next` carries `na=<key of the last row>` instead of an offset.

    The rows come in the order of the unique index (indicator, gebied, periode), and every page is an
    index range scan from the last key: the 15th page of a national table costs what the first costs,
    where an OFFSET would sort and skip all earlier rows again. `count` is computed on the first page
    only (counting on every page would scan the whole selection every time); following pages give null.
    The view's rows must start with the key columns (indicator_id, gebied_id, periode).
    """

    na_param = "na"
    SLEUTEL = re.compile(r"([0-9]{1,18})\.([0-9]{1,18})\.([0-9]{4}(?:-(?:0[1-9]|1[0-2])|-Q[1-4])?)")
    SLEUTEL_PATROON = r"^[0-9]{1,18}\.[0-9]{1,18}\.[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$"

    def lees_na(self, request):
        ruw = request.query_params.get(self.na_param)
        if ruw is None:
            return None
        match = self.SLEUTEL.fullmatch(ruw.strip())
        if match is None:
            melding = f"'{ruw}' is geen geldige positie; volg de next-link van het antwoord."
            raise ValidationError({self.na_param: [melding]})
        return int(match[1]), int(match[2]), match[3]

    def paginate_queryset(self, queryset, request, view=None):
        from django.db.models import BooleanField
        from django.db.models.expressions import RawSQL

        self.request = request
        self.limit = self.get_limit(request)
        na = self.lees_na(request)
        tabel = queryset.model._meta.db_table
        if na is None:
            self.count = queryset.count()
        else:
            self.count = None
            queryset = queryset.filter(
                RawSQL(
                    f'("{tabel}"."indicator_id", "{tabel}"."gebied_id", "{tabel}"."periode") > (%s, %s, %s)',
                    na,
                    output_field=BooleanField(),
                )
            )
        rijen = list(queryset.order_by("indicator_id", "gebied_id", "periode")[: self.limit + 1])
        self.volgende_na = None
        if len(rijen) > self.limit:
            rijen = rijen[: self.limit]
            self.volgende_na = "{}.{}.{}".format(*rijen[-1][:3])
        return rijen

    def get_next_link(self):
        if self.volgende_na is None:
            return None
        url = replace_query_param(self.request.build_absolute_uri(), self.limit_query_param, self.limit)
        return replace_query_param(url, self.na_param, self.volgende_na)

    def get_paginated_response(self, data):
        volgende = self.get_next_link()
        response = Response({"count": self.count, "next": volgende, "results": data})
        if self.count is not None:
            response["X-Total-Count"] = str(self.count)
        if volgende is not None:
            response["Link"] = f'<{volgende}>; rel="next"'
        return response

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "next", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "nullable": True,
                    "example": 145000,
                    "description": "Aantal rijen in totaal; alleen op de eerste pagina (daarna null)",
                },
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "example": "https://wijkportaal.example/api/v1/waarden/?indicator=AantalInwoners&limit=1000"
                    "&na=12.3456.2024",
                    "description": "De volgende pagina; null op de laatste",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        limit = super().get_schema_operation_parameters(view)[0]
        return [
            limit,
            {
                "name": self.na_param,
                "required": False,
                "in": "query",
                "description": "Positie na de laatste rij van de vorige pagina: neem hem over uit `next`.",
                "schema": {"type": "string", "pattern": self.SLEUTEL_PATROON, "maxLength": 50},
            },
        ]
