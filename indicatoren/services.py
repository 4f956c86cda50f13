"""Write paths of the indicatoren app. Views, commands and the API call these; nothing else writes.

All imports follow one rule: read and validate everything, report every bad row with its
line number, write nothing when any row is bad (unless skip_bad), and write in one transaction.
"""

import gc
from collections.abc import Callable, Iterable
from typing import NamedTuple

from django.db import transaction

from lib.importrapport import Fout, ImportFout, Rapport
from lib.perioden import OngeldigePeriode, normaliseer_periode
from wijken.models import Gebied

# Computed values (derived indicators, sums of buurten) live in afgeleid.py; they are write paths too and
# are called through this module like every other write.
from .afgeleid import afgeleide_herberekenen as afgeleide_herberekenen
from .afgeleid import afgeleide_invoer_bijwerken
from .afgeleid import som_van_buurten as som_van_buurten
from .cache import cijfers_gewijzigd
from .cbs import CbsMaat, Gelezen
from .models import STATUS_MET_WAARDE, CbsSleutel, Dataset, Domein, Indicator, Soort, Status, Waarde
from .schrijven import Schrijfrij, waarden_schrijven

Voortgang = Callable[[str], None]
# One wording for an unknown indicator, also used for one the caller may not see (api/levering.py).
ONBEKENDE_INDICATOR = "onbekende indicator '{indicator}'"
VOORTGANG_ELKE = 250_000


class Invoerrij(NamedTuple):
    """One value as read from a file, before validation."""

    regel: int
    gebied: str
    indicator: str
    periode: object
    gelezen: Gelezen | None  # None when the cell could not be read; `fout` then says why
    bron: str = ""
    fout: str = ""


def waarden_importeren(
    rijen: Iterable[Invoerrij],
    *,
    bron: str,
    skip_bad: bool = False,
    bestand: str | None = None,
    voortgang: Voortgang | None = None,
    herbereken: bool = True,
    regelsoort: str = "regel",
) -> Rapport:
    """Validate and write values; all or nothing unless skip_bad. Recomputes derived indicators."""
    indicatoren = dict(Indicator.objects.values_list("code", "id"))
    afgeleid = set(Indicator.objects.afgeleid().values_list("code", flat=True))
    gebieden = dict(Gebied.objects.values_list("code", "id"))
    fouten: list[Fout] = []
    goed: list[Schrijfrij] = []
    gezien: dict[tuple[int, int, str], int] = {}
    periodes_cache: dict[object, str] = {}
    gelezen = 0
    # This loop runs once per value (millions for a national KWB file): plain locals, one lookup each.
    invoerbaar = {code: id_ for code, id_ in indicatoren.items() if code not in afgeleid}
    bewaar = goed.append

    # Millions of small objects that all stay alive: the cycle collector would only rescan them
    # again and again (a third of the time for a national file). Nothing here makes cycles.
    gc_aan = gc.isenabled()
    gc.disable()
    try:
        for rij in rijen:
            gelezen += 1
            if voortgang and gelezen % VOORTGANG_ELKE == 0:
                voortgang(f"{gelezen} waarden gelezen en gecontroleerd")
            regel, gebied, indicator, ruwe_periode, g, rij_bron, fout = rij
            if fout:
                fouten.append(Fout(regel, fout))
                continue
            indicator_id = invoerbaar.get(indicator)
            if indicator_id is None:
                if indicator in afgeleid:
                    fouten.append(Fout(regel, f"'{indicator}' is afgeleid en wordt berekend; lever de invoer"))
                else:
                    fouten.append(Fout(regel, ONBEKENDE_INDICATOR.format(indicator=indicator)))
                continue
            gebied_id = gebieden.get(gebied)
            if gebied_id is None:
                fouten.append(Fout(regel, f"onbekende gebiedscode '{gebied}'"))
                continue
            periode = periodes_cache.get(ruwe_periode)
            if periode is None:
                try:
                    periode = periodes_cache[ruwe_periode] = normaliseer_periode(ruwe_periode)
                except OngeldigePeriode as exc:
                    fouten.append(Fout(regel, str(exc)))
                    continue
            sleutel = (indicator_id, gebied_id, periode)
            if (eerder := gezien.get(sleutel)) is not None:
                fouten.append(
                    Fout(regel, f"dubbele rij: {indicator} / {gebied} / {periode} staat ook op regel {eerder}")
                )
                continue
            gezien[sleutel] = regel
            assert g is not None  # every row without `fout` carries its read cell (Invoerrij's contract)
            bewaar(Schrijfrij(indicator_id, gebied_id, periode, g.waarde, g.status, rij_bron or bron, g.toelichting))
    finally:
        if gc_aan:
            gc.enable()

    if regelsoort != "regel":  # JSON records and GeoJSON features are counted, not lines
        fouten = [Fout(f.regel, f.melding, regelsoort) for f in fouten]
    if gelezen == 0:
        raise ImportFout([Fout(None, "het bestand bevat geen waarden")], bestand)
    if fouten and not skip_bad:
        raise ImportFout(fouten, bestand)
    if not goed:
        raise ImportFout(fouten or [Fout(None, "geen enkele geldige waarde")], bestand)

    with transaction.atomic():
        telling = waarden_schrijven(goed, voortgang=voortgang)
        if herbereken:
            afgeleide_herberekenen(
                gebied_ids={r.gebied_id for r in goed},
                perioden={r.periode for r in goed},
                voortgang=voortgang,
            )
    return Rapport(
        gelezen=gelezen,
        nieuw=telling.nieuw,
        gewijzigd=telling.gewijzigd,
        ongewijzigd=telling.ongewijzigd,
        overgeslagen=fouten,
    )


def cbs_metadata_importeren(maten: list[CbsMaat], *, tabel: str, bron: str, dataset_code: str | None = None) -> Rapport:
    """Create or update indicators from CBS DataProperties and remember which key feeds which.

    Only CBS-owned fields (name, unit, decimals, definition, group, source) are updated;
    the portal's own choices (domain, polarity, disclosure threshold) are left as a beheerder set them.
    """
    domeinen = {d.code: d for d in Domein.objects.all()}
    dataset = Dataset.objects.get(code=dataset_code or CBS_DATASET)
    bestaand = Indicator.objects.in_bulk([m.code for m in maten], field_name="code")
    sleutels = {s.sleutel: s for s in CbsSleutel.objects.filter(tabel=tabel).select_related("indicator")}
    rapport = Rapport(gelezen=len(maten))
    with transaction.atomic():
        for volgorde, maat in enumerate(maten, start=1):
            velden = {
                "naam": maat.naam[:200],
                "eenheid": maat.eenheid[:60],
                "decimalen": maat.decimalen,
                "definitie": maat.definitie,
                "cbs_groep": maat.groep[:300],
                "bron": bron[:300],
            }
            indicator = bestaand.get(maat.code)
            if indicator is None:
                # absoluut is the portal's to change afterwards, so it is only set on creation.
                indicator = Indicator.objects.create(
                    code=maat.code,
                    domein=domeinen[maat.domein],
                    dataset=dataset,
                    volgorde=volgorde,
                    absoluut=maat.absoluut,
                    **velden,
                )
                rapport.nieuw += 1
            elif any(getattr(indicator, k) != v for k, v in velden.items()):
                for k, v in velden.items():
                    setattr(indicator, k, v)
                indicator.save(update_fields=list(velden))
                rapport.gewijzigd += 1
            else:
                rapport.ongewijzigd += 1
            koppeling = sleutels.get(maat.sleutel)
            if koppeling is None:
                CbsSleutel.objects.create(tabel=tabel, sleutel=maat.sleutel, indicator=indicator)
            elif koppeling.indicator_id != indicator.id:
                koppeling.indicator = indicator
                koppeling.save(update_fields=["indicator"])
    return rapport


CBS_DATASET = "cbs-kwb"
AFGELEID_DATASET = "wijkportaal"


def indicator_opslaan(
    *, code: str, velden: dict, domein_code: str | None, dataset_code: str | None = None
) -> tuple[Indicator, str]:
    """Create or update one indicator definition from the catalogue; validates formulas.

    Returns the indicator and 'nieuw', 'gewijzigd' or 'ongewijzigd'.
    """
    bestaand = Indicator.objects.filter(code=code).first()
    nieuw = bestaand is None
    indicator = Indicator(code=code) if bestaand is None else bestaand
    voor = {f.attname: getattr(indicator, f.attname) for f in Indicator._meta.concrete_fields}
    if domein_code:
        indicator.domein = Domein.objects.get(code=domein_code)
    if dataset_code:
        indicator.dataset = Dataset.objects.get(code=dataset_code)
    elif nieuw and velden.get("soort") == Soort.AFGELEID:
        indicator.dataset = Dataset.objects.get(code=AFGELEID_DATASET)
    for k, v in velden.items():
        setattr(indicator, k, v)
    if indicator.soort == Soort.BASIS:
        indicator.formule = ""
    na = {f.attname: getattr(indicator, f.attname) for f in Indicator._meta.concrete_fields}
    if not nieuw and voor == na:
        return indicator, "ongewijzigd"
    indicator.full_clean()
    indicator.save()
    if indicator.soort == Soort.AFGELEID or voor["soort"] == Soort.AFGELEID:
        afgeleide_invoer_bijwerken()
    return indicator, "nieuw" if nieuw else "gewijzigd"


def kernset_standaard_zetten(indicator: Indicator, in_kernset: bool, *, volgorde: int = 0) -> bool:
    """Put an indicator in or out of the default kernset (all wijken); True when that changed."""
    from .models import KernsetItem

    bestaand = KernsetItem.objects.filter(gebied__isnull=True, indicator=indicator)
    if in_kernset and not bestaand.exists():
        KernsetItem.objects.create(gebied=None, indicator=indicator, volgorde=volgorde)
        return True
    if not in_kernset and bestaand.exists():
        bestaand.delete()
        return True
    return False


class Vervanging(NamedTuple):
    nieuw: int
    gewijzigd: int
    ongewijzigd: int
    verwijderd: int


def waarden_vervangen(*, indicator_codes: Iterable[str], rijen: Iterable, bron: str) -> Vervanging:
    """Replace ALL values of the given indicators by `rijen`, atomically (a computed publication such as
    the signalen figures: a value that is no longer computed disappears).

    rijen: (indicator code, gebied id, periode, waarde, status, toelichting). Everything is validated
    first; any bad row raises ImportFout and nothing is written. Unchanged values are not touched."""
    codes = list(dict.fromkeys(indicator_codes))
    indicatoren = dict(Indicator.objects.filter(code__in=codes).values_list("code", "id"))
    fouten: list[Fout] = [Fout(None, f"onbekende indicator '{c}'") for c in codes if c not in indicatoren]
    gebied_ids = set(Gebied.objects.values_list("id", flat=True))
    goed: list[Schrijfrij] = []
    gezien: set[tuple[int, int, str]] = set()
    for regel, rij in enumerate(rijen, start=1):
        code, gebied_id, ruwe_periode, waarde, status, toelichting = rij
        indicator_id = indicatoren.get(code)
        if indicator_id is None:
            if code not in codes:
                fouten.append(Fout(regel, f"indicator '{code}' hoort niet bij deze vervanging"))
            continue
        if gebied_id not in gebied_ids:
            fouten.append(Fout(regel, f"onbekend gebied {gebied_id}"))
            continue
        try:
            periode = normaliseer_periode(ruwe_periode)
        except OngeldigePeriode as exc:
            fouten.append(Fout(regel, str(exc)))
            continue
        if status not in Status.values:
            fouten.append(Fout(regel, f"onbekende status '{status}'"))
            continue
        if (waarde is None) == (status in STATUS_MET_WAARDE):
            fouten.append(Fout(regel, f"status '{status}' past niet bij waarde {waarde!r}"))
            continue
        sleutel = (indicator_id, gebied_id, periode)
        if sleutel in gezien:
            fouten.append(Fout(regel, f"dubbele rij: {code} / {gebied_id} / {periode}"))
            continue
        gezien.add(sleutel)
        goed.append(Schrijfrij(indicator_id, gebied_id, periode, waarde, status, bron[:300], (toelichting or "")[:300]))
    if fouten:
        raise ImportFout(fouten)
    with transaction.atomic():
        telling = waarden_schrijven(goed)
        weg = [
            pk
            for pk, indicator_id, gebied_id, periode in Waarde.objects.filter(
                indicator_id__in=indicatoren.values()
            ).values_list("id", "indicator_id", "gebied_id", "periode")
            if (indicator_id, gebied_id, periode) not in gezien
        ]
        verwijderd = 0
        for start in range(0, len(weg), 10_000):
            verwijderd += Waarde.objects.filter(pk__in=weg[start : start + 10_000]).delete()[0]
        if verwijderd:
            cijfers_gewijzigd()
    return Vervanging(telling.nieuw, telling.gewijzigd, telling.ongewijzigd, verwijderd)


@transaction.atomic
def dataset_aanmaken(
    *, code: str, naam: str, eigenaar_code: str, zichtbaarheid: str, beschrijving: str = "", licentie: str = ""
) -> tuple[Dataset, bool]:
    """The dataset with this code, created when it does not exist yet (an existing one, possibly edited by a
    beheerder since, is left as it is). Returns (dataset, created)."""
    from toegang.models import Organisatie

    bestaand = Dataset.objects.filter(code=code).first()
    if bestaand is not None:
        return bestaand, False
    dataset = Dataset(
        code=code,
        naam=naam,
        eigenaar=Organisatie.objects.get(code=eigenaar_code),
        zichtbaarheid=zichtbaarheid,
        beschrijving=beschrijving,
        licentie=licentie,
    )
    dataset.full_clean()
    dataset.save()
    return dataset, True
