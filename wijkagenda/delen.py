"""The parts of a Dutch wijkanalyse, as plain functions on plain rows (no ORM, no request).

A wijkanalyse as municipalities and wijkteams write them reads, in this order: in het kort; samenstelling
(bevolking, huishoudens, woningen: described, not judged); wonen en fysieke leefomgeving; sociaal;
veiligheid en overlast (registered crime and signals side by side); voorzieningen; ontwikkeling (against the
previous period and the city); sterke punten; aandachtspunten; wat leeft er (signals); lopende afspraken
(from the wijkagenda); bronnen en verantwoording.

Which indicator belongs to which part is read from the indicator itself (`deel_van`): its domain, its CBS
group and its polarity, never from a list of indicator codes, so figures loaded later (a partner's, the MOR
reports of the openbare ruimte) land in their part by the domain they are given. Every sentence is a
`teksten.Zin` that carries the numbers it cites, the period and the source, and the anchor of the table row
that shows them.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from indicatoren.leeg import Leeg, cbs_laden, kwb_laden, partner_laden
from indicatoren.weergave import Getoond

from .analyse import (
    DREMPEL,
    Kenmerk,
    SignaalBeeld,
    SignaalCategorie,
    Verandering,
    periode_sleutel,
    sterke_en_aandachtspunten,
)
from .teksten import Zin, getal, getoond_tekst, met_eenheid, procent

SAMENSTELLING = "samenstelling"
WONEN = "wonen"
SOCIAAL = "sociaal"
VEILIGHEID = "veiligheid"
VOORZIENINGEN = "voorzieningen"
WAT_LEEFT = "wat-leeft-er"
OVERIG = "overig"

# The thematic parts in page order, with what they cover (shown under the heading).
THEMA_DELEN = {
    SAMENSTELLING: (
        "Samenstelling: bevolking, huishoudens en woningen",
        "Wie er wonen en in wat voor woningen; beschreven naast Hengelo, zonder oordeel.",
    ),
    WONEN: ("Wonen en fysieke leefomgeving", "Woningen, openbare ruimte, oppervlakte, energie en duurzaamheid."),
    SOCIAAL: ("Sociaal", "Inkomen en armoede, werk en onderwijs, zorg en welzijn."),
    VEILIGHEID: (
        "Veiligheid en overlast",
        "Door de politie geregistreerde misdrijven naast de signalen over overlast en veiligheid.",
    ),
    VOORZIENINGEN: (
        "Voorzieningen",
        "Afstand tot en aantal voorzieningen: huisarts, supermarkt, school, kinderopvang.",
    ),
    OVERIG: ("Overige cijfers", "Indicatoren in een domein dat in geen ander deel past."),
    WAT_LEEFT: ("Meldingen en signalen van partners", "Cijfers over meldingen die partners aanleveren."),
}
# The thematic parts in page order ('wat leeft er' has its own place after the strengths and concerns).
THEMA_VOLGORDE = (SAMENSTELLING, WONEN, SOCIAAL, VEILIGHEID, VOORZIENINGEN, OVERIG)
DOMEIN_DEEL = {
    "bevolking": SAMENSTELLING,
    "wonen": WONEN,
    "fysieke-leefomgeving": WONEN,
    "duurzaamheid": WONEN,
    "inkomen-armoede": SOCIAAL,
    "zorg-welzijn": SOCIAAL,
    "werk-onderwijs": SOCIAAL,
    "veiligheid": VEILIGHEID,
    "voorzieningen": VOORZIENINGEN,
    "signalen": WAT_LEEFT,
    "meldingen-openbare-ruimte": WAT_LEEFT,  # the MOR reports (app mor), published as indicators
}
# CBS groups (the place of a column in the Kerncijfers) that decide the part before the domain does.
CBS_GROEP_DEEL = (
    ("Nabijheid voorzieningen", VOORZIENINGEN),
    ("Bevolking / Particuliere huishoudens", SAMENSTELLING),
)
# Signal categories that belong next to the registered crime figures (the rest is in 'wat leeft er' only).
VEILIGHEID_CATEGORIEEN = ("overlast", "onveilig-gevoel", "ondermijning", "verkeersveiligheid")
MAX_ZINNEN = 6
MAX_PUNTEN = 5


def deel_van(indicator) -> str:
    """The part an indicator belongs to: by CBS group, then domain; neutral housing figures (stock, value,
    ownership) describe the area and go to samenstelling; an unknown domain goes to 'overig'."""
    groep = getattr(indicator, "cbs_groep", "") or ""
    for begin, deel in CBS_GROEP_DEEL:
        if groep.startswith(begin):
            return deel
    code = indicator.domein.code
    deel = DOMEIN_DEEL.get(code, WAT_LEEFT if code.startswith("meldingen") else OVERIG)
    if deel == WONEN and code == "wonen" and indicator.polariteit == "neutraal":
        return SAMENSTELLING
    return deel


def herkomst(periode: str, bron: str) -> str:
    """What a sentence cites next to its numbers: the source (the period is in the sentence itself)."""
    return f"bron: {bron}" if bron else ""


def tegel_herkomst(periode: str, bron: str) -> str:
    """Under a key figure: period and source ('2024 · CBS, Kerncijfers ...')."""
    return f"{periode} · {bron}" if bron else periode


@dataclass
class Deel:
    """One part of the analysis: its sentences, its table rows, and what is missing when it is empty."""

    code: str
    titel: str
    uitleg: str
    zinnen: list[Zin] = field(default_factory=list)
    kenmerken: list[Kenmerk] = field(default_factory=list)  # the table rows (thematic parts)
    ontbreekt: Leeg | None = None  # nothing loaded for this part: which data, and how to load it
    opmerkingen: list[str] = field(default_factory=list)  # partly missing (e.g. crime without signals)

    @property
    def leeg(self) -> bool:
        return not self.kenmerken and not self.zinnen


def anker(deel: str, k: Kenmerk) -> str:
    return f"{deel}-{k.indicator.code}"


def _vergelijking(k: Kenmerk) -> str:
    ind = k.indicator
    eigen = met_eenheid(getoond_tekst(k.waarde, ind.decimalen), ind.eenheid)
    if k.gemeente is None or ind.absoluut:
        return eigen
    return f"{eigen} tegen {met_eenheid(getoond_tekst(k.gemeente, ind.decimalen), ind.eenheid)} in heel Hengelo"


def zin_beschrijving(k: Kenmerk, gebied: str, deel: str) -> Zin:
    """A neutral sentence: the value next to Hengelo's, no judgement (samenstelling)."""
    ind = k.indicator
    cijfers: tuple[str, ...] = (getoond_tekst(k.waarde, ind.decimalen),)
    if k.gemeente is not None and not ind.absoluut:
        cijfers += (getoond_tekst(k.gemeente, ind.decimalen),)
    return Zin(
        f"{ind.naam} in {gebied}: {_vergelijking(k)} ({k.periode}).",
        cijfers,
        anker(deel, k),
        herkomst(k.periode, k.bron),
    )


def zin_oordeel(k: Kenmerk, gebied: str, deel: str) -> Zin:
    """A judged sentence: better or worse than Hengelo by the standardised difference (or higher/lower
    without a direction)."""
    ind = k.indicator
    if k.score is None:
        woord = f"duidelijk {'hoger' if (k.z or 0.0) > 0 else 'lager'}"
    else:
        woord = f"duidelijk {'beter' if k.score > 0 else 'slechter'}"
    eigen, hengelo = getoond_tekst(k.waarde, ind.decimalen), getoond_tekst(k.gemeente, ind.decimalen)
    return Zin(
        f"{ind.naam} is in {gebied} {woord} dan in Hengelo: {met_eenheid(eigen, ind.eenheid)} tegen "
        f"{met_eenheid(hengelo, ind.eenheid)} ({k.periode}).",
        (eigen, hengelo),
        anker(deel, k),
        herkomst(k.periode, k.bron),
    )


def _meervoud(n: int, enkel: str, meer: str) -> str:
    return f"{n} {enkel if n == 1 else meer}"


def ontbreekt(deel: str, gemeente_code: str) -> Leeg:
    """Which data would fill an empty part, and how a beheerder loads it."""
    titel, _ = THEMA_DELEN[deel]
    welke = {
        SAMENSTELLING: "inwoners naar leeftijd, huishoudens en de woningvoorraad (CBS Kerncijfers wijken en buurten)",
        WONEN: "woningen naar eigendom, WOZ-waarde, energieverbruik en oppervlakte (CBS Kerncijfers, zonnestroom)",
        SOCIAAL: "inkomen, uitkeringen, arbeidsparticipatie, jeugdzorg en Wmo (CBS Kerncijfers)",
        VEILIGHEID: "geregistreerde misdrijven (CBS/Politie 47018NED) of meldingen over overlast",
        VOORZIENINGEN: "de afstand tot voorzieningen (CBS Kerncijfers, groep Nabijheid voorzieningen)",
        OVERIG: "indicatoren van een ander domein",
        WAT_LEEFT: "cijfers van partners over meldingen (domein signalen)",
    }[deel]
    return Leeg(
        f"{titel}: nog geen cijfers",
        f"Voor dit deel zijn geen cijfers van dit gebied geladen die u mag zien. Nodig: {welke}.",
        (cbs_laden(gemeente_code), kwb_laden(gemeente_code), partner_laden()),
    )


def thema_deel(
    deel: str, kenmerken: Iterable[Kenmerk], *, gebied: str, gemeente_code: str, maximum: int = MAX_ZINNEN
) -> Deel:
    """A thematic part: every indicator of the part in the table; sentences for those that stand out
    (judged parts) or for the first few with a number (samenstelling, neutral)."""
    titel, uitleg = THEMA_DELEN[deel]
    rijen = sorted(kenmerken, key=lambda k: (k.indicator.domein.volgorde, k.sleutel))
    uit = Deel(deel, titel, uitleg, kenmerken=rijen)
    if not rijen:
        uit.ontbreekt = ontbreekt(deel, gemeente_code)
        return uit
    met_getal = [k for k in rijen if k.waarde.waarde is not None]
    if deel == SAMENSTELLING:
        # counts first (how many inhabitants, homes), then the shares: the order a reader asks for them
        # (a count of a CBS main group such as inhabitants or homes before its breakdown into men and women)
        gekozen = sorted(
            met_getal,
            key=lambda k: (
                (0 if "/" not in (getattr(k.indicator, "cbs_groep", "") or "") else 2) if k.indicator.absoluut else 1,
                k.indicator.domein.volgorde,
                k.sleutel,
            ),
        )
        uit.zinnen = [zin_beschrijving(k, gebied, deel) for k in gekozen[:maximum]]
    else:
        opvallend = [k for d in sterke_en_aandachtspunten(rijen) for k in d.sterk + d.zorg + d.opvallend]
        opvallend.sort(key=lambda k: (-abs(k.score if k.score is not None else (k.z or 0.0)), k.sleutel))
        uit.zinnen = [zin_oordeel(k, gebied, deel) for k in opvallend[:maximum]]
        rest = len([k for k in rijen if k.z is not None]) - len(uit.zinnen)
        if rest > 0 or not uit.zinnen:
            zonder = len([k for k in rijen if k.z is None])
            uit.zinnen.append(
                Zin(
                    f"Op {_meervoud(rest, 'andere indicator', 'andere indicatoren')} wijkt {gebied} niet duidelijk "
                    f"af van Hengelo (minder dan {getal(DREMPEL, 1)} standaardverschil)"
                    + (f"; {zonder} niet te vergelijken (reden in de tabel)." if zonder else "."),
                    (),
                )
            )
    if len(met_getal) > len(uit.zinnen) and deel == SAMENSTELLING:
        uit.zinnen.append(Zin(f"Nog {len(met_getal) - len(uit.zinnen)} cijfers staan in de tabel.", ()))
    return uit


# --- veiligheid en overlast: registered crime and signals side by side ---------------------------------------


@dataclass(frozen=True)
class SignaalSom:
    """The signals of some categories together, in the area and in Hengelo, in one window."""

    namen: tuple[str, ...]
    aantal: int
    aantal_vorig: int
    per_1000: float | None
    per_1000_gemeente: float | None
    periode: str


def signaal_som(beeld: SignaalBeeld, codes: Iterable[str] = VEILIGHEID_CATEGORIEEN) -> SignaalSom | None:
    """The listed categories summed (those the portal knows); None when none of them exists."""
    gekozen = [c for c in beeld.categorieen if c.code in set(codes)]
    if not gekozen:
        return None
    aantal = sum(c.aantal for c in gekozen)
    hengelo = sum(c.aantal_gemeente for c in gekozen)
    return SignaalSom(
        tuple(c.naam for c in gekozen),
        aantal,
        sum(c.aantal_vorig for c in gekozen),
        1000 * aantal / beeld.inwoners if beeld.inwoners else None,
        1000 * hengelo / beeld.inwoners_gemeente if beeld.inwoners_gemeente else None,
        beeld.periode,
    )


def zin_signaal_som(s: SignaalSom, gebied: str, anker_: str) -> Zin:
    namen = ", ".join(n.lower() for n in s.namen)
    cijfers: tuple[str, ...] = (str(s.aantal),)
    tekst = f"Signalen over {namen}: {s.aantal} in {gebied} ({s.periode})"
    if s.per_1000 is not None and s.per_1000_gemeente is not None:
        eigen, hengelo = getal(s.per_1000, 2), getal(s.per_1000_gemeente, 2)
        tekst += f", {eigen} per 1.000 inwoners tegen {hengelo} in heel Hengelo"
        cijfers += (eigen, hengelo)
    tekst += f"; in de twaalf maanden daarvoor {s.aantal_vorig} signalen."
    return Zin(tekst, cijfers + (str(s.aantal_vorig),), anker_, herkomst(s.periode, "signalen in het Wijkportaal"))


def veiligheid_deel(deel: Deel, som: SignaalSom | None, *, gebied: str, signalen_zichtbaar: bool) -> Deel:
    """The crime figures of the thematic part with the safety signals next to them."""
    if som is not None:
        deel.zinnen.append(zin_signaal_som(som, gebied, "veiligheid-signalen"))
        if deel.ontbreekt is not None:
            deel.opmerkingen.append(
                "Geregistreerde misdrijven zijn voor dit gebied niet geladen: dit deel toont alleen de signalen. "
                f"Laden: {deel.ontbreekt.aanvullingen[0].commando}."
            )
            deel.ontbreekt = None
    elif not signalen_zichtbaar:
        deel.opmerkingen.append("De signalen over overlast en veiligheid zijn alleen voor medewerkers van de gemeente.")
    return deel


# --- ontwikkeling: against the previous period and against the city -----------------------------------------


@dataclass(frozen=True)
class StadVerandering:
    """Hengelo's change over the same two periods as the area's."""

    oud: Getoond | None
    nieuw: Getoond | None

    @property
    def relatief(self) -> float | None:
        oud = self.oud.waarde if self.oud is not None else None
        nieuw = self.nieuw.waarde if self.nieuw is not None else None
        if oud is None or oud == 0 or nieuw is None:
            return None
        return (nieuw - oud) / abs(oud)


def stad_verandering(v: Verandering, hengelo: Mapping[str, Getoond]) -> StadVerandering:
    return StadVerandering(hengelo.get(v.vorige_periode), hengelo.get(v.periode))


def zin_ontwikkeling(v: Verandering, stad: StadVerandering, gebied: str, basis: Zin) -> Zin:
    """The change sentence of `teksten.zin_verandering`, with Hengelo's change over the same periods."""
    if not v.is_trend or stad.relatief is None or v.relatief is None:
        return Zin(basis.tekst, basis.getallen, basis.anker, herkomst(f"{v.vorige_periode}–{v.periode}", v.bron))
    d = v.indicator.decimalen
    oud, nieuw = getoond_tekst(stad.oud, d), getoond_tekst(stad.nieuw, d)
    vergelijk = "sneller" if abs(v.relatief) > abs(stad.relatief) else "minder snel"
    if (v.relatief > 0) != (stad.relatief > 0):
        vergelijk = "de andere kant op"
    tekst = (
        basis.tekst.rstrip(".")
        + f". In heel Hengelo van {oud} naar {nieuw} ({procent(stad.relatief)}): {gebied} veranderde {vergelijk}."
    )
    return Zin(
        tekst,
        basis.getallen + (oud, nieuw, procent(stad.relatief)),
        basis.anker,
        herkomst(f"{v.vorige_periode}–{v.periode}", v.bron),
    )


# --- sterke punten en aandachtspunten over alle delen --------------------------------------------------------


def punten(kenmerken: Iterable[Kenmerk], *, maximum: int = MAX_PUNTEN) -> tuple[list[Kenmerk], list[Kenmerk]]:
    """The strongest strengths and concerns over all domains (at most `maximum` each, largest first)."""
    per_domein = sterke_en_aandachtspunten(kenmerken, maximum=maximum)
    # strengths and concerns always carry a judgement (score); `or 0.0` only satisfies the type checker
    sterk = sorted((k for d in per_domein for k in d.sterk), key=lambda k: (-(k.score or 0.0), k.sleutel))
    zorg = sorted((k for d in per_domein for k in d.zorg), key=lambda k: (k.score or 0.0, k.sleutel))
    return sterk[:maximum], zorg[:maximum]


def zinnen_punten(gekozen: list[Kenmerk], gebied: str, *, sterk: bool) -> list[Zin]:
    if gekozen:
        return [zin_oordeel(k, gebied, "kenmerk") for k in gekozen]
    soort = "beter" if sterk else "slechter"
    return [
        Zin(
            f"Op geen enkele indicator met een richting scoort {gebied} duidelijk {soort} dan Hengelo "
            f"(minstens {getal(DREMPEL, 1)} standaardverschil).",
            (),
        )
    ]


# --- lopende afspraken (wijkagenda) --------------------------------------------------------------------------


@dataclass(frozen=True)
class Afspraak:
    """One open opgave of the wijkagenda with its open actions (what this access may see)."""

    id: int
    titel: str
    domein: str
    geopend_op: date
    acties: tuple[tuple[str, str, date], ...]  # (omschrijving, eigenaar, streefdatum) of the open actions

    def te_laat(self, vandaag: date) -> int:
        return sum(1 for _, _, streef in self.acties if streef < vandaag)

    def eerstvolgende(self) -> tuple[str, str, date] | None:
        return min(self.acties, key=lambda a: a[2]) if self.acties else None


MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def datum_tekst(d: date) -> str:
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def anker_afspraak(a: Afspraak) -> str:
    return f"afspraak-{a.id}"


def zinnen_afspraken(afspraken: list[Afspraak], *, wijk: str, vandaag: date) -> list[Zin]:
    if not afspraken:
        return []
    acties = sum(len(a.acties) for a in afspraken)
    te_laat = sum(a.te_laat(vandaag) for a in afspraken)
    zinnen = [
        Zin(
            f"In de wijkagenda van {wijk} {'loopt' if len(afspraken) == 1 else 'lopen'} "
            f"{_meervoud(len(afspraken), 'opgave', 'opgaven')} met samen "
            f"{_meervoud(acties, 'open actie', 'open acties')}"
            f", waarvan {te_laat} over de streefdatum.",
            (str(len(afspraken)), str(acties), str(te_laat)),
            "afspraken-totaal",
            herkomst("", f"wijkagenda, stand van {datum_tekst(vandaag)}"),
        )
    ]
    for a in afspraken:
        volgende = a.eerstvolgende()
        if volgende is None:
            tekst = f"{a.titel} ({a.domein.lower()}, sinds {datum_tekst(a.geopend_op)}): geen open acties."
            cijfers = ("0",)
        else:
            omschrijving, eigenaar, streef = volgende
            tekst = (
                f"{a.titel} ({a.domein.lower()}, sinds {datum_tekst(a.geopend_op)}): "
                f"{_meervoud(len(a.acties), 'open actie', 'open acties')}; de eerstvolgende is "
                f"'{omschrijving}' ({eigenaar}), streefdatum {datum_tekst(streef)}."
            )
            cijfers = (str(len(a.acties)),)
        zinnen.append(
            Zin(tekst, cijfers, anker_afspraak(a), herkomst("", f"wijkagenda, stand van {datum_tekst(vandaag)}"))
        )
    return zinnen


# --- in het kort -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kort:
    """One key figure of 'in het kort': label, value as written, period and source."""

    sleutel: str
    label: str
    waarde: str
    herkomst: str


def in_het_kort(
    *,
    gebied: str,
    inwoners: Kenmerk | None,
    sterk: list[Kenmerk],
    zorg: list[Kenmerk],
    grootste: Verandering | None,
    signalen: SignaalBeeld | None,
    afspraken: list[Afspraak] | None,
    vandaag: date,
) -> tuple[list[Kort], list[Zin]]:
    """The key figures and four or five sentences that open the analysis; every number links to the key
    figures block (`kort-cijfers`), which repeats it with period and source."""
    cijfers: list[Kort] = []
    zinnen: list[Zin] = []
    if inwoners is not None and inwoners.waarde.waarde is not None:
        n = getoond_tekst(inwoners.waarde, inwoners.indicator.decimalen)
        cijfers.append(Kort("inwoners", "Inwoners", n, tegel_herkomst(inwoners.periode, inwoners.bron)))
        zinnen.append(
            Zin(
                f"In {gebied} wonen {n} mensen ({inwoners.periode}).",
                (n,),
                "kort-cijfers",
                herkomst(inwoners.periode, inwoners.bron),
            )
        )
    cijfers += [
        Kort("sterk", "Sterke punten", str(len(sterk)), "t.o.v. Hengelo"),
        Kort("zorg", "Aandachtspunten", str(len(zorg)), "t.o.v. Hengelo"),
    ]
    tekst = (
        f"{gebied} scoort op {_meervoud(len(sterk), 'indicator', 'indicatoren')} duidelijk beter en op "
        f"{len(zorg)} duidelijk slechter dan Hengelo"
    )
    namen = []
    if sterk:
        namen.append(f"het sterkst: {sterk[0].indicator.naam.lower()}")
    if zorg:
        namen.append(f"de grootste zorg: {zorg[0].indicator.naam.lower()}")
    zinnen.append(
        Zin(tekst + (f" ({'; '.join(namen)})." if namen else "."), (str(len(sterk)), str(len(zorg))), "kort-cijfers")
    )
    if grootste is not None and grootste.relatief is not None:
        p = procent(grootste.relatief)
        cijfers.append(
            Kort(
                "verandering",
                f"Grootste verandering: {grootste.indicator.naam}",
                p,
                tegel_herkomst(f"{grootste.vorige_periode}–{grootste.periode}", grootste.bron),
            )
        )
        zinnen.append(
            Zin(
                f"De grootste verandering sinds de vorige periode: {grootste.indicator.naam.lower()} "
                f"{'steeg' if grootste.relatief > 0 else 'daalde'} met {p.lstrip('+−')} "
                f"({grootste.vorige_periode}–{grootste.periode}).",
                (p.lstrip("+−"),),
                "kort-cijfers",
                herkomst(f"{grootste.vorige_periode}–{grootste.periode}", grootste.bron),
            )
        )
    if signalen is not None:
        cijfers.append(
            Kort("signalen", "Signalen", str(signalen.totaal), tegel_herkomst(signalen.periode, "Wijkportaal"))
        )
        opvallend = signalen.opvallend
        zinnen.append(
            Zin(
                f"In {signalen.periode} kwamen {signalen.totaal} signalen binnen"
                + (
                    f"; het meest opvallend: {opvallend[0].naam.lower()}." if opvallend else "; geen categorie valt op."
                ),
                (str(signalen.totaal),),
                "kort-cijfers",
                herkomst(signalen.periode, "signalen in het Wijkportaal"),
            )
        )
    if afspraken is not None:
        acties = sum(len(a.acties) for a in afspraken)
        cijfers.append(
            Kort(
                "afspraken",
                "Lopende opgaven",
                str(len(afspraken)),
                tegel_herkomst("", f"wijkagenda, stand van {datum_tekst(vandaag)}"),
            )
        )
        cijfers.append(
            Kort(
                "acties",
                "Open acties",
                str(acties),
                tegel_herkomst("", f"wijkagenda, stand van {datum_tekst(vandaag)}"),
            )
        )
        zinnen.append(
            Zin(
                f"In de wijkagenda {'loopt' if len(afspraken) == 1 else 'lopen'} "
                f"{_meervoud(len(afspraken), 'opgave', 'opgaven')} met "
                f"{_meervoud(acties, 'open actie', 'open acties')}.",
                (str(len(afspraken)), str(acties)),
                "kort-cijfers",
                herkomst("", f"wijkagenda, stand van {datum_tekst(vandaag)}"),
            )
        )
    return cijfers, zinnen


# --- bronnen en verantwoording --------------------------------------------------------------------------------


def bronnen(kenmerken: Iterable[Kenmerk]) -> list[tuple[str, str, int]]:
    """(source, periods, number of indicators) of every figure the analysis uses, most used first."""
    per_bron: dict[str, tuple[set[str], set[str]]] = {}
    for k in kenmerken:
        perioden, codes = per_bron.setdefault(k.bron or "bron niet vermeld", (set(), set()))
        perioden.add(k.periode)
        codes.add(k.indicator.code)
    uit = [
        (bron, ", ".join(sorted(perioden, key=periode_sleutel)), len(codes))
        for bron, (perioden, codes) in per_bron.items()
    ]
    return sorted(uit, key=lambda r: (-r[2], r[0]))


def signaal_anker(c: SignaalCategorie) -> str:
    return f"signaal-{c.code}"
