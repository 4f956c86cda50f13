"""A partner's delivery of values through the API: the command line's import, plus who may deliver what.

The file is read by the same reader as `manage.py import_waarden` (`lees_lang`) and written by the same
service (`waarden_importeren`): the same checks (unknown indicator or area code, periods, duplicate
rows, statuses), all or nothing, and the same line-numbered report. On top of that, every row's
indicator must belong to a dataset the caller may deliver to (`indicatoren.regels.mag_leveren`); rows
that are not are reported with the others, and then nothing is written. An indicator the caller may
not even see is reported exactly like an unknown code: an upload does not reveal that it exists.
"""

from collections.abc import Iterable, Iterator
from pathlib import Path

from lib.importrapport import MAX_GEMELD, Fout, ImportFout, Rapport
from toegang.regels import Toegang

from ..importers import lees_lang
from ..models import Dataset, Indicator, Levering, Soort
from ..regels import mag_leveren
from ..services import ONBEKENDE_INDICATOR as ONBEKEND
from ..services import Invoerrij, waarden_importeren


def mag_ergens_leveren(toegang: Toegang) -> bool:
    """Whether this caller may deliver to any dataset at all (else the upload is a 403)."""
    datasets = Dataset.objects.values_list("eigenaar_id", "levering").distinct()
    return any(mag_leveren(toegang, eigenaar_id, levering) for eigenaar_id, levering in datasets)


def _alleen_toegestaan(rijen: Iterable[Invoerrij], toegang: Toegang) -> Iterator[Invoerrij]:
    """Marks rows whose indicator the caller may not deliver as bad (unknown codes are left to the service,
    and an indicator the caller may not see gets the service's words for an unknown one)."""
    per_code = {
        code: (eigenaar_id, levering, dataset, soort)
        for code, eigenaar_id, levering, dataset, soort in Indicator.objects.values_list(
            "code", "dataset__eigenaar_id", "dataset__levering", "dataset__code", "soort"
        )
    }
    # The same rule as every page and the API (a derived indicator also needs all its inputs readable).
    zichtbaar = set(Indicator.objects.zichtbaar_voor(toegang).values_list("code", flat=True))
    for rij in rijen:
        bekend = per_code.get(rij.indicator)
        if rij.fout or bekend is None:
            yield rij
            continue
        eigenaar_id, levering, dataset, soort = bekend
        if rij.indicator not in zichtbaar:
            yield rij._replace(fout=ONBEKEND.format(indicator=rij.indicator))
        elif soort == Soort.AFGELEID:
            yield rij  # the service says it is computed, for everyone who may see it
        elif levering == Levering.DIENST:
            yield rij._replace(
                fout=f"u mag geen waarden leveren voor indicator '{rij.indicator}': dataset {dataset} wordt "
                "alleen door het Wijkportaal zelf geschreven"
            )
        elif not mag_leveren(toegang, eigenaar_id, levering):
            yield rij._replace(
                fout=f"u mag geen waarden leveren voor indicator '{rij.indicator}' (dataset {dataset}: "
                + ("is van een andere organisatie)" if eigenaar_id != toegang.organisatie_id else "uw rol levert niet)")
            )
        else:
            yield rij


def _geteld(rijen: Iterable[Invoerrij], voortgang, elke: int = 1000) -> Iterator[Invoerrij]:
    for n, rij in enumerate(rijen, start=1):
        if n % elke == 0:
            voortgang(f"{n} rijen gecontroleerd")
        yield rij


def waarden_leveren(pad: Path, *, toegang: Toegang, bron: str, bestandsnaam: str, voortgang=None) -> Rapport:
    """Validate and import one delivered file; raises ImportFout (nothing written) with every bad row.
    `voortgang(tekst)`, when given, hears every 1,000 rows checked (a background job reports it)."""
    rijen = _alleen_toegestaan(lees_lang(pad), toegang)
    if voortgang is not None:
        rijen = _geteld(rijen, voortgang)
    try:
        return waarden_importeren(rijen, bron=bron, bestand=bestandsnaam, voortgang=voortgang)
    except ImportFout as exc:
        exc.bestand = bestandsnaam  # report the client's file name, not the temporary path
        raise


def fouten_lijst(exc: ImportFout) -> list[dict]:
    """The first MAX_GEMELD problems (the answer states how many there are in all)."""
    return [{"regel": f.regel, "melding": f.melding} for f in exc.fouten[:MAX_GEMELD]]


__all__ = ["MAX_GEMELD", "Fout", "ImportFout", "fouten_lijst", "mag_ergens_leveren", "waarden_leveren"]
