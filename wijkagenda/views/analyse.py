from typing import cast

from django.shortcuts import render
from django.utils import timezone

from lib.tabellen import Paginatabel, download_antwoord
from toegang.regels import toegang_van

from .. import lezen, teksten
from ..analyse import MAX_PER_DOMEIN, OPVALLEND_FACTOR, OPVALLEND_MINIMUM
from ..charts import afwijkingen_figuur, signalen_figuur, veranderingen_figuur
from ..teksten import getoond_tekst


def analyse(request, code: str):
    """The wijkanalyse of a wijk or buurt: strengths and concerns, changes, signals; printable on A4.

    Queries (fixed, see lezen.py): session, user, account; gebied with parents; values; boundary versions;
    signal counts, main categories, escalations (medewerkers only)."""
    gebied = lezen.analyseerbaar_gebied_of_404(code)
    toegang = toegang_van(request.user)
    naam = gebied.weergavenaam
    vandaag = timezone.localdate()
    ia = lezen.indicatoranalyse(gebied, toegang, vandaag=vandaag)
    sb = lezen.signaalanalyse(
        gebied, toegang, vandaag=vandaag, inwoners=ia.inwoners, inwoners_gemeente=ia.inwoners_gemeente
    )

    gekozen = [k for d in ia.domeinen for k in d.alle_gekozen]
    kenmerken_tabel = Paginatabel(
        "kenmerken",
        f"Sterke punten en aandachtspunten van {naam} t.o.v. Hengelo",
        ["indicator", "domein", "oordeel", "waarde", "Hengelo", "eenheid", "periode", "standaardverschil", "bron"],
        [
            [
                k.indicator.naam,
                k.indicator.domein.naam,
                _oordeel(k),
                getoond_tekst(k.waarde, k.indicator.decimalen),
                getoond_tekst(k.gemeente, k.indicator.decimalen),
                k.indicator.eenheid,
                k.periode,
                round(cast(float, k.z), 2),  # every chosen kenmerk has a z
                k.bron,
            ]
            for k in gekozen
        ],
        _samenvatting_kenmerken(ia.domeinen, naam),
        decimalen={7: 2},
    )
    kenmerken_figuur = afwijkingen_figuur(
        [(k.indicator.naam, cast(float, k.score if k.score is not None else k.z), _oordeel(k)) for k in gekozen],
        titel=kenmerken_tabel.titel,
    )
    vs = ia.veranderingen
    veranderingen = vs.grootste + vs.grens
    veranderingen_tabel = Paginatabel(
        "veranderingen",
        f"Grootste veranderingen in {naam} sinds de vorige periode",
        [
            "indicator",
            "vorige periode",
            "waarde toen",
            "periode",
            "waarde nu",
            "eenheid",
            "verandering",
            "oordeel",
            "bron",
        ],
        [
            [
                v.indicator.naam,
                v.vorige_periode,
                getoond_tekst(v.oud, v.indicator.decimalen),
                v.periode,
                getoond_tekst(v.nieuw, v.indicator.decimalen),
                v.indicator.eenheid,
                "geen trend: grens gewijzigd"
                if v.grenswijziging
                else (teksten.procent(v.relatief) if v.relatief is not None else "van 0"),
                v.oordeel or v.richting,
                v.bron,
            ]
            for v in veranderingen
        ],
        _samenvatting_veranderingen(vs, naam),
    )
    veranderingen_figuur_ = veranderingen_figuur(
        [(v.indicator.naam, 100 * v.relatief, v.oordeel or v.richting) for v in vs.grootste if v.relatief is not None],
        titel=veranderingen_tabel.titel,
    )
    tabellen = [kenmerken_tabel, veranderingen_tabel]
    signalen = None
    if sb is not None:
        signalen_tabel = Paginatabel(
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
        tabellen.append(signalen_tabel)
        signalen = {
            "beeld": sb,
            "zinnen": teksten.zinnen_signalen(sb, naam),
            "tabel": signalen_tabel,
            "rijen": list(
                zip([teksten.anker_signaal(c) for c in sb.categorieen], signalen_tabel.html_rijen(), strict=True)
            ),
            "figuur": signalen_figuur(
                [c.naam for c in sb.categorieen],
                (naam, [c.per_1000 for c in sb.categorieen]),
                [c.per_1000_gemeente for c in sb.categorieen],
                titel=signalen_tabel.titel,
            ),
        }
    if (bestand := download_antwoord(request, tabellen, f"wijkanalyse-{gebied.code}")) is not None:
        return bestand
    return render(
        request,
        "wijkagenda/analyse.html",
        {
            "gebied": gebied,
            "gemeente": lezen.gemeente_van(gebied),
            "ia": ia,
            "domeinen": [{"analyse": d, "zinnen": teksten.zinnen_domein(d, naam)} for d in ia.domeinen],
            "kenmerken": {
                "tabel": kenmerken_tabel,
                "figuur": kenmerken_figuur,
                "rijen": list(
                    zip([teksten.anker_kenmerk(k) for k in gekozen], kenmerken_tabel.html_rijen(), strict=True)
                ),
            },
            "veranderingen": {
                "tabel": veranderingen_tabel,
                "figuur": veranderingen_figuur_,
                "rijen": list(
                    zip(
                        [teksten.anker_verandering(v) for v in veranderingen],
                        veranderingen_tabel.html_rijen(),
                        strict=True,
                    )
                ),
                "zinnen": teksten.zinnen_veranderingen(vs, naam),
                "heeft_grafiek": any(v.relatief is not None for v in vs.grootste),
            },
            "signalen": signalen,
            "niet_beoordeeld": sum(len(d.niet_beoordeeld) for d in ia.domeinen),
            "max_per_domein": MAX_PER_DOMEIN,
            "opvallend_factor": teksten.getal(OPVALLEND_FACTOR, 1),
            "opvallend_minimum": OPVALLEND_MINIMUM,
            "gemaakt_op": timezone.localtime(),
        },
    )


def _oordeel(k) -> str:
    if k.score is None:
        return "hoger" if k.z > 0 else "lager"
    return "beter" if k.score > 0 else "slechter"


def _samenvatting_kenmerken(domeinen, naam: str) -> str:
    sterk = sum(len(d.sterk) for d in domeinen)
    zorg = sum(len(d.zorg) for d in domeinen)
    opvallend = sum(len(d.opvallend) for d in domeinen)
    return (
        f"{naam}: {sterk} sterke punt{'en' if sterk != 1 else ''} en {zorg} aandachtspunt{'en' if zorg != 1 else ''}"
        f" t.o.v. Hengelo; {opvallend} indicator{'en' if opvallend != 1 else ''} zonder richting wijk"
        f"{'en' if opvallend != 1 else 't'} duidelijk af."
    )


def _samenvatting_veranderingen(vs, naam: str) -> str:
    if not vs.grootste and not vs.grens:
        return f"Voor {naam} zijn geen twee perioden met een getal geladen: nog geen verandering te geven."
    n = len(vs.grootste)
    tekst = f"{n} indicator{'en' if n != 1 else ''} veranderde{'n' if n != 1 else ''} sinds de vorige periode"
    if vs.grens:
        tekst += f"; bij {len(vs.grens)} geen trend door een grenswijziging"
    return tekst + "."


def _opvallend(n: int) -> str:
    if n == 0:
        return "geen categorie valt op"
    return "1 categorie valt op" if n == 1 else f"{n} categorieën vallen op"
