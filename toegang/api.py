"""The endpoints for a user's own API keys (tokens), on the API's shared base view (`api.views`).

Keys are managed by a person logged in through the browser (session), never with a key: a leaked
key can then not be used to mint or revoke others. A key is shown once, when it is created; only
its hash is stored. Each user sees and revokes only their own keys (another's is a 404).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from api.fouten import fouten
from api.parameters import id_parameter, lees_id
from api.views import ApiView

from .models import ApiToken
from .services import TokenFout, token_aanmaken, token_intrekken

# --- the user's own API keys -----------------------------------------------------------------------


SESSIE = (
    "Alleen ingelogd in het Wijkportaal (sessie), niet met een API-sleutel; u ziet en beheert alleen uw eigen sleutels."
)


class IngelogdMetSessie(BasePermission):
    message = "API-sleutels beheert u ingelogd in het Wijkportaal (in de browser), niet met een API-sleutel."

    def has_permission(self, request, view):
        return not isinstance(request.auth, ApiToken)


class TokenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()
    prefix = serializers.CharField(help_text="De eerste 8 tekens van de sleutel, om hem te herkennen")
    aangemaakt_op = serializers.DateTimeField()
    laatst_gebruikt_op = serializers.DateTimeField(allow_null=True, help_text="Bijgewerkt hoogstens eens per minuut")
    ingetrokken_op = serializers.DateTimeField(allow_null=True)
    actief = serializers.BooleanField()


class NieuwTokenSerializer(TokenSerializer):
    sleutel = serializers.CharField(help_text="De sleutel zelf: alleen nu zichtbaar, bewaar hem veilig")


class TokenAanvraagSerializer(serializers.Serializer):
    naam = serializers.CharField(max_length=100, help_text="Waarvoor, bijv. 'nachtelijke levering'")


def token_rij(token: ApiToken) -> dict:
    return {
        "id": token.id,
        "naam": token.naam,
        "prefix": token.prefix,
        "aangemaakt_op": serializers.DateTimeField().to_representation(token.aangemaakt_op),
        "laatst_gebruikt_op": serializers.DateTimeField().to_representation(token.laatst_gebruikt_op)
        if token.laatst_gebruikt_op
        else None,
        "ingetrokken_op": serializers.DateTimeField().to_representation(token.ingetrokken_op)
        if token.ingetrokken_op
        else None,
        "actief": token.ingetrokken_op is None,
    }


class TokensView(ApiView):
    permission_classes = [IsAuthenticated, IngelogdMetSessie]

    @extend_schema(
        tags=["api-sleutels"],
        summary="Uw API-sleutels (ook ingetrokken)",
        description=SESSIE,
        responses={200: TokenSerializer(many=True), **fouten(400, 401, 403, 429)},
    )
    def get(self, request):
        pagina = self.paginate_queryset(ApiToken.objects.filter(gebruiker=request.user).order_by("-aangemaakt_op"))
        return self.get_paginated_response([token_rij(t) for t in pagina])

    @extend_schema(
        tags=["api-sleutels"],
        summary="Nieuwe API-sleutel (de sleutel staat alleen in dit antwoord)",
        description=SESSIE + " Alleen de hash van de sleutel wordt bewaard: noteer hem nu.",
        request=TokenAanvraagSerializer,
        responses={201: NieuwTokenSerializer, **fouten(400, 401, 403, 429)},
    )
    def post(self, request):
        invoer = TokenAanvraagSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            token, sleutel = token_aanmaken(gebruiker=request.user, naam=invoer.validated_data["naam"])
        except TokenFout as exc:
            raise exceptions.ValidationError({"naam": [str(exc)]}) from exc
        self.audit_aantal = 1
        return Response({**token_rij(token), "sleutel": sleutel}, status=status.HTTP_201_CREATED)


TOKEN_ID = id_parameter("token_id", "Het nummer (id) van de sleutel")


class TokenView(ApiView):
    permission_classes = [IsAuthenticated, IngelogdMetSessie]
    pagination_class = None

    def _eigen_token(self, request, token_id: str) -> ApiToken:
        """Only the caller's own token; any other number (or no number at all) is a 404."""
        pk = lees_id(token_id)
        token = ApiToken.objects.filter(pk=pk, gebruiker=request.user).first() if pk else None
        if token is None:
            raise exceptions.NotFound("U hebt geen API-sleutel met dit nummer.")
        return token

    @extend_schema(
        tags=["api-sleutels"],
        summary="Eén van uw API-sleutels",
        description=SESSIE,
        parameters=[TOKEN_ID],
        responses={200: TokenSerializer, **fouten(401, 403, 404, 429)},
    )
    def get(self, request, token_id: str):
        return Response(token_rij(self._eigen_token(request, token_id)))

    @extend_schema(
        tags=["api-sleutels"],
        summary="API-sleutel intrekken (blijvend; de sleutel werkt daarna niet meer)",
        description=SESSIE,
        parameters=[TOKEN_ID],
        responses={204: None, **fouten(401, 403, 404, 429)},
    )
    def delete(self, request, token_id: str):
        token_intrekken(token=self._eigen_token(request, token_id))
        self.audit_aantal = 1
        return Response(status=status.HTTP_204_NO_CONTENT)
