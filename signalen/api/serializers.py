"""The API's parameters, answers and request body, as DRF serializers (for reading query parameters and for
the OpenAPI schema; the body of POST /api/v1/signalen/ is validated by the page's form)."""

from rest_framework import serializers

from api.parameters import GEBIED_PATROON, SLUG_PATROON, CodeLijst, CodeVeld, id_parameter
from wijken import codes

from ..models import Bron, EscalatieStatus, Historie, Status

# Choice lists by name, so the OpenAPI enums get their own names (SPECTACULAR_SETTINGS ENUM_NAME_OVERRIDES).
STATUSSEN = Status.values
ESCALATIESTATUSSEN = EscalatieStatus.values
HISTORIESOORTEN = Historie.Soort.values
BRONNEN = Bron.values
MAAND_PATROON = r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$"
SIGNAAL_ID = id_parameter("signaal_id", "Het nummer van het signaal")


# --- parameters -------------------------------------------------------------------------------------------


class SignaalParameters(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["open", "gesloten", *Status.values],
        required=False,
        help_text="Een status, of `open` / `gesloten` voor alle open of gesloten signalen.",
    )
    categorie = CodeVeld(
        SLUG_PATROON,
        "categoriecode",
        required=False,
        help_text="Code van een categorie; een hoofdcategorie omvat haar subcategorieën.",
    )
    gebied = CodeVeld(
        GEBIED_PATROON,
        "gebiedscode",
        required=False,
        help_text="Alleen signalen in dit gebied: de gemeente, een wijk of een buurt.",
    )
    bron = serializers.ChoiceField(choices=BRONNEN, required=False)
    te_laat = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: alleen open signalen over hun streefdatum of met een escalatie over de streefdatum.",
    )
    van = serializers.DateField(required=False, help_text="Datum van het voorval vanaf (JJJJ-MM-DD).")
    tot = serializers.DateField(required=False, help_text="Datum van het voorval tot en met (JJJJ-MM-DD).")
    synthetisch = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="false: alleen echte signalen; true: alleen synthetische demo-signalen; weglaten: beide.",
    )


class AggregaatParameters(serializers.Serializer):
    niveau = serializers.ChoiceField(
        choices=[codes.GEMEENTE, codes.WIJK, codes.BUURT],
        required=False,
        default=codes.WIJK,
        help_text="Per gemeente, wijk (standaard) of buurt. Per buurt tellen signalen over een hele wijk niet mee.",
    )
    gebied = CodeLijst(
        GEBIED_PATROON,
        "gebiedscode",
        help_text="Alleen signalen in deze gebieden (gemeente, wijk of buurt), gescheiden door komma's.",
    )
    maand_van = CodeVeld(MAAND_PATROON, "maand (JJJJ-MM)", required=False, help_text="Vanaf deze maand (JJJJ-MM).")
    maand_tot = CodeVeld(MAAND_PATROON, "maand (JJJJ-MM)", required=False, help_text="Tot en met deze maand.")
    categorie = CodeLijst(
        SLUG_PATROON, "categoriecode", help_text="Eén of meer hoofdcategorieën (code), gescheiden door komma's."
    )
    synthetisch = serializers.BooleanField(
        required=False, default=True, help_text="false: synthetische demo-signalen niet meetellen (standaard: wel)."
    )


# --- responses ----------------------------------------------------------------------------------------------


class CategorieSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    hoofdcategorie = serializers.CharField(allow_null=True, help_text="Code van de hoofdcategorie (leeg: zelf hoofd)")


class EscalatieSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    partner = serializers.CharField(help_text="Code van de organisatie")
    gevraagde_actie = serializers.CharField()
    werkdagen = serializers.IntegerField(help_text="Termijn in werkdagen (zonder weekend en feestdagen)")
    streefdatum = serializers.DateField()
    te_laat = serializers.BooleanField(help_text="Open en over de streefdatum")
    referentie_partner = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=ESCALATIESTATUSSEN)
    aangemaakt_op = serializers.DateTimeField()
    afgerond_op = serializers.DateTimeField(allow_null=True)


class SignaalPartnerSerializer(serializers.Serializer):
    """What a partner sees of a signal escalated to it: never the reporter, never who logged it."""

    id = serializers.IntegerField()
    omschrijving = serializers.CharField()
    categorie = CategorieSerializer()
    bron = serializers.ChoiceField(choices=BRONNEN)
    aantal_bewoners = serializers.IntegerField()
    datum_voorval = serializers.DateField()
    adres = serializers.CharField(allow_blank=True, help_text="Adres of plek van het probleem (niet van de melder)")
    lon = serializers.FloatField(allow_null=True)
    lat = serializers.FloatField(allow_null=True)
    wijk = serializers.CharField(help_text="CBS-code van de wijk")
    buurt = serializers.CharField(allow_null=True, help_text="CBS-code van de buurt (leeg: over de hele wijk)")
    grens_jaar = serializers.IntegerField(allow_null=True, help_text="Jaar van de buurtgrenzen van de indeling")
    status = serializers.ChoiceField(choices=STATUSSEN)
    streefdatum = serializers.DateField()
    te_laat = serializers.BooleanField()
    gemeld_op = serializers.DateTimeField()
    afgesloten_op = serializers.DateTimeField(allow_null=True)
    synthetisch = serializers.BooleanField(help_text="Gegenereerde demo-data, geen echte melding")
    escalaties = EscalatieSerializer(many=True, help_text="Voor een partner alleen die naar de eigen organisatie")


class MelderSerializer(serializers.Serializer):
    naam = serializers.CharField(allow_blank=True)
    telefoon = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)


class SignaalSerializer(SignaalPartnerSerializer):
    """A medewerker's view: also the workflow version, the duplicate group, who logged it and (only with the
    permission for personal data) the reporter."""

    # Not required in the schema: one documented shape for both roles; a partner's rows never have these keys.
    versie = serializers.IntegerField(required=False, help_text="Verhoogd bij elke wijziging (niet voor partners)")
    duplicaat_van = serializers.IntegerField(required=False, allow_null=True, help_text="Niet voor partners")
    aantal_duplicaten = serializers.IntegerField(
        required=False, help_text="Signalen gekoppeld als duplicaat van dit signaal (niet voor partners)"
    )
    bewoners_groep = serializers.IntegerField(
        required=False, help_text="Bewoners van dit signaal en zijn duplicaten samen (niet voor partners)"
    )
    gemeld_door = serializers.CharField(required=False, allow_null=True, help_text="Niet voor partners")
    melder = MelderSerializer(
        required=False,
        allow_null=True,
        help_text="Naam en contact van de melder: null als niet vastgelegd, verwijderd na de bewaartermijn, of "
        "als u geen persoonsgegevens mag zien; partners krijgen dit veld nooit",
    )


class HistorieSerializer(serializers.Serializer):
    tijdstip = serializers.DateTimeField()
    door = serializers.CharField()
    soort = serializers.ChoiceField(choices=HISTORIESOORTEN)
    escalatie = serializers.IntegerField(allow_null=True)
    van = serializers.CharField(allow_blank=True)
    naar = serializers.CharField(allow_blank=True)
    notitie = serializers.CharField(allow_blank=True)


class SignaalDetailSerializer(SignaalSerializer):
    historie = HistorieSerializer(many=True)


class SignaalInvoerSerializer(serializers.Serializer):
    """The input of POST /api/v1/signalen/ (documentation; checked with the rules and messages of the form)."""

    # For the schema only: the body is validated by the page's form, signalen.forms.MeldFormulier.

    omschrijving = serializers.CharField(max_length=5000)
    categorie = serializers.CharField(help_text="Code van de categorie, bijv. afval-naast-container")
    bron = serializers.ChoiceField(choices=BRONNEN)
    aantal_bewoners = serializers.IntegerField(required=False, default=1, min_value=1, max_value=10_000)
    datum_voorval = serializers.DateField(help_text="Niet in de toekomst")
    adres = serializers.CharField(required=False, allow_blank=True, max_length=200)
    lon = serializers.FloatField(required=False, allow_null=True, help_text="WGS84; samen met lat")
    lat = serializers.FloatField(required=False, allow_null=True, help_text="WGS84; samen met lon")
    wijk = serializers.CharField(
        required=False, allow_blank=True, help_text="Wijkcode als het signaal over de hele wijk gaat (zonder punt)"
    )
    melder_naam = serializers.CharField(required=False, allow_blank=True, max_length=150)
    melder_telefoon = serializers.CharField(required=False, allow_blank=True, max_length=30)
    melder_email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    duplicaat_van = serializers.IntegerField(required=False, allow_null=True, help_text="Nummer van het hoofdsignaal")


class AggregaatSerializer(serializers.Serializer):
    gebied = serializers.CharField(help_text="CBS-code van de gemeente, wijk of buurt")
    maand = serializers.CharField(help_text="Maand van het voorval, JJJJ-MM")
    categorie = serializers.CharField(help_text="Code van de hoofdcategorie")
    aantal = serializers.IntegerField(help_text="Signalen (een groep duplicaten telt één keer; geannuleerd niet)")
    synthetisch = serializers.IntegerField(help_text="Waarvan synthetische demo-signalen (geen echte meldingen)")
