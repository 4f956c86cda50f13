"""Computed values of the indicatoren app: derived indicators (formulas over other indicators, with the
inputs' disclosure thresholds) and sums of buurten. Write paths like those of `services.py`, which
re-exports them: read everything, compute, write in one transaction through `schrijven.waarden_schrijven`."""

import re
from collections.abc import Callable

from django.db import transaction

from lib.importrapport import Fout, ImportFout
from wijken.models import Gebied

from .formules import FormuleFout, parse_formule, rekenvolgorde
from .models import STATUS_MET_WAARDE, Indicator, Status, Waarde
from .schrijven import Schrijfrij, Schrijftelling, waarden_schrijven

Voortgang = Callable[[str], None]


def afgeleide_herberekenen(
    *,
    gebied_ids: set[int] | None = None,
    perioden: set[str] | None = None,
    voortgang: Voortgang | None = None,
) -> Schrijftelling:
    """(Re)compute every derived indicator for the given gebieden and periods (None: all).

    A result is only a number when every input is a number; otherwise it gets status
    'onbekend' with the reason, never a 0.
    """
    afgeleide = list(Indicator.objects.afgeleid())
    if not afgeleide:
        return Schrijftelling(0, 0, 0)
    try:
        formules = {i.code: parse_formule(i.formule) for i in afgeleide}
        volgorde = rekenvolgorde(formules)
    except FormuleFout as exc:
        raise ImportFout([Fout(None, f"afgeleide indicator: {exc}")]) from exc
    afgeleide_invoer_bijwerken(formules)
    per_code = {i.code: i for i in afgeleide}
    invoer = set().union(*(f.namen for f in formules.values())) - set(formules)
    # A derived value inherits its inputs' disclosure thresholds: 100 * Mannen / AantalInwoners would
    # give Mannen away exactly while Mannen itself is withheld.
    drempels = dict(
        Indicator.objects.filter(code__in=invoer, onthullingsdrempel__isnull=False).values_list(
            "code", "onthullingsdrempel"
        )
    )
    qs = Waarde.objects.filter(indicator__code__in=invoer)
    if gebied_ids is not None and len(gebied_ids) <= 5000:
        qs = qs.filter(gebied_id__in=gebied_ids)
    if perioden is not None:
        qs = qs.filter(periode__in=perioden)
    cellen: dict[tuple[int, str], dict[str, tuple]] = {}
    for code, gebied_id, periode, waarde, status, bron in qs.values_list(
        "indicator__code", "gebied_id", "periode", "waarde", "status", "bron"
    ).iterator(chunk_size=20_000):
        cellen.setdefault((gebied_id, periode), {})[code] = (waarde, status, bron)
    if voortgang:
        voortgang(f"afgeleide indicatoren berekenen voor {len(cellen)} gebied-perioden")

    uit: list[Schrijfrij] = []
    for code in volgorde:
        indicator, formule = per_code[code], formules[code]
        for (gebied_id, periode), bekend in cellen.items():
            # Only where every input was delivered; a delivered input without a number
            # (secret, unknown) makes the result 'onbekend' with that reason.
            if not all(n in bekend for n in formule.namen):
                continue
            waarde, status, toelichting = _bereken(formule, bekend, drempels)
            bronnen = sorted({bekend[n][2] for n in formule.namen if n in bekend and bekend[n][2]})
            bron = f"Berekend: {formule.tekst} (bron: {'; '.join(bronnen)})"[:300]
            bekend[code] = (waarde, status, bron)
            uit.append(Schrijfrij(indicator.id, gebied_id, periode, waarde, status, bron, toelichting[:300]))
    with transaction.atomic():
        telling = waarden_schrijven(uit)
        ander = afgeleide_ander_jaar_aanvullen(gebied_ids=gebied_ids)
    return Schrijftelling(*(a + b for a, b in zip(telling, ander, strict=True)))


# Derived indicators whose denominator may come from another year when that of the numerator's year is
# not loaded (crime 2023 per 1,000 inhabitants: KWB 2024 counts inhabitants on 1 January 2024). The value
# then says so in its toelichting; once the same year is loaded, the ordinary computation replaces it.
NOEMER_ANDER_JAAR = {"MisdrijvenPer1000Inwoners": "AantalInwoners"}


def afgeleide_ander_jaar_aanvullen(*, gebied_ids: set[int] | None = None) -> Schrijftelling:
    """Fill the indicators of NOEMER_ANDER_JAAR where the numerator has a value and the denominator
    only exists for other years: the nearest year (the later one on a tie), stated in the toelichting."""
    per_code = {i.code: i for i in Indicator.objects.afgeleid().filter(code__in=NOEMER_ANDER_JAAR)}
    uit: list[Schrijfrij] = []
    for code, indicator in per_code.items():
        noemer = NOEMER_ANDER_JAAR[code]
        formule = parse_formule(indicator.formule)
        tellers = formule.namen - {noemer}
        if noemer not in formule.namen or len(tellers) != 1:
            continue
        [teller] = tellers
        qs = Waarde.objects.filter(indicator__code__in=[teller, noemer, code])
        if gebied_ids is not None and len(gebied_ids) <= 5000:
            qs = qs.filter(gebied_id__in=gebied_ids)
        cellen: dict[int, dict[str, dict[str, tuple]]] = {}
        for c, gebied_id, periode, waarde, status, bron, toelichting in qs.values_list(
            "indicator__code", "gebied_id", "periode", "waarde", "status", "bron", "toelichting"
        ):
            cellen.setdefault(gebied_id, {}).setdefault(c, {})[periode] = (waarde, status, bron, toelichting)
        namen, drempels = {}, {}
        for c, naam, drempel in Indicator.objects.filter(code__in=[teller, noemer]).values_list(
            "code", "naam", "onthullingsdrempel"
        ):
            namen[c] = naam
            if drempel is not None:
                drempels[c] = drempel  # the inputs' thresholds hold here too (see afgeleide_herberekenen)
        for gebied_id, per_ind in cellen.items():
            noemers = per_ind.get(noemer, {})
            for periode, t in per_ind.get(teller, {}).items():
                if periode in noemers or len(periode) != 4 or not noemers:
                    continue  # the same year is there: the ordinary computation covers it
                jaren = [p for p in noemers if len(p) == 4]
                if not jaren:
                    continue
                ander = min(jaren, key=lambda p: (abs(int(p) - int(periode)), -int(p)))
                n = noemers[ander]
                bekend = {teller: t[:3], noemer: n[:3]}
                waarde, status, reden = _bereken(formule, bekend, drempels)
                t_naam, n_naam = namen.get(teller, teller).lower(), namen.get(noemer, noemer).lower()
                verschil = f"{t_naam} van {periode}, {n_naam} van {ander} ({n_naam} van {periode} is niet geladen)"
                toelichting = f"Let op: {verschil}" + (f"; {reden}" if reden else "")
                bronnen = sorted({_kort(b) for b in (t[2], n[2]) if b})
                bron = f"Berekend: {formule.tekst}; let op: {verschil} (bron: {'; '.join(bronnen)})"
                uit.append(Schrijfrij(indicator.id, gebied_id, periode, waarde, status, bron[:300], toelichting[:300]))
    return waarden_schrijven(uit)


def _kort(bron: str) -> str:
    """A source as its publisher and table ids: 'CBS, KWB 2024 (85984NED), via GitHub x, CC BY 4.0' ->
    'CBS (85984NED)', so the source of a computed value stays readable within 300 characters."""
    tabellen = list(dict.fromkeys(re.findall(r"\d{5}NED", bron)))
    if not tabellen:
        return bron
    return f"{bron.split(',')[0].strip()} ({', '.join(tabellen)})"


SOM_BRON = "Som van alle "


@transaction.atomic
def som_van_buurten(*, indicator_code: str, gemeente_code: str) -> Schrijftelling:
    """Per wijk and for the gemeente, the sum of its buurten -- only where EVERY buurt has a number
    (a partial sum would understate the total), and never over a figure CBS published itself.
    The toelichting says so: "som van alle 62 buurten". A sum that is no longer complete is removed.
    """
    indicator = Indicator.objects.get(code=indicator_code)
    if not indicator.absoluut:
        raise ImportFout([Fout(None, f"{indicator_code} is geen aantal: buurten optellen heeft geen betekenis")])
    gemeente = Gebied.objects.get(code=gemeente_code)
    buurten = list(Gebied.objects.filter(ouder__ouder=gemeente, niveau="buurt").values_list("id", "ouder_id"))
    groepen: dict[int, set[int]] = {gemeente.id: {b for b, _ in buurten}}
    for buurt, wijk in buurten:
        groepen.setdefault(wijk, set()).add(buurt)
    waarden = Waarde.objects.filter(indicator=indicator)
    per_periode: dict[str, dict[int, tuple]] = {}
    eigen: dict[tuple[int, str], str] = {}
    rijen = waarden.values_list("gebied_id", "periode", "waarde", "status", "bron")
    for gebied_id, periode, waarde, status, bron in rijen:
        if gebied_id in groepen:
            eigen[(gebied_id, periode)] = bron
        else:
            per_periode.setdefault(periode, {})[gebied_id] = (waarde, status, bron)
    uit, weg = [], []
    for periode, per_buurt in per_periode.items():
        for gebied_id, leden in groepen.items():
            bestaande_bron = eigen.get((gebied_id, periode))
            if bestaande_bron is not None and not bestaande_bron.startswith(SOM_BRON):
                continue  # CBS's own wijk or gemeente figure
            gelezen = [per_buurt.get(b) for b in leden]
            if not leden or any(c is None or c[1] not in STATUS_MET_WAARDE for c in gelezen):
                if bestaande_bron is not None:
                    weg.append((gebied_id, periode))
                continue
            cellen = [c for c in gelezen if c is not None]  # all of them: checked just above
            status = Status.BESCHIKBAAR if all(c[1] == Status.BESCHIKBAAR for c in cellen) else Status.VOORLOPIG
            bronnen = "; ".join(sorted({c[2] for c in cellen if c[2]}))
            uit.append(
                Schrijfrij(
                    indicator.id,
                    gebied_id,
                    periode,
                    float(sum(c[0] for c in cellen)),
                    status,
                    f"Som van alle {len(leden)} buurten, berekend door het Wijkportaal (bron: {bronnen})"[:300],
                    f"som van alle {len(leden)} buurten",
                )
            )
    # A sum that is no longer complete goes, and so does what was computed from it.
    afhankelijk = [i.id for i in Indicator.objects.afgeleid() if indicator_code in parse_formule(i.formule).namen]
    for gebied_id, periode in weg:
        Waarde.objects.filter(
            indicator_id__in=[indicator.id, *afhankelijk], gebied_id=gebied_id, periode=periode
        ).delete()
    telling = waarden_schrijven(uit)
    afgeleide_herberekenen(gebied_ids=set(groepen), perioden=set(per_periode))
    return telling


def _bereken(formule, bekend: dict[str, tuple], drempels: dict[str, float]) -> tuple[float | None, str, str]:
    zonder_getal = sorted(
        n for n in formule.namen if bekend[n][1] not in STATUS_MET_WAARDE and bekend[n][1] != Status.ONDER_DREMPEL
    )
    if zonder_getal:
        redenen = ", ".join(f"{n} ({Status(bekend[n][1]).label})" for n in zonder_getal)
        return None, Status.ONBEKEND, f"invoer zonder getal: {redenen}"
    onder = sorted(
        n
        for n in formule.namen
        if bekend[n][1] == Status.ONDER_DREMPEL or (n in drempels and abs(bekend[n][0]) < drempels[n])
    )
    if onder:
        redenen = ", ".join(f"{n} (kleiner dan {drempels[n]:g})" if n in drempels else n for n in onder)
        return None, Status.ONDER_DREMPEL, f"onder de onthullingsdrempel van de invoer: {redenen}"
    try:
        waarde = formule.bereken({n: bekend[n][0] for n in formule.namen})
    except ZeroDivisionError:
        return None, Status.ONBEKEND, "deling door nul"
    voorlopig = any(bekend[n][1] != Status.BESCHIKBAAR for n in formule.namen)
    return waarde, (Status.VOORLOPIG if voorlopig else Status.BESCHIKBAAR), ""


def afgeleide_invoer_bijwerken(formules: dict | None = None) -> None:
    """Record per derived indicator every indicator its value depends on, through other derived ones too
    (`Indicator.invoer`): the visibility of a derived indicator is the strictest of these."""
    if formules is None:
        formules = {}
        for code, tekst in Indicator.objects.afgeleid().values_list("code", "formule"):
            try:
                formules[code] = parse_formule(tekst)
            except FormuleFout:
                continue  # refused when it is saved or computed
    afhankelijk: dict[str, set[str]] = {}

    def van(code: str, pad: frozenset = frozenset()) -> set[str]:
        if code not in formules or code in pad:
            return set()
        if code not in afhankelijk:
            namen = set(formules[code].namen)
            for naam in formules[code].namen:
                namen |= van(naam, pad | {code})
            afhankelijk[code] = namen
        return afhankelijk[code]

    for code in formules:
        van(code)
    ids = dict(Indicator.objects.filter(code__in=set(formules).union(*afhankelijk.values())).values_list("code", "id"))
    Koppeling = Indicator.invoer.through
    gewenst = {(ids[a], ids[n]) for a, namen in afhankelijk.items() if a in ids for n in namen if n in ids}
    bestaand = set(Koppeling.objects.values_list("from_indicator_id", "to_indicator_id"))
    if weg := bestaand - gewenst:
        for van_id, naar_id in weg:
            Koppeling.objects.filter(from_indicator_id=van_id, to_indicator_id=naar_id).delete()
    Koppeling.objects.bulk_create(
        [Koppeling(from_indicator_id=a, to_indicator_id=n) for a, n in sorted(gewenst - bestaand)]
    )
