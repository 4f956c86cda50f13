from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from lib.tabellen import Paginatabel, download_antwoord
from toegang.regels import toegang_van

from .. import analyse_tabellen as tabellen
from .. import delen, lezen, teksten
from ..analyse import MAX_PER_DOMEIN, OPVALLEND_FACTOR, OPVALLEND_MINIMUM
from ..charts import afwijkingen_figuur, signalen_figuur, veranderingen_figuur
from ..lezen import INWONERS


def analyse(request, code: str):
    """The wijkanalyse of a wijk or buurt, in the parts of a Dutch wijkanalyse (wijkagenda/delen.py), printable
    on A4. Queries (fixed, see lezen.py): session, user, account; gebied with parents; values; boundary
    versions; signal counts, main categories, escalations (medewerkers only); opgaven, actions (agenda)."""
    gebied = lezen.analyseerbaar_gebied_of_404(code)
    toegang = toegang_van(request.user)
    naam = gebied.weergavenaam
    vandaag = timezone.localdate()
    ia = lezen.indicatoranalyse(gebied, toegang, vandaag=vandaag)
    sb = lezen.signaalanalyse(
        gebied, toegang, vandaag=vandaag, inwoners=ia.inwoners, inwoners_gemeente=ia.inwoners_gemeente
    )
    afspraken = lezen.afspraken(gebied, toegang)
    wijk = gebied if gebied.niveau == "wijk" else gebied.ouder

    per_deel: dict[str, list] = {}
    for k in ia.kenmerken:
        per_deel.setdefault(delen.deel_van(k.indicator), []).append(k)
    thema = {
        d: delen.thema_deel(d, per_deel.get(d, []), gebied=naam, gemeente_code=settings.GEMEENTE_CODE)
        for d in delen.THEMA_VOLGORDE
    }
    som = delen.signaal_som(sb) if sb is not None else None
    delen.veiligheid_deel(thema[delen.VEILIGHEID], som, gebied=naam, signalen_zichtbaar=sb is not None)
    tabellen_lijst: list[Paginatabel] = []
    thema_delen = []
    for d in thema.values():
        if d.code == delen.OVERIG and d.leeg:
            continue
        tabel, rijen = tabellen.deel_tabel(d, naam)
        if d.code == delen.VEILIGHEID:
            rijen += tabellen.veiligheid_signalen_rijen(tabel, som, naam)
        tabellen_lijst.append(tabel)
        thema_delen.append({"deel": d, "tabel": tabel, "rijen": rijen})

    sterk, zorg = delen.punten(ia.kenmerken)
    punten = _punten(sterk, zorg, naam)
    ontwikkeling = _ontwikkeling(ia, naam)
    signalen = _signalen(sb, naam) if sb is not None else None
    wat_leeft = None
    if per_deel.get(delen.WAT_LEEFT):
        d = delen.thema_deel(delen.WAT_LEEFT, per_deel[delen.WAT_LEEFT], gebied=naam, gemeente_code="")
        tabel, rijen = tabellen.deel_tabel(d, naam)
        tabellen_lijst.append(tabel)
        wat_leeft = {"deel": d, "tabel": tabel, "rijen": rijen}
    afspraken_ctx = None
    if afspraken is not None and wijk is not None:  # a wijk or buurt always has its wijk
        tabel, rijen = tabellen.afspraken_tabel(afspraken, wijk.weergavenaam, vandaag)
        tabellen_lijst.append(tabel)
        afspraken_ctx = {
            "zinnen": delen.zinnen_afspraken(afspraken, wijk=wijk.weergavenaam, vandaag=vandaag),
            "tabel": tabel,
            "rijen": rijen,
            "lijst": afspraken,
            "totaal": (
                len(afspraken),
                sum(len(a.acties) for a in afspraken),
                sum(a.te_laat(vandaag) for a in afspraken),
            ),
            "wijk": wijk,
        }
    bronnen = tabellen.bronnen_tabel(delen.bronnen(ia.kenmerken), naam)
    tabellen_lijst += [punten["tabel"], ontwikkeling["tabel"], bronnen] + ([signalen["tabel"]] if signalen else [])
    if (bestand := download_antwoord(request, tabellen_lijst, f"wijkanalyse-{gebied.code}")) is not None:
        return bestand

    inwoners = next((k for k in ia.kenmerken if k.indicator.code == INWONERS), None)
    kort_cijfers, kort_zinnen = delen.in_het_kort(
        gebied=naam,
        inwoners=inwoners,
        sterk=sterk,
        zorg=zorg,
        grootste=ia.veranderingen.grootste[0] if ia.veranderingen.grootste else None,
        signalen=sb,
        afspraken=afspraken,
        vandaag=vandaag,
    )
    return render(
        request,
        "wijkagenda/analyse.html",
        {
            "gebied": gebied,
            "gemeente": lezen.gemeente_van(gebied),
            "ia": ia,
            "kort": {"cijfers": kort_cijfers, "zinnen": kort_zinnen},
            "thema_delen": thema_delen,
            "punten": punten,
            "veranderingen": ontwikkeling,
            "signalen": signalen,
            "wat_leeft_indicatoren": wat_leeft,
            "afspraken": afspraken_ctx,
            "bronnen": {
                "tabel": bronnen,
                "rijen": [(f"bron-{i}", r) for i, r in enumerate(bronnen.html_rijen(), start=1)],
            },
            "ontbrekend": [d for d in thema.values() if d.ontbreekt is not None and d.code != delen.OVERIG],
            "niet_beoordeeld": [k for k in ia.kenmerken if k.z is None],
            "max_per_domein": MAX_PER_DOMEIN,
            "max_punten": delen.MAX_PUNTEN,
            "opvallend_factor": teksten.getal(OPVALLEND_FACTOR, 1),
            "opvallend_minimum": OPVALLEND_MINIMUM,
            "veiligheid_categorieen": delen.VEILIGHEID_CATEGORIEEN,
            "gemaakt_op": timezone.localtime(),
        },
    )


def _punten(sterk, zorg, naam: str) -> dict:
    gekozen = sterk + zorg
    tabel = Paginatabel(
        "kenmerken",
        f"Sterke punten en aandachtspunten van {naam} t.o.v. Hengelo",
        ["indicator", "domein", "oordeel", "waarde", "Hengelo", "eenheid", "periode", "standaardverschil", "bron"],
        [
            [
                k.indicator.naam,
                k.indicator.domein.naam,
                tabellen.oordeel(k),
                teksten.getoond_tekst(k.waarde, k.indicator.decimalen),
                teksten.getoond_tekst(k.gemeente, k.indicator.decimalen),
                k.indicator.eenheid,
                k.periode,
                round(k.z, 2),
                k.bron,
            ]
            for k in gekozen
        ],
        f"{naam}: {len(sterk)} sterke punt{'en' if len(sterk) != 1 else ''} en {len(zorg)} "
        f"aandachtspunt{'en' if len(zorg) != 1 else ''} t.o.v. Hengelo.",
        decimalen={7: 2},
    )
    return {
        "sterk": delen.zinnen_punten(sterk, naam, sterk=True),
        "zorg": delen.zinnen_punten(zorg, naam, sterk=False),
        "tabel": tabel,
        "figuur": afwijkingen_figuur(
            [(k.indicator.naam, k.score, tabellen.oordeel(k)) for k in gekozen], titel=tabel.titel
        ),
        "rijen": list(zip([delen.anker("kenmerk", k) for k in gekozen], tabel.html_rijen(), strict=True)),
    }


def _ontwikkeling(ia, naam: str) -> dict:
    vs = ia.veranderingen
    veranderingen = vs.grootste + vs.grens
    stad = [delen.stad_verandering(v, ia.gemeente_reeksen.get(v.indicator.code, {})) for v in veranderingen]
    if veranderingen:
        n = len(vs.grootste)
        samenvatting = (
            f"{n} indicator{'en' if n != 1 else ''} veranderde{'n' if n != 1 else ''} sinds de vorige periode"
        )
        samenvatting += f"; bij {len(vs.grens)} geen trend door een grenswijziging." if vs.grens else "."
    else:
        samenvatting = f"Voor {naam} zijn geen twee perioden met een getal geladen: nog geen verandering te geven."
    tabel, rijen = tabellen.veranderingen_tabel(veranderingen, stad, naam, samenvatting)
    zinnen = [
        delen.zin_ontwikkeling(v, s, naam, teksten.zin_verandering(v, naam))
        for v, s in zip(veranderingen, stad, strict=True)
    ] or teksten.zinnen_veranderingen(vs, naam)
    return {
        "tabel": tabel,
        "rijen": rijen,
        "zinnen": zinnen,
        "figuur": veranderingen_figuur(
            [
                (v.indicator.naam, 100 * v.relatief, v.oordeel or v.richting)
                for v in vs.grootste
                if v.relatief is not None
            ],
            titel=tabel.titel,
        ),
        "heeft_grafiek": any(v.relatief is not None for v in vs.grootste),
    }


def _signalen(sb, naam: str) -> dict:
    tabel = Paginatabel(
        "signalen",
        f"Signalen per categorie in {naam} en Hengelo, {sb.periode}",
        [
            "categorie",
            f"aantal {naam}",
            "aantal 12 maanden ervoor",
            f"per 1.000 inwoners {naam}",
            "per 1.000 inwoners Hengelo",
            "verhouding",
            "valt op",
            "reden",
        ],
        [
            [
                c.naam,
                c.aantal,
                c.aantal_vorig,
                teksten.getal(c.per_1000, 2) if c.per_1000 is not None else "",
                teksten.getal(c.per_1000_gemeente, 2) if c.per_1000_gemeente is not None else "",
                teksten.getal(c.factor, 1) if c.factor is not None else "",
                "ja" if c.valt_op else "nee",
                c.reden,
            ]
            for c in sb.categorieen
        ],
        f"{sb.totaal} signalen in {naam} in {sb.periode}"
        + (f", waarvan {sb.synthetisch} synthetisch (demo)" if sb.synthetisch else "")
        + f"; {_opvallend(len(sb.opvallend))}.",
    )
    return {
        "beeld": sb,
        "zinnen": [
            teksten.Zin(z.tekst, z.getallen, z.anker, z.herkomst or "bron: signalen in het Wijkportaal")
            for z in teksten.zinnen_signalen(sb, naam)
        ],
        "tabel": tabel,
        "rijen": list(zip([teksten.anker_signaal(c) for c in sb.categorieen], tabel.html_rijen(), strict=True)),
        "figuur": signalen_figuur(
            [c.naam for c in sb.categorieen],
            (naam, [c.per_1000 for c in sb.categorieen]),
            [c.per_1000_gemeente for c in sb.categorieen],
            titel=tabel.titel,
        ),
    }


def _opvallend(n: int) -> str:
    if n == 0:
        return "geen categorie valt op"
    return "1 categorie valt op" if n == 1 else f"{n} categorieën vallen op"
