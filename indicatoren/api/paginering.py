"""Keyset pagination of the waarden list (on the API's default pagination, `api.paginering`)."""

import re

from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from api.paginering import Paginering


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
