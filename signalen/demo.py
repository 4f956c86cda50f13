"""Synthetic demo signals: spread over the real Hengelo buurten (random points inside the stored buurt
polygons) and the three years before `tot`, with workflow, escalations, duplicates and a few hotspots.

Every row is labelled `synthetisch=True` (and shown as "synthetisch (demo)"). The same seed and `tot`
give the same data; running it again first removes the previous synthetic signals.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from shapely.geometry import Point, shape

from lib import perioden
from toegang.models import Organisatie
from wijken import codes
from wijken.models import Gebied, GebiedVersie

from .geo import BuitenGemeente, buurtgrenzen, zoek_buurt
from .models import GESLOTEN, Categorie, Escalatie, EscalatieStatus, Historie, Signaal, Status
from .werkdagen import werkdagen_later

DOOR = "demo-generator"

GEWICHT_HOOFD = {
    "zwerfvuil": 22,
    "afvaldump": 14,
    "verlichting": 8,
    "verloedering": 10,
    "groen": 8,
    "verkeersveiligheid": 9,
    "overlast": 12,
    "onveilig-gevoel": 6,
    "zorgsignaal": 5,
    "ondermijning": 2,
    "woning-portiek": 3,
    "overig": 1,
}
BRONNEN = [
    ("bewoner", 40),
    ("telefoon", 15),
    ("bewonersavond", 8),
    ("professional", 15),
    ("partner", 10),
    ("wijkronde", 12),
]
PROFESSIONELE_HOOFDEN = {"zorgsignaal", "ondermijning"}
PLEKKEN = [
    "de speeltuin",
    "het winkelcentrum",
    "de bushalte",
    "het fietspad langs de beek",
    "de ingang van de flat",
    "het parkeerterrein",
    "de brandgang",
    "het trapveldje",
    "de school",
    "de glasbak",
]
ZINNEN = {
    "zwerfvuil": [
        "Veel zwerfafval rond {plek}.",
        "Afvalbak bij {plek} puilt uit.",
        "Zakken afval naast de container bij {plek}.",
    ],
    "afvaldump": [
        "Bankstel en matrassen gedumpt bij {plek}.",
        "Grofvuil staat al dagen bij {plek}.",
        "Bouwafval gestort achter {plek}.",
    ],
    "verlichting": ["Lantaarnpaal bij {plek} brandt niet.", "Het is 's avonds erg donker bij {plek}."],
    "verloedering": [
        "Graffiti op de muur bij {plek}.",
        "Bankje bij {plek} is kapot.",
        "Stoeptegels liggen los bij {plek}.",
    ],
    "groen": ["Struiken bij {plek} hangen over het pad.", "Plantsoen bij {plek} is verwaarloosd."],
    "verkeersveiligheid": [
        "Er wordt hard gereden bij {plek}.",
        "Auto's parkeren op de stoep bij {plek}.",
        "Oversteek bij {plek} is onoverzichtelijk.",
    ],
    "overlast": [
        "Groep jongeren veroorzaakt 's avonds overlast bij {plek}.",
        "Geluidsoverlast in de buurt van {plek}.",
        "Vermoedelijk dealen bij {plek}.",
    ],
    "onveilig-gevoel": [
        "Bewoners voelen zich onveilig bij {plek} na donker.",
        "Mensen worden lastiggevallen bij {plek}.",
    ],
    "zorgsignaal": [
        "Oudere bewoner lijkt vereenzaamd; buren maken zich zorgen.",
        "Zorgen over een bewoner die zich verward gedraagt bij {plek}.",
    ],
    "ondermijning": [
        "Verdachte bedrijvigheid in een pand bij {plek}.",
        "Bewoners vermoeden onderhuur in een woning bij {plek}.",
    ],
    "woning-portiek": ["Portiek bij {plek} is vervuild.", "Achterstallig onderhoud aan huurwoningen bij {plek}."],
    "overig": ["Vraag van bewoners over {plek}."],
}


@dataclass(frozen=True)
class Demo:
    signalen: int
    escalaties: int
    duplicaten: int
    hotspots: list[tuple[str, str, str]]  # (buurt code, category code, month)
    verwijderd: int


def _kies(rng: random.Random, gewogen):
    items, gewichten = zip(*gewogen, strict=True)
    return rng.choices(items, weights=gewichten, k=1)[0]


def _punt_in(rng: random.Random, vorm) -> tuple[float, float]:
    minx, miny, maxx, maxy = vorm.bounds
    for _ in range(1000):
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if vorm.contains(Point(x, y)):
            return round(x, 6), round(y, 6)
    p = vorm.representative_point()
    return round(p.x, 6), round(p.y, 6)


@transaction.atomic
def synthetische_signalen_maken(*, aantal: int, seed: int, tot: date | None = None) -> Demo:
    if not 1 <= aantal <= 1_000_000:
        raise ValueError("het aantal synthetische signalen ligt tussen 1 en 1.000.000")
    tot = tot or timezone.localdate()
    rng = random.Random(seed)
    tz = timezone.get_current_timezone()
    # Everything happens before the start of `tot` (so never in the future when tot is today), and the
    # workflow is judged at that moment: the same seed and tot give the same data at any time of day.
    nu = timezone.make_aware(datetime.combine(tot, time(0, 0)), tz)

    oud = Signaal.objects.filter(synthetisch=True)
    Signaal.objects.filter(duplicaat_van__synthetisch=True).update(duplicaat_van=None)
    verwijderd = oud.count()
    # History is append-only for people; the generator's own rows go with its signals (cascade, raw delete).
    oud.delete()

    grenzen = buurtgrenzen(tot.year)
    versies = list(
        GebiedVersie.objects.geldig_in(tot.year)
        .filter(gebied__niveau=codes.BUURT, gebied__ouder__ouder__code=settings.GEMEENTE_CODE, geometrie__isnull=False)
        .values_list("gebied__code", "geometrie")
        .order_by("gebied__code")
    )
    if not versies:
        raise ValueError("er zijn geen buurtgrenzen geladen (draai eerst load_hengelo)")
    vormen = [(code, shape(geo)) for code, geo in versies]
    gebieden = {
        g.code: g
        for g in Gebied.objects.filter(code__in=[c for c, _ in vormen] + [codes.ouder_code(c) for c, _ in vormen])
    }
    # Busier and quieter buurten (fixed by the seed), and the wijken for signals about a whole wijk.
    buurt_gewicht = [(i, rng.lognormvariate(0, 0.6)) for i in range(len(vormen))]
    wijken = sorted({w for c, _ in vormen if (w := codes.ouder_code(c)) is not None})

    partner_ids = list(
        Organisatie.objects.filter(soort=Organisatie.Soort.PARTNER).order_by("code").values_list("id", flat=True)
    )
    categorieen = list(Categorie.objects.filter(actief=True).select_related("hoofdcategorie"))
    hoofd_code = {c.id: (c.hoofdcategorie.code if c.hoofdcategorie_id else c.code) for c in categorieen}
    bladeren: dict[str, list[Categorie]] = {}
    for c in categorieen:
        if c.hoofdcategorie_id or not any(s.hoofdcategorie_id == c.id for s in categorieen):
            bladeren.setdefault(hoofd_code[c.id], []).append(c)
    hoofden = [(h, GEWICHT_HOOFD.get(h, 1)) for h in sorted(bladeren)]

    begin = tot.replace(year=tot.year - 3) if not (tot.month == 2 and tot.day == 29) else tot - timedelta(days=3 * 365)
    dagen = (tot - begin).days
    vorige_maand = perioden.maand_verschuif(perioden.maand_van(tot), -1)
    vorige_maand_begin, vorige_maand_eind = perioden.maand_begin(vorige_maand), perioden.maand_einde(vorige_maand)

    def nieuw_signaal(datum: date, hoofd: str, buurt_index: int | None, wijk_code: str | None = None) -> dict:
        categorie = rng.choice(bladeren[hoofd])
        bron = _kies(
            rng,
            [
                (b, g * (2 if hoofd in PROFESSIONELE_HOOFDEN and b in ("professional", "partner") else 1))
                for b, g in BRONNEN
            ],
        )
        plek = rng.choice(PLEKKEN)
        lon: float | None
        lat: float | None
        if buurt_index is not None:
            code, vorm = vormen[buurt_index]
            lon, lat = _punt_in(rng, vorm)
            try:
                gevonden = zoek_buurt(lon, lat, grenzen)
                buurt, wijk = gebieden[gevonden.code], gebieden[gevonden.wijk_code]
            except (BuitenGemeente, KeyError):
                buurt, wijk = gebieden[code], gebieden[codes.ouder_code(code)]
        else:
            lon = lat = None
            buurt, wijk = None, gebieden[wijk_code]
        gemeld_datum = min(datum + timedelta(days=rng.choice([0, 0, 0, 1, 1, 2, 3, 5])), tot - timedelta(days=1))
        gemeld_op = timezone.make_aware(
            datetime.combine(gemeld_datum, time(rng.randint(8, 17), rng.randint(0, 59))), tz
        )
        gemeld_op = min(gemeld_op, nu)
        melder = bron in ("bewoner", "telefoon") and rng.random() < 0.3
        nummer = rng.randint(1000, 9999)
        return {
            "omschrijving": rng.choice(ZINNEN.get(hoofd, ZINNEN["overig"])).format(plek=plek),
            "categorie": categorie,
            "bron": bron,
            "aantal_bewoners": rng.randint(2, 12)
            if bron == "bewonersavond"
            else (1 if rng.random() < 0.8 else rng.randint(2, 4)),
            "datum_voorval": datum,
            "adres": f"nabij {plek}" if lon is not None and rng.random() < 0.6 else "",
            "lon": lon,
            "lat": lat,
            "buurt": buurt,
            "wijk": wijk,
            "grens_jaar": grenzen.jaar if lon is not None else None,
            "gemeld_op": gemeld_op,
            "streefdatum": werkdagen_later(gemeld_datum, categorie.afhandeltermijn),
            "melder_naam": f"Demo-melder {nummer} (synthetisch)" if melder else "",
            "melder_telefoon": f"06 0000 {nummer}" if melder else "",
            "melder_email": f"melder{nummer}@voorbeeld.invalid" if melder and rng.random() < 0.5 else "",
            "synthetisch": True,
        }

    rijen = []
    for _ in range(aantal):
        datum = begin + timedelta(days=rng.randrange(dagen))
        hoofd = _kies(rng, hoofden)
        if rng.random() < 0.05:
            rijen.append(nieuw_signaal(datum, hoofd, None, rng.choice(wijken)))
        else:
            rijen.append(nieuw_signaal(datum, hoofd, _kies(rng, buurt_gewicht), None))
    # A few hotspots: a burst of one category in one buurt in the last complete month.
    hotspots = []
    if aantal >= 500:
        for _ in range(3):
            b = _kies(rng, buurt_gewicht)
            hoofd = _kies(rng, [h for h in hoofden if h[0] in ("afvaldump", "zwerfvuil", "overlast", "verloedering")])
            hotspots.append((vormen[b][0], hoofd, f"{vorige_maand_begin:%Y-%m}"))
            for _ in range(rng.randint(9, 14)):
                datum = vorige_maand_begin + timedelta(
                    days=rng.randrange((vorige_maand_eind - vorige_maand_begin).days + 1)
                )
                rijen.append(nieuw_signaal(datum, hoofd, b, None))
    rijen.sort(key=lambda r: r["gemeld_op"])

    signalen = Signaal.objects.bulk_create([Signaal(**r) for r in rijen], batch_size=2000)
    historie: list[Historie] = []
    escalaties: list[tuple[Escalatie, Signaal, list]] = []

    def regel(signaal, tijdstip, soort, *, van="", naar="", notitie="", escalatie=None):
        historie.append(
            Historie(
                signaal=signaal,
                escalatie=escalatie,
                soort=soort,
                tijdstip=tijdstip,
                door_naam=DOOR,
                van=van,
                naar=naar,
                notitie=notitie,
            )
        )

    for s in signalen:
        regel(
            s,
            s.gemeld_op,
            Historie.Soort.STATUS,
            naar=Status.GEMELD,
            notitie=f"Gemeld ({s.get_bron_display().lower()})",
        )
        leeftijd = (nu - s.gemeld_op).days
        t = s.gemeld_op
        pad = []
        kans_afgehandeld = 0.88 if leeftijd > 60 else (0.5 if leeftijd > 14 else 0.15)
        doorzetten = rng.random() < 0.45
        pad.append(Status.IN_BEHANDELING)
        if doorzetten:
            pad.append(Status.DOORGEZET)
        r = rng.random()
        if r < 0.04 and leeftijd > 7:
            pad = [Status.GEANNULEERD]
        elif r < kans_afgehandeld:
            pad.append(Status.AFGEHANDELD)
        elif leeftijd < 3 and not doorzetten:
            pad = []
        van = Status.GEMELD
        for naar in pad:
            t = min(t + timedelta(hours=rng.randint(2, 24 * 6)), nu)
            if naar == Status.DOORGEZET:
                partners = [s.categorie.standaard_partner_id]
                if rng.random() < 0.15:
                    partners.append(rng.choice([o for o in partner_ids if o != partners[0]]))
                for p in partners:
                    esc = Escalatie(
                        signaal=s,
                        partner_id=p,
                        gevraagde_actie="Graag oppakken en terugmelden.",
                        werkdagen=s.categorie.afhandeltermijn,
                        streefdatum=werkdagen_later(timezone.localdate(t), s.categorie.afhandeltermijn),
                        aangemaakt_op=t,
                    )
                    escalaties.append((esc, s, [t]))
            notitie = {
                Status.AFGEHANDELD: "Opgelost (synthetisch).",
                Status.GEANNULEERD: "Dubbel of onterecht gemeld (synthetisch).",
            }.get(naar, "")
            regel(s, t, Historie.Soort.STATUS, van=van, naar=naar, notitie=notitie)
            van = naar
        s.status = van
        s.versie = 1 + len(pad)
        if van in GESLOTEN:
            s.afgesloten_op = t
    # Escalation status follows its signal: closed signals have finished escalations.
    for esc, s, _ in escalaties:
        if s.status in GESLOTEN:
            esc.status = EscalatieStatus.AFGEROND if rng.random() < 0.9 else EscalatieStatus.AFGEWEZEN
            esc.afgerond_op = s.afgesloten_op
            esc.referentie_partner = f"DEMO-{rng.randint(10000, 99999)}"
        else:
            esc.status = EscalatieStatus.IN_BEHANDELING if rng.random() < 0.5 else EscalatieStatus.VERSTUURD
    Escalatie.objects.bulk_create([e for e, _, _ in escalaties], batch_size=2000)
    for esc, s, (t,) in escalaties:
        regel(
            s,
            t,
            Historie.Soort.ESCALATIE,
            naar=EscalatieStatus.VERSTUURD,
            notitie="Doorgezet (synthetisch).",
            escalatie=esc,
        )
        if esc.status != EscalatieStatus.VERSTUURD:
            regel(
                s,
                esc.afgerond_op or min(t + timedelta(days=1), nu),
                Historie.Soort.ESCALATIE,
                van=EscalatieStatus.VERSTUURD,
                naar=esc.status,
                notitie=f"Referentie partner: {esc.referentie_partner}" if esc.referentie_partner else "",
                escalatie=esc,
            )

    # Duplicates: a later signal of the same main category in the same buurt within 30 days of an open one.
    laatste: dict[tuple[int, str], Signaal] = {}
    duplicaten = []
    for s in signalen:
        if s.buurt_id is None:
            continue
        sleutel = (s.buurt_id, hoofd_code[s.categorie_id])
        eerder = laatste.get(sleutel)
        if eerder is not None and (s.gemeld_op - eerder.gemeld_op).days <= 30 and rng.random() < 0.35:
            s.duplicaat_van = eerder
            duplicaten.append(s)
            regel(s, s.gemeld_op, Historie.Soort.DUPLICAAT, notitie=f"Gekoppeld als duplicaat van #{eerder.pk}.")
        else:
            laatste[sleutel] = s
    Signaal.objects.bulk_update(signalen, ["status", "versie", "afgesloten_op", "duplicaat_van"], batch_size=2000)
    Historie.objects.bulk_create(historie, batch_size=5000)
    return Demo(len(signalen), len(escalaties), len(duplicaten), hotspots, verwijderd)
