"""Import CBS Wijk- en buurtkaart boundaries (GeoJSON) as Gebied + GebiedVersie.

Validate everything first, then write in one transaction; a second run of the same
file changes nothing.
"""

import json
import re
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Max

from lib.importrapport import Fout, ImportFout, Rapport, lees_tekst

from . import codes
from .geo import geometrie_fout, kaartvorm
from .models import Gebied, GebiedVersie
from .signals import gebieden_gewijzigd

NIVEAU_VOLGORDE = [codes.LAND, codes.GEMEENTE, codes.WIJK, codes.BUURT]
STANDAARD_BRON = "CBS, Wijk- en buurtkaart (CC BY 4.0)"
FEATURE = "feature"  # errors name the feature number: a GeoJSON file is often a single line


def _lees_features(pad: Path) -> list:
    tekst = lees_tekst(pad)
    try:
        data = json.loads(tekst)
    except json.JSONDecodeError as exc:
        raise ImportFout([Fout(exc.lineno, f"ongeldige JSON: {exc.msg}")], str(pad)) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ImportFout([Fout(None, "verwacht een GeoJSON FeatureCollection")], str(pad))
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise ImportFout([Fout(None, "de FeatureCollection bevat geen features")], str(pad))
    return features


def _jaar_uit(props: dict) -> int | None:
    jr = str(props.get("jrstatcode") or props.get("jaar") or "")
    match = re.match(r"^(\d{4})", jr)
    return int(match.group(1)) if match else None


def gebieden_importeren(pad: str | Path, *, jaar: int | None = None, bron: str = STANDAARD_BRON) -> Rapport:
    pad = Path(pad)
    features = _lees_features(pad)
    fouten: list[Fout] = []
    gelezen: dict[str, dict] = {}
    jaren: set[int] = set()

    for nummer, feature in enumerate(features, start=1):
        props = (feature or {}).get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            fouten.append(Fout(nummer, "feature zonder properties", FEATURE))
            continue
        ruwe_code = props.get("statcode")
        if not ruwe_code or not isinstance(ruwe_code, str):
            fouten.append(Fout(nummer, "feature zonder 'statcode'", FEATURE))
            continue
        code = codes.normaliseer(ruwe_code)
        try:
            niveau = codes.niveau_van(code)
        except codes.OngeldigeCode as exc:
            fouten.append(Fout(nummer, str(exc), FEATURE))
            continue
        naam = props.get("statnaam")
        if not isinstance(naam, str) or not naam.strip():
            fouten.append(Fout(nummer, f"{code}: 'statnaam' ontbreekt of is geen tekst", FEATURE))
            continue
        naam = naam.strip()
        feature_jaar = jaar or _jaar_uit(props)
        if feature_jaar is None:
            fouten.append(Fout(nummer, f"{code}: geen jaar in 'jrstatcode'; geef --jaar op", FEATURE))
            continue
        if not 1900 <= feature_jaar <= 2100:
            fouten.append(Fout(nummer, f"{code}: indelingsjaar {feature_jaar} ligt buiten 1900-2100", FEATURE))
            continue
        jaren.add(feature_jaar)
        if probleem := geometrie_fout(feature.get("geometry")):
            fouten.append(Fout(nummer, f"{code}: {probleem}", FEATURE))
            continue
        if code in gelezen:
            fouten.append(
                Fout(nummer, f"{code} staat dubbel in het bestand (ook feature {gelezen[code]['nummer']})", FEATURE)
            )
            continue
        gelezen[code] = {
            "nummer": nummer,
            "niveau": niveau,
            "naam": naam,
            "jaar": feature_jaar,
            "geometrie": feature["geometry"],
        }

    if len(jaren) > 1:
        fouten.append(Fout(None, f"het bestand mengt indelingsjaren {sorted(jaren)}; één jaar per bestand"))

    bestaand = {g.code: g for g in Gebied.objects.filter(code__in=_met_ouders(gelezen))}
    for code, rij in gelezen.items():
        ouder = codes.ouder_code(code)
        if ouder and ouder not in gelezen and ouder not in bestaand:
            soort = "wijk" if rij["niveau"] == codes.BUURT else "gemeente"
            fouten.append(
                Fout(rij["nummer"], f"{code}: de {soort} {ouder} ontbreekt; importeer eerst de {soort}en", FEATURE)
            )
    if fouten:
        raise ImportFout(sorted(fouten, key=lambda f: f.regel or 0), str(pad))

    with transaction.atomic():
        return _schrijf(gelezen, bestaand, bron)


def _met_ouders(gelezen: dict) -> set[str]:
    alle = set(gelezen)
    alle.update(o for c in gelezen if (o := codes.ouder_code(c)))
    return alle


def _schrijf(gelezen: dict, bestaand: dict[str, Gebied], bron: str) -> Rapport:
    rapport = Rapport(gelezen=len(gelezen))
    jaar = next(iter(gelezen.values()))["jaar"]
    versies = {
        v.gebied.code: v
        for v in GebiedVersie.objects.filter(gebied__code__in=gelezen, jaar=jaar).select_related("gebied")
    }
    nieuwste = dict(
        GebiedVersie.objects.filter(gebied__code__in=gelezen)
        .values("gebied__code")
        .annotate(m=Max("jaar"))
        .values_list("gebied__code", "m")
    )
    nieuwe_versies = []
    # Parents before children, so that every ouder exists when its kinderen are created.
    for code in sorted(gelezen, key=lambda c: (NIVEAU_VOLGORDE.index(gelezen[c]["niveau"]), c)):
        rij = gelezen[code]
        gebied = bestaand.get(code)
        if gebied is None:
            ouder_code = codes.ouder_code(code)
            gebied = Gebied.objects.create(
                code=code,
                niveau=rij["niveau"],
                naam=rij["naam"],
                ouder=bestaand[ouder_code] if ouder_code else None,
            )
            bestaand[code] = gebied
        elif gebied.naam != rij["naam"] and jaar >= nieuwste.get(code, 0):
            # The current name follows the most recent indeling.
            gebied.naam = rij["naam"]
            gebied.save(update_fields=["naam"])

        velden = {
            "naam": rij["naam"],
            "geometrie": rij["geometrie"],
            "kaartvorm": kaartvorm(rij["geometrie"], rij["niveau"]),
            "bron": bron,
        }
        versie = versies.get(code)
        if versie is None:
            nieuwe_versies.append(GebiedVersie(gebied=gebied, jaar=jaar, **velden))
            rapport.nieuw += 1
        elif any(getattr(versie, k) != v for k, v in velden.items()):
            for k, v in velden.items():
                setattr(versie, k, v)
            versie.save(update_fields=list(velden))
            rapport.gewijzigd += 1
        else:
            rapport.ongewijzigd += 1
    GebiedVersie.objects.bulk_create(nieuwe_versies)
    if nieuwe_versies:
        gebieden_gewijzigd.send(sender=GebiedVersie)  # bulk_create sends no post_save
    if rapport.nieuw + rapport.gewijzigd >= ANALYZE_VANAF:
        transaction.on_commit(analyseer_gebieden)
    return rapport


# From this many new or changed boundaries on, the planner's statistics are refreshed after commit.
ANALYZE_VANAF = 1_000


def analyseer_gebieden() -> None:
    """ANALYZE the area tables after a bulk import (PostgreSQL only): fresh statistics for the planner."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Gebied, GebiedVersie):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
