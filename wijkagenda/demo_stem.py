"""The residents' voice in the demo (issue 13): the demo opgave of Hasseler Es gets its signal clusters linked
and is published, so the public wijk page shows "Jij zei, wij deden" on the first run; the main categories get
a starting text for the explanation to reporters. Labelled synthetic (the opgave's title and the summary
start with "Demo (synthetisch)"; the synthetic signals are counted as such). Safe to repeat: what exists is
left alone."""

from dataclasses import dataclass

from django.db import transaction

from signalen.models import Categorie, Uitlegsjabloon
from wijken.models import Gebied

from . import resultaten
from .demo import LABEL, WIJK
from .models import Opgave, Resultaat, SignaalKoppeling

SAMENVATTING = (
    f"{LABEL}: voorbeeld, geen echt resultaat. Er staan extra afvalbakken en er loopt een wekelijkse veegronde; "
    "Welbions informeert de bewoners van de flats over het ophalen van grofvuil."
)


def _sjabloon(naam: str) -> str:
    return (
        f"Beste melder,\n\nBedankt voor uw melding over {naam.lower()}. Wat we hebben gedaan: [vul in wat er bij deze "
        "melding is gebeurd].\n\nIs het probleem er nog? Laat het ons weten via de link in deze e-mail."
    )


@dataclass(frozen=True)
class StemVulling:
    koppelingen: int
    gepubliceerd: bool
    sjablonen: int


@transaction.atomic
def stem_demo_vullen(*, door) -> StemVulling:
    wijk = Gebied.objects.get(code=WIJK)
    koppelingen, gepubliceerd = 0, False
    opgave = Opgave.objects.filter(wijk=wijk, titel__startswith=LABEL).order_by("id").first()
    if opgave is not None:
        for categorie in opgave.signaalcategorieen.all():
            if not SignaalKoppeling.objects.filter(opgave=opgave, categorie=categorie, buurt=None).exists():
                resultaten.signalen_koppelen(door=door, opgave=opgave, categorie=categorie)
                koppelingen += 1
        if not Resultaat.objects.filter(opgave=opgave).exists():
            resultaten.resultaat_publiceren(door=door, opgave=opgave, gepubliceerd=True, samenvatting=SAMENVATTING)
            gepubliceerd = True
    bestaand = set(Uitlegsjabloon.objects.values_list("categorie_id", flat=True))
    nieuw = [
        Uitlegsjabloon(categorie=c, tekst=_sjabloon(c.naam))
        for c in Categorie.objects.filter(hoofdcategorie__isnull=True).exclude(pk__in=bestaand)
    ]
    Uitlegsjabloon.objects.bulk_create(nieuw)
    return StemVulling(koppelingen, gepubliceerd, len(nieuw))
