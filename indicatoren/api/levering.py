"""A partner's delivery of values through the API: the command line's import, plus who may deliver what.

The file is read by the same reader as `manage.py import_waarden` (`lees_lang`) and written by the same
service (`waarden_importeren`): the same checks (unknown indicator or area code, periods, duplicate
rows, statuses), all or nothing, and the same line-numbered report. On top of that, every row's
indicator must belong to a dataset the caller may deliver to (`toegang.regels.mag_leveren`); rows
that are not are reported with the others, and then nothing is written.
"""

from collections.abc import Iterable, Iterator
from pathlib import Path

from toegang.regels import Toegang, mag_leveren
from wijken.importrapport import Fout, ImportFout, Rapport

from ..importers import lees_lang
from ..models import Dataset, Indicator
from ..services import Rij, waarden_importeren


def mag_ergens_leveren(toegang: Toegang) -> bool:
    """Whether this caller may deliver to any dataset at all (else the upload is a 403)."""
    if mag_leveren(toegang, None):
        return True
    eigenaars = Dataset.objects.values_list("eigenaar_id", flat=True).distinct()
    return any(mag_leveren(toegang, e) for e in eigenaars)


def _alleen_toegestaan(rijen: Iterable[Rij], toegang: Toegang) -> Iterator[Rij]:
    """Marks rows whose indicator the caller may not deliver as bad (unknown codes are left to the service)."""
    eigenaar_en_set = {
        code: (eigenaar_id, dataset)
        for code, eigenaar_id, dataset in Indicator.objects.values_list("code", "dataset__eigenaar_id", "dataset__code")
    }
    for rij in rijen:
        bekend = eigenaar_en_set.get(rij.indicator)
        if rij.fout or bekend is None or mag_leveren(toegang, bekend[0]):
            yield rij
        else:
            yield rij._replace(
                fout=f"u mag geen waarden leveren voor indicator '{rij.indicator}' (dataset {bekend[1]} "
                "is van een andere organisatie)"
            )


def waarden_leveren(pad: Path, *, toegang: Toegang, bron: str, bestandsnaam: str) -> Rapport:
    """Validate and import one delivered file; raises ImportFout (nothing written) with every bad row."""
    try:
        return waarden_importeren(_alleen_toegestaan(lees_lang(pad), toegang), bron=bron, bestand=bestandsnaam)
    except ImportFout as exc:
        exc.bestand = bestandsnaam  # report the client's file name, not the temporary path
        raise


def fouten_lijst(exc: ImportFout) -> list[dict]:
    return [{"regel": f.regel, "melding": f.melding} for f in exc.fouten]


__all__ = ["Fout", "ImportFout", "fouten_lijst", "mag_ergens_leveren", "waarden_leveren"]
