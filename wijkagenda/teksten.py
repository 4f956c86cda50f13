"""Plain-Dutch sentences for the wijkanalyse, generated from the numbers with fixed templates.

Every sentence is a `Zin`: its text, the numbers it cites exactly as they are written in it (and in the
table next to it), and the anchor of that table row. Nothing is claimed that is not a number on the page.
Plain functions: tested without a database.
"""

from dataclasses import dataclass
from typing import cast

from indicatoren.weergave import Getoond
from lib.getallen import formatteer_getal

from .analyse import DomeinAnalyse, Kenmerk, SignaalBeeld, SignaalCategorie, Verandering, Veranderingen


@dataclass(frozen=True)
class Zin:
    tekst: str
    getallen: tuple[str, ...]  # the cited numbers as written in the sentence and in the table
    anker: str = ""  # id of the table row that shows them
    herkomst: str = ""  # period and source of those numbers ("2024, CBS Kerncijfers wijken en buurten")


def getal(waarde: float, decimalen: int) -> str:
    return formatteer_getal(waarde, decimalen)


def getoond_tekst(g: Getoond | None, decimalen: int) -> str:
    """A value as written in sentences and tables: the number, or the reason it is not shown."""
    if g is None:
        return "niet bekend"
    if g.waarde is None:
        return g.tekst
    return getal(g.waarde, decimalen)


def met_eenheid(tekst: str, eenheid: str) -> str:
    if not eenheid or eenheid == "aantal":
        return tekst
    if eenheid == "%":
        return f"{tekst}%"
    return f"{tekst} {eenheid}"


def procent(relatief: float) -> str:
    teken = "+" if relatief > 0 else "−" if relatief < 0 else ""
    return f"{teken}{getal(abs(relatief) * 100, 1)}%"


def anker_kenmerk(k: Kenmerk) -> str:
    return f"kenmerk-{k.indicator.code}"


def anker_verandering(v: Verandering) -> str:
    return f"verandering-{v.indicator.code}"


def anker_signaal(c: SignaalCategorie) -> str:
    return f"signaal-{c.code}"


def zin_kenmerk(k: Kenmerk, gebied: str) -> Zin:
    ind = k.indicator
    eigen = getoond_tekst(k.waarde, ind.decimalen)
    gemeente = getoond_tekst(k.gemeente, ind.decimalen)
    if k.score is None:
        assert k.z is not None  # only kenmerken that differ get a sentence
        woord = "hoger" if k.z > 0 else "lager"
        oordeel = f"is in {gebied} duidelijk {woord} dan in Hengelo"
    else:
        oordeel = f"is in {gebied} duidelijk {'beter' if k.score > 0 else 'slechter'} dan in Hengelo"
    tekst = (
        f"{ind.naam} {oordeel}: {met_eenheid(eigen, ind.eenheid)} tegen {met_eenheid(gemeente, ind.eenheid)} "
        f"({k.periode})."
    )
    return Zin(tekst, (eigen, gemeente), anker_kenmerk(k))


def zinnen_domein(d: DomeinAnalyse, gebied: str) -> list[Zin]:
    zinnen = [zin_kenmerk(k, gebied) for k in d.sterk + d.zorg + d.opvallend]
    if not zinnen:
        beoordeeld = len(d.niet_beoordeeld)
        zinnen.append(
            Zin(
                f"In {d.domein.naam.lower()} wijkt {gebied} op geen enkele indicator duidelijk af van Hengelo"
                + (
                    f" ({beoordeeld} indicator{'en' if beoordeeld != 1 else ''} niet te vergelijken)."
                    if beoordeeld
                    else "."
                ),
                (str(beoordeeld),) if beoordeeld else (),
            )
        )
    return zinnen


def zin_verandering(v: Verandering, gebied: str) -> Zin:
    ind = v.indicator
    oud = getoond_tekst(v.oud, ind.decimalen)
    nieuw = getoond_tekst(v.nieuw, ind.decimalen)
    if v.grenswijziging is not None:
        van, tot, aandeel = v.grenswijziging
        deel = getal(aandeel * 100, 1)
        return Zin(
            f"Voor {ind.naam.lower()} geven we geen trend: de grens van {gebied} veranderde tussen "
            f"{v.vorige_periode} en {v.periode} (indeling {van} → {tot}, {deel}% van de oppervlakte), "
            f"dus {oud} en {nieuw} gaan niet over hetzelfde gebied.",
            (deel, oud, nieuw),
            anker_verandering(v),
        )
    if v.richting == "gelijk":
        return Zin(
            f"{ind.naam} bleef in {gebied} gelijk op {met_eenheid(nieuw, ind.eenheid)} ({v.vorige_periode} en "
            f"{v.periode}).",
            (nieuw,),
            anker_verandering(v),
        )
    werkwoord = "steeg" if v.richting == "gestegen" else "daalde"
    extra = f", {procent(v.relatief)}" if v.relatief is not None else ""
    oordeel = f"; dat is {v.oordeel}" if v.oordeel else ""
    cijfers = (oud, nieuw) + ((procent(v.relatief),) if v.relatief is not None else ())
    return Zin(
        f"{ind.naam} {werkwoord} in {gebied} van {met_eenheid(oud, ind.eenheid)} in {v.vorige_periode} naar "
        f"{met_eenheid(nieuw, ind.eenheid)} in {v.periode}{extra}{oordeel}.",
        cijfers,
        anker_verandering(v),
    )


def zinnen_veranderingen(vs: Veranderingen, gebied: str) -> list[Zin]:
    zinnen = [zin_verandering(v, gebied) for v in vs.grootste + vs.grens]
    if not zinnen:
        zinnen.append(
            Zin(
                f"Voor {gebied} zijn van geen enkele indicator twee perioden met een getal geladen, "
                "dus er is nog geen verandering te geven.",
                (),
            )
        )
    return zinnen


def zin_signaalcategorie(c: SignaalCategorie, gebied: str, periode: str) -> Zin:
    aantal = str(c.aantal)
    if c.per_1000 is None or c.per_1000_gemeente is None:
        return Zin(
            f"{c.naam}: {aantal} signalen in {gebied} ({periode}); geen aantal per 1.000 inwoners "
            f"({c.reden or 'geen inwonertal van Hengelo'}).",
            (aantal,),
            anker_signaal(c),
        )
    eigen, gemeente = getal(c.per_1000, 2), getal(c.per_1000_gemeente, 2)
    factor = f" ({getal(cast(float, c.factor), 1)} keer zo veel)" if c.valt_op else ""
    trend = {
        "meer": f"meer dan de {c.aantal_vorig} in de periode ervoor",
        "minder": f"minder dan de {c.aantal_vorig} in de periode ervoor",
        "gelijk": "evenveel als in de periode ervoor",
    }[c.trend]
    cijfers = (aantal, eigen, gemeente) + ((getal(cast(float, c.factor), 1),) if c.valt_op else ())
    cijfers += (str(c.aantal_vorig),) if c.trend != "gelijk" else ()
    return Zin(
        f"{c.naam}: {aantal} signalen in {gebied} ({periode}), {eigen} per 1.000 inwoners tegen {gemeente} in heel "
        f"Hengelo{factor}; {trend}.",
        cijfers,
        anker_signaal(c),
    )


def zinnen_signalen(b: SignaalBeeld, gebied: str) -> list[Zin]:
    zinnen = [
        Zin(
            f"In {b.periode} kwamen in {gebied} {b.totaal} signalen binnen, tegen {b.totaal_vorig} in de twaalf "
            "maanden daarvoor.",
            (str(b.totaal), str(b.totaal_vorig)),
            "signalen-totaal",
        )
    ]
    if b.synthetisch:
        zinnen.append(
            Zin(
                f"Let op: {b.synthetisch} van deze {b.totaal} signalen zijn synthetische demo-signalen, geen echte "
                "meldingen.",
                (str(b.synthetisch), str(b.totaal)),
                "signalen-totaal",
            )
        )
    opvallend = b.opvallend
    if opvallend:
        zinnen += [zin_signaalcategorie(c, gebied, b.periode) for c in opvallend]
    elif b.totaal:
        zinnen.append(
            Zin(
                "Geen categorie valt op: nergens minstens 1,5 keer zo veel signalen per 1.000 inwoners als in heel "
                "Hengelo bij minstens 5 signalen.",
                ("1,5", "5"),
            )
        )
    zinnen.append(
        Zin(
            f"Er {'staat' if b.open_escalaties == 1 else 'staan'} {b.open_escalaties} "
            f"escalatie{'s' if b.open_escalaties != 1 else ''} open bij partners, waarvan {b.te_laat} over de "
            "streefdatum.",
            (str(b.open_escalaties), str(b.te_laat)),
            "signalen-escalaties",
        )
    )
    return zinnen
