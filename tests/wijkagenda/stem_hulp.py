"""Helpers of the residents' voice tests (not a test module)."""

from datetime import timedelta

from django.utils import timezone

from indicatoren.models import Domein
from toegang.models import Organisatie
from wijkagenda import services
from wijken.models import Gebied

WIJK = "WK016403"  # Hasseler Es: the test stadsdeelregisseur's portfolio
ANDERE_WIJK = "WK016400"  # Binnenstad


def opgave(door, *, titel="Minder zwerfafval rond het winkelcentrum", wijk=WIJK, dagen=120):
    vandaag = timezone.localdate()
    o = services.opgave_opslaan(
        door=door,
        wijk=Gebied.objects.get(code=wijk),
        titel=titel,
        domein=Domein.objects.get(code="fysieke-leefomgeving"),
        geopend_op=vandaag - timedelta(days=dagen),
    )
    services.actie_opslaan(
        door=door,
        opgave=o,
        omschrijving="Extra afvalbakken plaatsen",
        eigenaar=Organisatie.objects.get(code="welbions"),
        startdatum=vandaag - timedelta(days=dagen - 10),
        streefdatum=vandaag - timedelta(days=10),
        status="afgerond",
    )
    return o
