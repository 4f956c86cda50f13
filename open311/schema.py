"""The Open311 answers as serializers, for the OpenAPI schema only (rows are built as plain dicts)."""

from django.conf import settings
from rest_framework import serializers


class EndpointSerializer(serializers.Serializer):
    specification = serializers.CharField()
    url = serializers.CharField()
    changeset = serializers.CharField()
    type = serializers.ChoiceField(choices=["production", "test"])
    formats = serializers.ListField(child=serializers.CharField())


class DiscoverySerializer(serializers.Serializer):
    changeset = serializers.CharField()
    contact = serializers.CharField()
    key_service = serializers.CharField()
    endpoints = EndpointSerializer(many=True)


class ServiceSerializer(serializers.Serializer):
    service_code = serializers.CharField(help_text="Code van de signaalcategorie")
    service_name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    metadata = serializers.BooleanField(help_text="true: de categorie vraagt extra attributen (services/{code})")
    type = serializers.ChoiceField(choices=["realtime", "batch", "blackbox"])
    keywords = serializers.CharField(allow_blank=True)
    group = serializers.CharField(help_text="De hoofdcategorie")


class Open311WaardeSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()


class AttribuutSerializer(serializers.Serializer):
    variable = serializers.BooleanField()
    code = serializers.CharField()
    datatype = serializers.ChoiceField(
        choices=["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]
    )
    required = serializers.BooleanField()  # type: ignore[assignment]  # the Open311 key; DRF's metaclass moves declared fields off the class, so Field.required is untouched
    datatype_description = serializers.CharField(allow_blank=True)
    order = serializers.IntegerField()
    description = serializers.CharField()
    values = Open311WaardeSerializer(many=True)


class ServiceDefinitieSerializer(serializers.Serializer):
    service_code = serializers.CharField()
    attributes = AttribuutSerializer(many=True)


class ExtraSerializer(serializers.Serializer):
    wijk = serializers.CharField(help_text="CBS-code van de wijk")
    buurt = serializers.CharField(allow_null=True, help_text="CBS-code van de buurt (leeg: over de hele wijk)")
    grens_jaar = serializers.IntegerField(allow_null=True, help_text="Jaar van de buurtgrenzen van de indeling")
    synthetisch = serializers.BooleanField(help_text="Gegenereerde demo-data, geen echte melding")


class VerzoekSerializer(serializers.Serializer):
    service_request_id = serializers.CharField()
    status = serializers.ChoiceField(choices=["open", "closed"])
    status_notes = serializers.CharField(help_text="De status in het Wijkportaal, bijv. 'Doorgezet naar partner'")
    service_name = serializers.CharField()
    service_code = serializers.CharField()
    description = serializers.CharField(
        allow_null=True, help_text="Alleen voor wie het signaal zelf mag lezen (medewerkers; een partner de eigen)"
    )
    agency_responsible = serializers.CharField(help_text="De partner van de (open) escalatie, anders de gemeente")
    service_notice = serializers.CharField(allow_null=True)
    requested_datetime = serializers.DateTimeField()
    updated_datetime = serializers.DateTimeField()
    expected_datetime = serializers.DateTimeField(allow_null=True, help_text="De streefdatum (open verzoeken)")
    address = serializers.CharField(allow_null=True, help_text="Plek van het probleem; alleen met toegang")
    address_id = serializers.CharField(allow_null=True)
    zipcode = serializers.CharField(allow_null=True)
    lat = serializers.FloatField(allow_null=True, help_text="WGS84; zonder sleutel afgerond op 3 decimalen")
    long = serializers.FloatField(allow_null=True)
    media_url = serializers.CharField(allow_null=True)
    extended_attributes = ExtraSerializer()


class NieuwVerzoekSerializer(serializers.Serializer):
    service_request_id = serializers.CharField()
    service_notice = serializers.CharField(allow_blank=True)
    account_id = serializers.CharField(allow_null=True)
    token = serializers.CharField(help_text="Op te vragen met tokens/{token}")


class Open311TokenSerializer(serializers.Serializer):
    service_request_id = serializers.CharField()
    token = serializers.CharField()


def _tekst(**kwargs):
    return serializers.CharField(required=False, allow_blank=True, **kwargs)


class VerzoekInvoerSerializer(serializers.Serializer):
    """The form of POST requests (the specification's parameters). The signal is logged by
    signalen.services.signaal_melden, with its checks and messages; a reporter's name, e-mail and phone are
    kept with the signal (seen only with the personal-data permission) and never returned."""

    api_key = _tekst(help_text="Uw API-sleutel (of `Authorization: Token <sleutel>`)")
    jurisdiction_id = serializers.ChoiceField(
        choices=[settings.OPEN311_JURISDICTIE],
        required=False,
        help_text="Mag weg: het Wijkportaal heeft één jurisdictie",
    )
    service_code = serializers.RegexField(r"^[a-z0-9][a-z0-9_\-]{0,59}$", help_text="Code uit services")
    lat = serializers.FloatField(required=False, min_value=-90, max_value=90)
    long = serializers.FloatField(required=False, min_value=-180, max_value=180)
    address_string = _tekst(max_length=200, help_text="Plek van het probleem (een punt is nodig om in te delen)")
    address_id = _tekst(max_length=100, help_text="Wordt niet gebruikt")
    email = _tekst(max_length=254)
    device_id = _tekst(max_length=100, help_text="Wordt niet bewaard")
    account_id = _tekst(max_length=100, help_text="Wordt niet bewaard")
    first_name = _tekst(max_length=70)
    last_name = _tekst(max_length=79)
    phone = _tekst(max_length=30)
    description = _tekst(max_length=5000, help_text="Wat er aan de hand is (verplicht)")
    media_url = _tekst(max_length=500, help_text="Wordt niet bewaard")
