"""The job status endpoint: a partner follows the upload it started (status, progress, the report).

Only the one who started a job sees it (a beheerder all); any other id is a 404, like one that does not
exist. The answer holds the same report as a direct upload: `resultaat` (bestand, gelezen, nieuw,
gewijzigd, ongewijzigd) when it is klaar, `fout` (detail, aantal_fouten, fouten per regel) when it failed.
"""

import re
import uuid

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api.fouten import fouten
from api.views import ApiView

from .models import Taak, TaakSoort, TaakStatus
from .services import status_van

UUID_PATROON = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
TAAK_ID = OpenApiParameter(
    "taak_id", str, OpenApiParameter.PATH, pattern=UUID_PATROON, description="Het nummer van de taak (uuid)"
)


class TaakRegelFout(serializers.Serializer):
    regel = serializers.IntegerField(allow_null=True, help_text="Regel (CSV) of rij (XLSX); null: het hele bestand")
    melding = serializers.CharField()


class TaakFout(serializers.Serializer):
    detail = serializers.CharField()
    aantal_fouten = serializers.IntegerField()
    fouten = TaakRegelFout(many=True)


class TaakSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    soort = serializers.ChoiceField(choices=TaakSoort.choices)
    omschrijving = serializers.CharField()
    status = serializers.ChoiceField(choices=TaakStatus.choices, help_text="wachtrij, bezig, klaar of mislukt")
    voortgang = serializers.IntegerField(allow_null=True, help_text="Procent, als bekend")
    voortgang_tekst = serializers.CharField(help_text="Hoe ver de taak is, in woorden")
    pogingen = serializers.IntegerField()
    aangemaakt_op = serializers.DateTimeField()
    gestart_op = serializers.DateTimeField(allow_null=True)
    klaar_op = serializers.DateTimeField(allow_null=True)
    resultaat = serializers.JSONField(allow_null=True, help_text="Het verslag als de taak klaar is")
    fout = TaakFout(allow_null=True, help_text="Het foutverslag als de taak mislukte; er is dan niets geschreven")
    url = serializers.CharField(help_text="Dit adres: volg de taak tot zij klaar of mislukt is")


def taak_rij(taak: Taak, request) -> dict:
    rij = status_van(taak)
    rij["url"] = request.build_absolute_uri(f"/api/v1/taken/{taak.id}/")
    return rij


class TaakView(ApiView):
    permission_classes = [IsAuthenticated]
    pagination_class = None

    @extend_schema(
        tags=["taken"],
        summary="De status van een taak (bijv. een grote levering)",
        description="Status, voortgang en aan het eind het verslag: bij `klaar` hetzelfde verslag als een directe "
        "levering, bij `mislukt` alle fouten met hun regelnummer (er is dan niets geschreven). Alleen wie de taak "
        "startte ziet haar.",
        parameters=[TAAK_ID],
        responses={200: TaakSerializer, **fouten(400, 401, 403, 404, 429)},
    )
    def get(self, request, taak_id: str):
        taak = None
        if re.fullmatch(UUID_PATROON, taak_id):
            taak = Taak.objects.van(request.user).filter(pk=uuid.UUID(taak_id)).first()
        if taak is None:
            raise exceptions.NotFound("U hebt geen taak met dit nummer.")
        return Response(taak_rij(taak, request))
