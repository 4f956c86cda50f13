"""The indicator catalogue (portal-owned definitions): one CSV of indicators, domains and formulas."""

from pathlib import Path

from django.db import transaction

from lib.importrapport import Fout, ImportFout, Rapport

from ..lezers import (
    cellen_als_tekst,
    lees_tabel,
)
from ..models import Indicator
from ..services import Voortgang

# --- the indicator catalogue (portal-owned definitions) --------------------------------------------

CATALOGUS_KOLOMMEN = (
    "code",
    "naam",
    "domein",
    "eenheid",
    "decimalen",
    "polariteit",
    "onthullingsdrempel",
    "soort",
    "formule",
    "bron",
    "definitie",
    "absoluut",
    "kernset",
    "dataset",
)


def _ja_nee(tekst: str) -> bool:
    waarde = tekst.strip().lower()
    if waarde in {"ja", "j", "1", "true", "waar"}:
        return True
    if waarde in {"nee", "n", "0", "false", "onwaar"}:
        return False
    raise ValueError(f"'{tekst}' is geen ja of nee")


def catalogus_importeren(pad: str | Path, *, voortgang: Voortgang | None = None) -> Rapport:
    """Indicator definitions from a CSV: new series, derived indicators, and the portal's
    choices (domain, polarity, threshold) for CBS measures. An empty cell leaves a field as it is.
    """
    from django.core.exceptions import ValidationError

    from ..models import Dataset, Domein, Polariteit
    from ..services import afgeleide_herberekenen, indicator_opslaan, kernset_standaard_zetten

    pad = Path(pad)
    tabel = lees_tabel(pad)
    ontbrekend = [k for k in ("code", "domein") if k not in tabel.kolommen]
    if ontbrekend:
        raise ImportFout([Fout(1, f"kolom(men) ontbreken: {', '.join(ontbrekend)}")], str(pad))
    domeinen = set(Domein.objects.values_list("code", flat=True))
    datasets = set(Dataset.objects.values_list("code", flat=True))
    rijen = [
        (regel, dict(zip(tabel.kolommen, (cellen_als_tekst(c) for c in cellen), strict=True)))
        for regel, cellen in tabel.rijen
    ]
    # Measured indicators first, then derived ones after every derived indicator their formula
    # uses, so formulas can refer to indicators defined anywhere in the same file.
    diepte, fouten, in_kring = _formule_volgorde(rijen)
    rijen.sort(key=lambda r: diepte.get(r[1].get("code", ""), -1))
    rapport = Rapport(gelezen=len(rijen))
    codes_gezien: dict[str, int] = {}
    with transaction.atomic():
        for regel, rij in rijen:
            code = rij.get("code", "")
            if not code:
                fouten.append(Fout(regel, "code is leeg"))
                continue
            if code in codes_gezien:
                fouten.append(Fout(regel, f"{code} staat dubbel (ook regel {codes_gezien[code]})"))
                continue
            codes_gezien[code] = regel
            if code in in_kring:
                continue
            velden: dict[str, str | int | float | bool] = {}
            try:
                for veld in ("naam", "eenheid", "bron", "definitie", "formule", "soort", "polariteit"):
                    if rij.get(veld):
                        velden[veld] = rij[veld]
                if rij.get("decimalen"):
                    velden["decimalen"] = int(rij["decimalen"])
                if rij.get("onthullingsdrempel"):
                    velden["onthullingsdrempel"] = float(rij["onthullingsdrempel"].replace(",", "."))
                if rij.get("absoluut"):
                    velden["absoluut"] = _ja_nee(rij["absoluut"])
                kernset = _ja_nee(rij["kernset"]) if rij.get("kernset") else None
            except (ValueError, OverflowError) as exc:
                fouten.append(Fout(regel, f"{code}: {exc}"))
                continue
            if velden.get("polariteit") and velden["polariteit"] not in Polariteit.values:
                fouten.append(Fout(regel, f"{code}: onbekende polariteit '{velden['polariteit']}'"))
                continue
            domein = rij.get("domein") or None
            if domein and domein not in domeinen:
                fouten.append(Fout(regel, f"{code}: onbekend domein '{domein}'"))
                continue
            dataset = rij.get("dataset") or None
            if dataset and dataset not in datasets:
                fouten.append(Fout(regel, f"{code}: onbekende dataset '{dataset}'"))
                continue
            try:
                with transaction.atomic():
                    indicator, uitkomst = indicator_opslaan(
                        code=code, velden=velden, domein_code=domein, dataset_code=dataset
                    )
                    if kernset is not None and kernset_standaard_zetten(indicator, kernset, volgorde=regel):
                        uitkomst = "gewijzigd" if uitkomst == "ongewijzigd" else uitkomst
            except ValidationError as exc:
                meldingen = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
                fouten.append(Fout(regel, f"{code}: {meldingen}"))
                continue
            setattr(rapport, uitkomst, getattr(rapport, uitkomst) + 1)
        if fouten:
            raise ImportFout(sorted(fouten, key=lambda f: f.regel or 0), str(pad))
        afgeleide_herberekenen(voortgang=voortgang)
    return rapport


def _formule_volgorde(rijen: list[tuple[int, dict]]) -> tuple[dict[str, int], list[Fout], set[str]]:
    """Per derived indicator (the file's formulas over the database's) its depth in the formula
    graph: 0 uses no derived indicator, 1 uses one of depth 0, and so on. A circular reference
    is an error on the first of its lines in the file, naming the others.
    """
    from ..formules import FormuleFout, parse_formule, volgorde_en_kringen
    from ..models import Soort

    formules = dict(Indicator.objects.afgeleid().values_list("code", "formule"))
    regel_van: dict[str, int] = {}
    for regel, rij in rijen:
        code = rij.get("code", "")
        if not code or code in regel_van:
            continue
        regel_van[code] = regel
        soort = rij.get("soort") or (Soort.AFGELEID if code in formules else Soort.BASIS)
        if soort != Soort.AFGELEID:
            formules.pop(code, None)
        elif rij.get("formule"):
            formules[code] = rij["formule"]
    gebruikt = {}
    for code, tekst in formules.items():
        try:
            gebruikt[code] = sorted(parse_formule(tekst).namen & formules.keys())
        except FormuleFout:
            gebruikt[code] = []  # reported with its line when the row is saved
    volgorde, kringen = volgorde_en_kringen(gebruikt)
    diepte: dict[str, int] = {}
    for code in volgorde:  # inputs first; a circle's closing reference counts as depth 0
        diepte[code] = max((diepte.get(n, 0) + 1 for n in gebruikt[code]), default=0)
    fouten: list[Fout] = []
    in_kring: set[str] = set()
    for kring in kringen:
        in_kring.update(kring)
        regels = sorted({regel_van[c] for c in kring if c in regel_van})
        ook = f" (ook regel {', '.join(map(str, regels[1:]))})" if len(regels) > 1 else ""
        fouten.append(Fout(regels[0] if regels else None, f"kringverwijzing in formules: {' -> '.join(kring)}{ook}"))
    return diepte, fouten, in_kring
