"""The tables of the wijkanalyse's parts: plain rows in, `Tabel` plus row anchors out (no ORM, no request).

Each row has the id its sentences link to, and shows the same numbers as written in those sentences, with
period and source; every table downloads as CSV/XLSX (`?formaat=csv&tabel=<code>`).
"""

from lib.tabellen import Paginatabel

from . import delen, teksten
from .analyse import Kenmerk
from .delen import Afspraak, Deel, SignaalSom, StadVerandering
from .teksten import getoond_tekst


def oordeel(k: Kenmerk) -> str:
    if k.z is None:
        return "niet vergeleken"
    if k.score is None:
        return "hoger" if k.z >= delen.DREMPEL else "lager" if k.z <= -delen.DREMPEL else "vergelijkbaar"
    return "beter" if k.score >= delen.DREMPEL else "slechter" if k.score <= -delen.DREMPEL else "vergelijkbaar"


def _kenmerk_rij(k: Kenmerk, *, beoordeeld: bool) -> list:
    ind = k.indicator
    rij: list[str | float] = [
        ind.naam,
        getoond_tekst(k.waarde, ind.decimalen),
        "" if ind.absoluut else getoond_tekst(k.gemeente, ind.decimalen),
        ind.eenheid,
        k.periode,
    ]
    if beoordeeld:
        rij += [f"niet vergeleken: {k.reden}" if k.z is None else oordeel(k), round(k.z, 2) if k.z is not None else ""]
    return rij + [k.bron]


def deel_tabel(deel: Deel, gebied: str) -> tuple[Paginatabel, list[tuple[str, list[str]]]]:
    beoordeeld = deel.code != delen.SAMENSTELLING
    kolommen = ["indicator", gebied, "Hengelo", "eenheid", "periode"]
    if beoordeeld:
        kolommen += ["oordeel", "standaardverschil"]
    kolommen.append("bron")
    rijen = [_kenmerk_rij(k, beoordeeld=beoordeeld) for k in deel.kenmerken]
    ankers = [delen.anker(deel.code, k) for k in deel.kenmerken]
    n = len(rijen)
    tabel = Paginatabel(
        deel.code,
        f"{deel.titel}: {gebied} en Hengelo",
        kolommen,
        rijen,
        f"{n} indicator{'en' if n != 1 else ''} van {gebied} in dit deel, elk in de laatste periode met een cijfer.",
        decimalen={6: 2} if beoordeeld else {},
    )
    return tabel, list(zip(ankers, tabel.html_rijen(), strict=True))


def veiligheid_signalen_rijen(tabel: Paginatabel, som: SignaalSom | None, gebied: str) -> list[tuple[str, list[str]]]:
    """The safety signals as extra rows of the veiligheid table (registered crime above, signals below)."""
    if som is None:
        return []
    eigen = f"{som.aantal} signalen"
    hengelo = ""
    if som.per_1000 is not None and som.per_1000_gemeente is not None:
        eigen += f"; {teksten.getal(som.per_1000, 2)} per 1.000 inwoners"
        hengelo = f"{teksten.getal(som.per_1000_gemeente, 2)} per 1.000 inwoners"
    rij = [
        f"Signalen over {', '.join(n.lower() for n in som.namen)}",
        eigen,
        hengelo,
        "signalen",
        f"{som.periode} (12 maanden ervoor: {som.aantal_vorig})",
    ]
    rij += ["", ""] if "oordeel" in tabel.kolommen else []
    rij.append("signalen in het Wijkportaal (live geteld)")
    tabel.rijen.append(rij)
    return [("veiligheid-signalen", [str(c) for c in rij])]


def veranderingen_tabel(veranderingen, stad: list[StadVerandering], gebied: str, samenvatting: str):
    kolommen = [
        "indicator",
        "vorige periode",
        "waarde toen",
        "periode",
        "waarde nu",
        "eenheid",
        "verandering",
        "oordeel",
        "Hengelo toen",
        "Hengelo nu",
        "verandering Hengelo",
        "bron",
    ]
    rijen = []
    for v, s in zip(veranderingen, stad, strict=True):
        d = v.indicator.decimalen
        rijen.append(
            [
                v.indicator.naam,
                v.vorige_periode,
                getoond_tekst(v.oud, d),
                v.periode,
                getoond_tekst(v.nieuw, d),
                v.indicator.eenheid,
                "geen trend: grens gewijzigd"
                if v.grenswijziging
                else (teksten.procent(v.relatief) if v.relatief is not None else "van 0"),
                v.oordeel or v.richting,
                getoond_tekst(s.oud, d) if s.oud else "",
                getoond_tekst(s.nieuw, d) if s.nieuw else "",
                teksten.procent(s.relatief) if s.relatief is not None else "",
                v.bron,
            ]
        )
    tabel = Paginatabel(
        "veranderingen", f"Ontwikkeling van {gebied} sinds de vorige periode", kolommen, rijen, samenvatting
    )
    return tabel, list(zip([teksten.anker_verandering(v) for v in veranderingen], tabel.html_rijen(), strict=True))


def afspraken_tabel(afspraken: list[Afspraak], wijk: str, vandaag) -> tuple[Paginatabel, list[tuple[str, list[str]]]]:
    rijen = []
    for a in afspraken:
        volgende = a.eerstvolgende()
        rijen.append(
            [
                a.titel,
                a.domein,
                delen.datum_tekst(a.geopend_op),
                len(a.acties),
                a.te_laat(vandaag),
                f"{volgende[0]} ({volgende[1]}), {delen.datum_tekst(volgende[2])}" if volgende else "",
            ]
        )
    tabel = Paginatabel(
        "afspraken",
        f"Lopende afspraken in de wijkagenda van {wijk}",
        ["opgave", "domein", "sinds", "open acties", "over de streefdatum", "eerstvolgende actie"],
        rijen,
        f"{len(afspraken)} open opgave{'n' if len(afspraken) != 1 else ''}, "
        f"{sum(len(a.acties) for a in afspraken)} open acties.",
    )
    return tabel, list(zip([delen.anker_afspraak(a) for a in afspraken], tabel.html_rijen(), strict=True))


def bronnen_tabel(rijen: list[tuple[str, str, int]], gebied: str) -> Paginatabel:
    return Paginatabel(
        "bronnen",
        f"Bronnen van de cijfers over {gebied}",
        ["bron", "perioden", "indicatoren"],
        [list(r) for r in rijen],
        f"{len(rijen)} bron{'nen' if len(rijen) != 1 else ''} naast de signalen en de wijkagenda van het Wijkportaal.",
    )
