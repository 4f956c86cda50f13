"""Write paths of the MOR reports: importing a file's rows (all-or-nothing, idempotent by source and external
id) and publishing the counts as indicators through indicatoren's write service.

A point is placed in its buurt with the buurt boundaries in force in the year of the report, with the same
point-in-polygon as the signals (signalen.geo); a point outside the gemeente is reported and not written (an
export or a download by bounding box holds reports of the neighbours), every other bad row makes the whole
import fail with a row-level report.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from indicatoren.selectors import inwoners_per_jaar
from lib.importrapport import Fout, ImportFout, Rapport
from lib.perioden import maand_van
from signalen.geo import BuitenGemeente, Grenzen, buurtgrenzen, zoek_buurt
from wijken import codes
from wijken.models import Gebied

from . import cijfers
from .categorieen import Categoriekoppeling, lees_koppeling
from .lezen import RuweMelding
from .models import Melding

BRON = re.compile(r"^[a-z0-9][a-z0-9-]{0,29}$")
DATASET = "mor"
DOMEIN = "meldingen-openbare-ruimte"
VELDEN = ["categorie", "extern_categorie", "gemeld_op", "lon", "lat", "buurt_id", "wijk_id", "grens_jaar"]
BATCH = 2000


def _buurten() -> dict[str, tuple[int, int]]:
    """CBS code -> (buurt id, wijk id) of the gemeente's buurten (1 query)."""
    return {
        code: (pk, ouder_id)
        for code, pk, ouder_id in Gebied.objects.filter(
            niveau=codes.BUURT, ouder__ouder__code=settings.GEMEENTE_CODE
        ).values_list("code", "id", "ouder_id")
    }


def _plaats(
    r: RuweMelding,
    buurten: dict[str, tuple[int, int]],
    grenzen_cache: dict[int, Grenzen],
    fouten: list[Fout],
    overgeslagen: list[Fout],
) -> tuple[int, int, int | None] | None:
    """(buurt id, wijk id, boundary year) or None (with the reason in `fouten` or `overgeslagen`)."""
    if r.lon is not None:
        jaar = timezone.localtime(r.gemeld_op).year
        grenzen = grenzen_cache.setdefault(jaar, buurtgrenzen(jaar))
        if not grenzen.buurten:
            fouten.append(Fout(r.regel, f"er zijn geen buurtgrenzen van {jaar} of eerder geladen", r.soort))
            return None
        assert r.lat is not None  # the readers give both coordinates or neither
        try:
            buurt = zoek_buurt(r.lon, r.lat, grenzen)
        except BuitenGemeente as exc:
            overgeslagen.append(Fout(r.regel, f"{exc} Niet geïmporteerd.", r.soort))
            return None
        code, grens_jaar = buurt.code, grenzen.jaar
    else:
        assert r.buurtcode is not None  # the readers give a point or a buurt code
        code, grens_jaar = r.buurtcode, None
    if code in buurten:
        return (*buurten[code], grens_jaar)
    if not code.startswith(f"BU{settings.GEMEENTE_CODE[2:]}"):
        overgeslagen.append(
            Fout(r.regel, f"buurt {code} ligt niet in {settings.GEMEENTE_CODE}. Niet geïmporteerd.", r.soort)
        )
    else:
        fouten.append(Fout(r.regel, f"onbekende buurtcode {code} (niet in de geladen buurten)", r.soort))
    return None


@transaction.atomic
def meldingen_importeren(
    *,
    rijen: list[RuweMelding],
    bron: str,
    fouten: list[Fout] | None = None,
    koppeling: Categoriekoppeling | None = None,
    bestand: str = "",
    nu: datetime | None = None,
) -> Rapport:
    """Validate and place every row, then write in one transaction: new reports created, changed ones updated,
    the same ones untouched. Any bad row (`fouten` from the reader included): ImportFout, nothing written."""
    fouten = list(fouten or [])
    bron = (bron or "").strip().lower()
    if not BRON.match(bron):
        raise ImportFout([Fout(None, f"'{bron[:40]}' is geen bronnaam (kleine letters, cijfers, '-')")], bestand)
    koppeling = koppeling or lees_koppeling()
    if bron not in koppeling.per_bron:
        raise ImportFout(
            [Fout(None, f"voor bron '{bron}' staat geen enkele categorie in {settings.MOR_CATEGORIEEN}; voeg ze toe")],
            bestand,
        )
    buurten = _buurten()
    grenzen: dict[int, Grenzen] = {}
    overgeslagen: list[Fout] = []
    gezien: dict[str, int] = {}
    goed: dict[str, dict] = {}
    for r in rijen:
        categorie = koppeling.zoek(bron, *r.kandidaten)
        if categorie is None:
            fouten.append(Fout(r.regel, f"categorie '{r.extern_categorie}' van bron {bron} staat niet in de koppeling "
                                        f"({settings.MOR_CATEGORIEEN}); voeg een regel toe", r.soort))  # fmt: skip
            continue
        if r.extern_id in gezien:
            fouten.append(Fout(r.regel, f"id '{r.extern_id}' staat ook op {r.soort} {gezien[r.extern_id]}", r.soort))
            continue
        gezien[r.extern_id] = r.regel
        plaats = _plaats(r, buurten, grenzen, fouten, overgeslagen)
        if plaats is None:
            continue
        buurt_id, wijk_id, grens_jaar = plaats
        goed[r.extern_id] = {
            "categorie": categorie, "extern_categorie": r.extern_categorie, "gemeld_op": r.gemeld_op,
            "lon": r.lon, "lat": r.lat, "buurt_id": buurt_id, "wijk_id": wijk_id, "grens_jaar": grens_jaar,
        }  # fmt: skip
    if fouten:
        raise ImportFout(sorted(fouten, key=lambda f: f.regel or 0), bestand)
    nu = nu or timezone.now()
    rapport = Rapport(gelezen=len(rijen), overgeslagen=sorted(overgeslagen, key=lambda f: f.regel or 0))
    ids = list(goed)
    bestaand = {}
    for i in range(0, len(ids), BATCH):
        bestaand.update(
            {
                m.extern_id: m
                for m in Melding.objects.select_for_update().filter(bron=bron, extern_id__in=ids[i : i + BATCH])
            }
        )
    nieuw, gewijzigd = [], []
    for extern_id, velden in goed.items():
        oud = bestaand.get(extern_id)
        if oud is None:
            nieuw.append(Melding(bron=bron, extern_id=extern_id, geimporteerd_op=nu, **velden))
        elif any(getattr(oud, k) != v for k, v in velden.items()):
            for k, v in velden.items():
                setattr(oud, k, v)
            oud.geimporteerd_op = nu
            gewijzigd.append(oud)
    for m in nieuw + gewijzigd:
        m.full_clean(exclude=["buurt", "wijk"], validate_unique=False, validate_constraints=False)
    Melding.objects.bulk_create(nieuw, batch_size=BATCH)
    Melding.objects.bulk_update(gewijzigd, [*VELDEN, "geimporteerd_op"], batch_size=BATCH)
    rapport.nieuw, rapport.gewijzigd = len(nieuw), len(gewijzigd)
    rapport.ongewijzigd = len(goed) - len(nieuw) - len(gewijzigd)
    return rapport


# --- publication ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MorPublicatie:
    meldingen: int
    indicatoren: int
    waarden: int
    nieuw: int
    gewijzigd: int
    verwijderd: int


def tellingen(gemeente: Gebied) -> list[cijfers.Meldingtelling]:
    """Per buurt, wijk and the gemeente, month and MOR category: the number of reports (1 grouped query)."""
    uit = []
    for wijk_id, buurt_id, maand, categorie, aantal in Melding.objects.per_maand():
        m = maand_van(timezone.localtime(maand) if timezone.is_aware(maand) else maand)
        uit += [cijfers.Meldingtelling(g, m, categorie, aantal) for g in (buurt_id, wijk_id, gemeente.id)]
    return uit


def mor_publiceren(*, nu: datetime | None = None) -> MorPublicatie:
    """Count the reports per buurt, wijk and gemeente per month and MOR category, as counts and per 1,000
    inhabitants, and publish them as the indicators of dataset 'mor' (their values replaced as a whole)."""
    from indicatoren.services import indicator_opslaan, waarden_vervangen

    nu = nu or timezone.now()
    gemeente = Gebied.objects.get(code=settings.GEMEENTE_CODE)
    gebieden = {
        g.id: g.weergavenaam
        for g in Gebied.objects.filter(
            Q(pk=gemeente.pk) | Q(niveau=codes.WIJK, ouder=gemeente) | Q(niveau=codes.BUURT, ouder__ouder=gemeente)
        ).order_by("code")
    }
    alle = [t for t in tellingen(gemeente) if t.gebied_id in gebieden]
    defs = cijfers.definities(lees_koppeling().categorieen)
    lopend = f"{timezone.localdate(nu).year:04d}-{timezone.localdate(nu).month:02d}"
    maanden = cijfers.maanden_tussen(min(t.maand for t in alle), lopend) if alle else []
    rijen = cijfers.indicatorrijen(
        alle, gebieden=gebieden, inwoners=inwoners_per_jaar(gebieden), maanden=maanden, defs=defs, lopende_maand=lopend
    )
    bronnen = sorted(set(Melding.objects.values_list("bron", flat=True)))
    bron = f"Meldingen openbare ruimte ({', '.join(bronnen) or 'geen'}), geteld door het Wijkportaal"
    with transaction.atomic():
        for volgorde, d in enumerate(defs, start=1):
            indicator_opslaan(
                code=d.code,
                velden={
                    "naam": d.naam,
                    "eenheid": "per 1.000 inwoners" if d.per_duizend else "meldingen",
                    "decimalen": 2 if d.per_duizend else 0,
                    "definitie": d.definitie,
                    "bron": bron[:300],
                    "polariteit": "neutraal",
                    "absoluut": not d.per_duizend,
                    "soort": "basis",
                    "volgorde": 9500 + volgorde,
                    "venster": d.venster,
                },
                domein_code=DOMEIN,
                dataset_code=DATASET,
            )
        resultaat = waarden_vervangen(indicator_codes=[d.code for d in defs], rijen=rijen, bron=bron)
    return MorPublicatie(
        meldingen=sum(t.aantal for t in alle if t.gebied_id == gemeente.id),
        indicatoren=len(defs),
        waarden=len(rijen),
        nieuw=resultaat.nieuw,
        gewijzigd=resultaat.gewijzigd,
        verwijderd=resultaat.verwijderd,
    )
