"""A small synthetic demo for every role: a wijkagenda and wijknetwerk in Hasseler Es and a partner dataset.

Everything is labelled synthetic in the data itself (titles, names, sources start with "Demo (synthetisch)"),
so it reads as such on every page, export and API answer. The demo stays put: what exists is left alone
(matched on its demo label), so a second run creates nothing, renumbers nothing and keeps what users changed.
Writes go through the apps' own services (permission checks, full_clean, one transaction).
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from indicatoren.models import Domein, Indicator, Waarde
from indicatoren.services import dataset_aanmaken, indicator_opslaan, waarden_vervangen
from signalen.models import Categorie
from toegang.models import Organisatie
from wijken import codes
from wijken.models import Gebied

from . import services
from .models import ActieStatus, NetwerkContact, Opgave, Overlegritme

LABEL = "Demo (synthetisch)"
WIJK = "WK016403"  # Hasseler Es: in the demo regisseur's portfolio
DATASET = "demo-welbions"
INDICATOR = "DemoHuurachterstandWelbions"
BRON = f"{LABEL}: verzonnen cijfers van Welbions, geen echte gegevens"
JAREN = ("2023", "2024")

CONTACTEN = [
    # organisatie, rol, overlegritme, overleg
    ("welbions", "wijkconsulent", Overlegritme.MAANDELIJKS, "wijkteamoverleg"),
    ("politie", "wijkagent", Overlegritme.MAANDELIJKS, "wijkteamoverleg"),
    ("wijkracht", "opbouwwerker", Overlegritme.OP_AFROEP, "bewonersavond"),
]


@dataclass(frozen=True)
class DemoVulling:
    opgaven: int  # created now (0 on a second run)
    acties: int
    besprekingen: int
    contacten: int
    dataset: bool
    waarden: int


def _demo_waarde(gebied_code: str, jaar: str) -> float:
    """A fixed made-up share per wijk and year (seeded by the codes, so every run gives the same number)."""
    return round(random.Random(f"{gebied_code}-{jaar}").uniform(1.5, 7.5), 1)


@transaction.atomic
def demo_vullen(*, door, vandaag: date) -> DemoVulling:
    """Create the demo wijkagenda, wijknetwerk and partner dataset where they do not exist yet.

    `door`: the account that writes the agenda (the demo stadsdeelregisseur or a beheerder)."""
    wijk = Gebied.objects.get(code=WIJK)
    org = {o.code: o for o in Organisatie.objects.filter(code__in=["welbions", "politie", "wijkracht"])}

    opgaven = acties = besprekingen = 0
    titel = f"{LABEL}: minder zwerfafval en dumpingen rond het winkelcentrum"
    if not Opgave.objects.filter(wijk=wijk, titel=titel).exists():
        opgave = services.opgave_opslaan(
            door=door,
            wijk=wijk,
            titel=titel,
            domein=Domein.objects.get(code="fysieke-leefomgeving"),
            beschrijving=(
                "Synthetische demo-opgave om de wijkagenda te laten zien; geen echt besluit. Bewoners melden veel "
                "zwerfafval en dumpingen; gemeente, Welbions en Wijkracht pakken dit samen op."
            ),
            indicatoren=Indicator.objects.filter(code__in=["Signalen12mPer1000_zwerfvuil", "Signalen_afvaldump"]),
            signaalcategorieen=Categorie.objects.filter(code__in=["zwerfvuil", "afvaldump"], hoofdcategorie=None),
            partners=[org["welbions"], org["wijkracht"]],
            geopend_op=vandaag - timedelta(days=120),
        )
        opgaven = 1
        for omschrijving, eigenaar, start, streef, status in [
            (
                f"{LABEL}: extra afvalbakken en een wekelijkse veegronde",
                Organisatie.objects.get(code="gemeente-hengelo"),
                vandaag - timedelta(days=110),
                vandaag - timedelta(days=20),
                ActieStatus.AFGEROND,
            ),
            (
                f"{LABEL}: bewoners van de flats informeren over grofvuil ophalen",
                org["welbions"],
                vandaag - timedelta(days=60),
                vandaag + timedelta(days=30),
                ActieStatus.LOPEND,
            ),
        ]:
            services.actie_opslaan(
                door=door,
                opgave=opgave,
                omschrijving=omschrijving,
                eigenaar=eigenaar,
                startdatum=start,
                streefdatum=streef,
                status=status,
            )
            acties += 1
        services.bespreking_vastleggen(
            door=door,
            wijk=wijk,
            datum=vandaag - timedelta(days=30),
            besproken=f"{LABEL}: voortgang van de aanpak zwerfafval besproken in het wijkteamoverleg.",
            besluiten="Welbions informeert de bewoners; over drie maanden kijken we opnieuw naar de signalen.",
            opgaven=[opgave],
        )
        besprekingen = 1

    contacten = 0
    for code, rol, ritme, overleg in CONTACTEN:
        if NetwerkContact.objects.filter(wijk=wijk, organisatie=org[code], rol=rol).exists():
            continue
        services.contact_opslaan(
            door=door,
            wijk=wijk,
            organisatie=org[code],
            rol=rol,
            contactpersoon=f"{LABEL} contactpersoon {org[code].naam}",
            bereikbaar=f"demo-{code}@voorbeeld.invalid",
            overlegritme=ritme,
            overleg=overleg,
        )
        contacten += 1

    _, nieuw_dataset = dataset_aanmaken(
        code=DATASET,
        naam=f"{LABEL}: huurachterstand Welbions",
        eigenaar_code="welbions",
        zichtbaarheid="partners",
        beschrijving="Verzonnen cijfers om te laten zien hoe een partner eigen cijfers deelt. Geen echte gegevens.",
        licentie="demo, geen echte gegevens",
    )
    waarden = 0
    indicator = Indicator.objects.filter(code=INDICATOR).first()
    if indicator is None or not Waarde.objects.filter(indicator=indicator).exists():
        indicator_opslaan(
            code=INDICATOR,
            velden={
                "naam": f"Huurachterstand Welbions ({LABEL.lower()})",
                "eenheid": "% van de huurwoningen",
                "decimalen": 1,
                "definitie": f"{LABEL}. Aandeel huurwoningen van Welbions met een huurachterstand van twee "
                "maanden of meer. Verzonnen cijfers, alleen voor een demo.",
                "bron": BRON,
                "polariteit": "hoger_slechter",
                "absoluut": False,
                "soort": "basis",
                "volgorde": 9500,
            },
            domein_code="wonen",
            dataset_code=DATASET,
        )
        assert wijk.ouder is not None
        wijken = Gebied.objects.filter(niveau=codes.WIJK, ouder__code=wijk.ouder.code).order_by("code")
        rijen = [
            (INDICATOR, g.id, jaar, _demo_waarde(g.code, jaar), "beschikbaar", "") for g in wijken for jaar in JAREN
        ]
        waarden = waarden_vervangen(indicator_codes=[INDICATOR], rijen=rijen, bron=BRON).nieuw
    return DemoVulling(opgaven, acties, besprekingen, contacten, nieuw_dataset, waarden)
