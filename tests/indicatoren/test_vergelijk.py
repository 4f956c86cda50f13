"""Compare areas side by side and similar wijken: plain functions on hand-checked examples (no
database), then the pages on the real Hengelo data with their query budgets pinned."""

import io
import math
from types import SimpleNamespace

import pytest
from django.db import connection
from openpyxl import load_workbook

from indicatoren.charts_vergelijk import Paneel, Staaf, afstand_figuur, vergelijk_figuur
from indicatoren.gelijkenis import (
    Gebiedswaarde,
    Kolom,
    afstand,
    kies_periode,
    standaardiseer,
    vergelijkbaar,
    vergelijkbaar_matrix,
    zscores,
)
from indicatoren.models import Dataset, Indicator, Status, Waarde
from indicatoren.vergelijking import (
    VergelijkWaarde,
    lees_codes,
    nummer_bronnen,
    overzicht_tabel,
    samenvatting_domein,
    unieke_labels,
    vergelijk_rijen,
)

# Similar areas: 9 queries on PostgreSQL (the matrix is one statement); the portable read for SQLite, the
# first-run default, takes candidates and numbers in two.
VERGELIJKBAAR_QUERIES = 9 if connection.vendor == "postgresql" else 10

# --- similarity: plain functions, no database ------------------------------------------------------


def test_standardisation_uses_the_population_sd_and_treats_float_noise_as_zero():
    # 10, 10, 30, 30: mean 20, deviations ±10, variance 100, SD 10.
    assert standaardiseer([10, 10, 30, 30]) == (20, 10)
    assert zscores({"a": 10, "b": 10, "c": 30, "d": 30}) == {"a": -1, "b": -1, "c": 1, "d": 1}
    assert standaardiseer([5, 5, 5]) == (5, 0)
    assert standaardiseer([0.1 + 0.2, 0.3, 0.3])[1] == 0  # 0.30000000000000004 is not a real spread
    assert zscores({"a": 7, "b": 7}) == {}  # SD 0: the indicator tells nothing apart


def test_distance_is_the_rms_difference_over_the_shared_indicators_only():
    # shared: a and c; differences 1 and 0; sqrt((1 + 0) / 2) = 0.7071
    d, gedeeld = afstand({"a": 0.0, "b": 1.0, "c": 2.0}, {"a": 1.0, "c": 2.0, "x": 9.0})
    assert gedeeld == ("a", "c")
    assert d == pytest.approx(math.sqrt(0.5))
    assert afstand({"a": 1.0}, {"b": 1.0}) == (None, ())


def _punten(tabel: dict[str, dict[str, float | None]], periode: str = "2024") -> list[Gebiedswaarde]:
    return [Gebiedswaarde(g, i, periode, w) for i, per_gebied in tabel.items() for g, w in per_gebied.items()]


def test_similar_ranks_by_distance_breaks_ties_by_code_and_drops_an_indicator_with_sd_zero():
    # Target T and candidates. A: 10, 10, 30, 30 -> z -1, -1, 1, 1 (mean 20, SD 10).
    # B: 5, 7, 5, 7 -> z -1, 1, -1, 1 (mean 6, SD 1). C: 100 everywhere -> SD 0, left out.
    # T = (-1, -1). WK000003 = (-1, 1): sqrt((0 + 4) / 2) = sqrt 2. WK000002 = (1, -1): sqrt 2 too,
    # a tie that the lower code wins. WK000004 = (1, 1): sqrt((4 + 4) / 2) = 2.
    punten = _punten(
        {
            "A": {"T": 10, "WK000003": 10, "WK000002": 30, "WK000004": 30},
            "B": {"T": 5, "WK000003": 7, "WK000002": 5, "WK000004": 7},
            "C": {"T": 100, "WK000003": 100, "WK000002": 100, "WK000004": 100},
        }
    )
    uitkomst = vergelijkbaar(punten, "T", {"WK000003", "WK000002", "WK000004", "T"}, ["A", "B", "C"])
    assert [b.gebied for b in uitkomst.buren] == ["WK000002", "WK000003", "WK000004"]
    assert [b.afstand for b in uitkomst.buren] == pytest.approx([math.sqrt(2), math.sqrt(2), 2])
    assert uitkomst.indicatoren == ["A", "B"]
    assert uitkomst.gebruikt[0].gemiddelde == 20 and uitkomst.gebruikt[0].sd == 10
    assert [w.indicator for w in uitkomst.weggelaten] == ["C"]
    assert "standaardafwijking 0" in uitkomst.weggelaten[0].reden
    assert uitkomst.aantal_kandidaten == 3  # the target itself is never its own neighbour
    assert uitkomst.buren[0].waarden == {"A": 30, "B": 5}
    assert uitkomst.doel_waarden == {"A": 10, "B": 5}


def test_similar_handles_missing_values_and_requires_a_minimum_overlap():
    # A: T 1, P 2, R 3 (Q has no number): mean 2, SD sqrt(2/3) -> z T -1.2247, P 0, R 1.2247.
    # B: T 10, P 10, Q 30, R 30 -> z -1, -1, 1, 1.
    # C: only T and Q have a number (1 of 3 candidates, not most) -> left out.
    # P: sqrt((1.5 + 0) / 2) = 0.8660. R: sqrt((6 + 4) / 2) = sqrt 5 = 2.2361. Q shares only B -> excluded.
    punten = _punten(
        {
            "A": {"T": 1, "P": 2, "Q": None, "R": 3},
            "B": {"T": 10, "P": 10, "Q": 30, "R": 30},
            "C": {"T": 4, "Q": 8},
        }
    )
    uitkomst = vergelijkbaar(punten, "T", {"P", "Q", "R"}, ["A", "B", "C"])
    assert [(b.gebied, round(b.afstand, 4)) for b in uitkomst.buren] == [("P", 0.866), ("R", 2.2361)]
    assert uitkomst.buren[0].gedeeld == ("A", "B")
    assert uitkomst.uitgesloten == [("Q", "maar 1 van de 2 indicatoren met een getal (minimaal 2 nodig)")]
    assert [w.indicator for w in uitkomst.weggelaten] == ["C"]
    assert "meeste" in uitkomst.weggelaten[0].reden
    assert uitkomst.buren[1].waarden == {"A": 3, "B": 30}


def test_similar_leaves_out_an_indicator_without_a_number_for_the_target_and_takes_top_n():
    kandidaten = {f"WK00000{i}" for i in range(1, 8)}
    punten = _punten(
        {
            "A": {"T": 0} | {k: i for i, k in enumerate(sorted(kandidaten), start=1)},
            "B": {"T": 0} | {k: -i for i, k in enumerate(sorted(kandidaten), start=1)},
            "D": {"T": None} | dict.fromkeys(kandidaten, 1.0),
        }
    )
    uitkomst = vergelijkbaar(punten, "T", kandidaten, ["A", "B", "D"], aantal=5)
    assert [b.gebied for b in uitkomst.buren] == ["WK000001", "WK000002", "WK000003", "WK000004", "WK000005"]
    assert uitkomst.weggelaten[0].indicator == "D"
    assert uitkomst.weggelaten[0].reden == "geen getal voor het gekozen gebied"


def test_similar_with_a_single_usable_indicator_excludes_everyone_and_says_why():
    punten = _punten({"A": {"T": 1, "P": 2, "Q": 3}})
    uitkomst = vergelijkbaar(punten, "T", {"P", "Q"}, ["A"])
    assert uitkomst.buren == []
    assert {c for c, _ in uitkomst.uitgesloten} == {"P", "Q"}
    assert "minimaal 2" in uitkomst.uitgesloten[0][1]


def test_period_is_the_latest_where_target_and_most_candidates_have_a_number():
    per_periode = {
        "2023": {"T": 1, "P": 1, "Q": 1},
        "2024": {"T": 1, "P": None, "Q": 2},  # 1 of 2 candidates is not "most"
        "2025": {"T": None, "P": 1, "Q": 1},  # no number for the target
    }
    assert kies_periode(per_periode, "T", {"P", "Q"}) == "2023"
    assert kies_periode({"2024": {"T": 1, "P": 1, "Q": 2}}, "T", {"P", "Q"}) == "2024"
    assert kies_periode({"2024": {"T": 1}}, "T", set()) is None


def test_similar_uses_per_indicator_its_own_latest_common_period():
    punten = [
        Gebiedswaarde("T", "A", "2023", 1.0),
        Gebiedswaarde("P", "A", "2023", 2.0),
        Gebiedswaarde("T", "A", "2024", 5.0),  # 2024 has no candidate numbers yet
        Gebiedswaarde("T", "B", "2024", 1.0),
        Gebiedswaarde("P", "B", "2024", 3.0),
    ]
    uitkomst = vergelijkbaar(punten, "T", {"P"}, ["A", "B"])
    assert {s.indicator: s.periode for s in uitkomst.gebruikt} == {"A": "2023", "B": "2024"}
    # both indicators: z of T -1, P 1 -> distance 2
    assert uitkomst.buren[0].afstand == pytest.approx(2)


def _matrix_invoer(punten, doel, kandidaten, indicatoren):
    """What the database hands to vergelijkbaar_matrix: per indicator the period kies_periode picks and
    the candidates' numbers in it (NaN: none), the target's numbers per period."""
    import numpy as np

    volgorde = sorted(kandidaten)
    doel_getallen, kolommen = {}, {}
    for code in indicatoren:
        per_periode = {}
        for p in punten:
            if p.indicator == code:
                per_periode.setdefault(p.periode, {})[p.gebied] = p.waarde
        doel_getallen[code] = {per: w[doel] for per, w in per_periode.items() if doel in w}
        periode = kies_periode(per_periode, doel, set(kandidaten))
        if periode is not None:
            w = per_periode[periode]
            kolommen[code] = Kolom(periode, np.array([np.nan if w.get(k) is None else w[k] for k in volgorde]))
    return doel_getallen, volgorde, kolommen


def test_vectorised_similarity_gives_exactly_the_result_of_the_plain_version():
    import random

    rnd = random.Random(12)
    for ronde in range(30):
        gebieden = [f"G{i:03d}" for i in range(rnd.randint(2, 60))]
        indicatoren = [f"I{j}" for j in range(rnd.randint(1, 6))]
        punten = []
        for g in gebieden:
            for i in indicatoren:
                for jaar in ("2022", "2023", "2024"):
                    kans = rnd.random()
                    if kans < 0.15:
                        continue  # no row
                    waarde = None if kans < 0.25 else float(rnd.choice([rnd.randint(0, 5), rnd.random() * 100]))
                    if i == "I0" and ronde % 5 == 0:
                        waarde = 3.0  # the same everywhere: SD 0
                    punten.append(Gebiedswaarde(g, i, jaar, waarde))
        doel, kandidaten = gebieden[0], set(gebieden[1:])
        verwacht = vergelijkbaar(punten, doel, kandidaten, indicatoren, min_overlap=1 + ronde % 3)
        doel_getallen, volgorde, kolommen = _matrix_invoer(punten, doel, kandidaten, indicatoren)
        uitkomst = vergelijkbaar_matrix(doel, doel_getallen, volgorde, kolommen, indicatoren, min_overlap=1 + ronde % 3)
        assert uitkomst.gebruikt == verwacht.gebruikt
        assert uitkomst.weggelaten == verwacht.weggelaten
        assert uitkomst.uitgesloten == verwacht.uitgesloten
        assert uitkomst.aantal_kandidaten == verwacht.aantal_kandidaten
        assert uitkomst.doel_waarden == verwacht.doel_waarden
        assert [(b.gebied, b.gedeeld, b.waarden) for b in uitkomst.buren] == [
            (b.gebied, b.gedeeld, b.waarden) for b in verwacht.buren
        ]
        assert [b.afstand for b in uitkomst.buren] == pytest.approx([b.afstand for b in verwacht.buren], abs=1e-12)


# --- comparison rows, texts and charts: plain functions -------------------------------------------

BEVOLKING = SimpleNamespace(id=1, code="bevolking", naam="Bevolking", volgorde=10)
WONEN = SimpleNamespace(id=2, code="wonen", naam="Wonen", volgorde=20)


def _ind(id_, code, domein, decimalen=0, drempel=None):
    return SimpleNamespace(
        id=id_,
        code=code,
        naam=code,
        domein=domein,
        decimalen=decimalen,
        onthullingsdrempel=drempel,
        volgorde=id_,
        eenheid="aantal",
    )


def test_lees_codes_is_case_insensitive_removes_duplicates_and_keeps_order():
    assert lees_codes(" wk016403, WK016400,wk016403 ", "bu01640300") == ["WK016403", "WK016400", "BU01640300"]
    assert lees_codes("AantalInwoners,AantalInwoners", hoofdletters=False) == ["AantalInwoners"]
    assert lees_codes("", ",,") == []


def test_unique_labels_add_the_code_only_to_a_repeated_name():
    assert unieke_labels([("WK1", "Centrum"), ("BU1", "Centrum"), ("WK2", "Noord")]) == [
        "Centrum (WK1)",
        "Centrum (BU1)",
        "Noord",
    ]


def test_comparison_rows_take_the_common_period_and_never_show_a_missing_value_as_zero():
    x = _ind(1, "X", BEVOLKING)
    y = _ind(2, "Y", BEVOLKING, drempel=10)
    z = _ind(3, "Z", WONEN)
    rijen = [
        VergelijkWaarde(1, x, "2023", 100, Status.BESCHIKBAAR, "", "CBS"),
        VergelijkWaarde(2, x, "2023", 200, Status.BESCHIKBAAR, "", "CBS"),
        VergelijkWaarde(1, x, "2024", 110, Status.BESCHIKBAAR, "", "CBS"),  # only area 1 has 2024
        VergelijkWaarde(1, y, "2024", 5, Status.BESCHIKBAAR, "", "CBS"),  # under the threshold of 10
        VergelijkWaarde(2, y, "2024", None, Status.GEHEIM, "CBS: geheim", "CBS"),
        VergelijkWaarde(1, z, "2024", 3, Status.BESCHIKBAAR, "", "Eigen"),
        VergelijkWaarde(9, z, "2024", 4, Status.BESCHIKBAAR, "", "Eigen"),  # another area: ignored
    ]
    domeinen = vergelijk_rijen(rijen, [1, 2])
    assert [d.domein.code for d in domeinen] == ["bevolking", "wonen"]
    rx, ry = domeinen[0].rijen
    assert rx.periode == "2023"  # common to both, not area 1's 2024
    assert [c.getoond.waarde for c in rx.cellen] == [100, 200]
    assert [c.getoond.waarde for c in ry.cellen] == [None, None]
    assert [c.tekst for c in ry.cellen] == ["minder dan 10", "geheim (CBS)"]
    assert ry.cellen[1].reden == "CBS: geheim"
    rz = domeinen[1].rijen[0]
    assert rz.cellen[1].getoond is None and rz.cellen[1].tekst == "geen waarde"

    # A chosen period: X in 2024 has no value for area 2 (not a 0).
    rx24 = vergelijk_rijen(rijen, [1, 2], periode="2024")[0].rijen[0]
    assert rx24.periode == "2024" and rx24.cellen[1].getoond is None

    kolommen, tabel, _ = overzicht_tabel(domeinen, ["Een", "Twee"])
    assert kolommen[5:11] == ["Een: waarde", "Een: status", "Een: reden", "Twee: waarde", "Twee: status", "Twee: reden"]
    assert tabel[1][5:11] == [
        None,
        "onder_drempel",
        "onder de onthullingsdrempel van 10",
        None,
        "geheim",
        "CBS: geheim",
    ]
    assert tabel[2][8:10] == [None, "geen waarde"]
    assert nummer_bronnen(domeinen) == ["CBS", "Eigen"]
    assert rz.voetnoten == [2]


def test_domain_summary_names_highest_lowest_and_missing():
    x = _ind(1, "Inwoners", BEVOLKING)
    rijen = [
        VergelijkWaarde(1, x, "2024", 11975, Status.BESCHIKBAAR, "", "CBS"),
        VergelijkWaarde(2, x, "2024", 3010, Status.BESCHIKBAAR, "", "CBS"),
        VergelijkWaarde(3, x, "2024", None, Status.GEHEIM, "", "CBS"),
    ]
    domein = vergelijk_rijen(rijen, [1, 2, 3])[0]
    tekst = samenvatting_domein(domein, ["Hasseler Es", "Binnenstad", "Geheimstad"])
    assert tekst == (
        "Bevolking: Inwoners: hoogste in Hasseler Es (11.975), laagste in Binnenstad (3.010), 1 zonder getal."
    )


def test_bar_chart_has_a_panel_per_indicator_and_labels_a_missing_value_instead_of_a_zero_bar():
    panelen = [
        Paneel("Inwoners (2024)", "aantal", [Staaf("A", 11975, "11.975", url="/gebied/A/"), Staaf("B", 3010, "3.010")]),
        Paneel("Dichtheid (2024)", "per km²", [Staaf("A", 3302, "3.302"), Staaf("B", None, "geheim (CBS)", "x")]),
    ]
    fig = vergelijk_figuur(panelen, kolommen=2)
    assert len(fig["data"]) == 2
    assert fig["data"][1]["x"] == [3302, None]  # no bar, never 0
    assert fig["data"][0]["text"] == ["11.975", "3.010"]
    assert fig["data"][0]["customdata"][0] == "/gebied/A/"
    assert fig["data"][1]["xaxis"] == "x2" and "xaxis2" in fig["layout"] and "yaxis2" in fig["layout"]
    assert fig["data"][0]["marker"]["pattern"]["shape"][:2] == ["", "/"]  # not colour alone
    teksten = [a["text"] for a in fig["layout"]["annotations"]]
    assert "geen getal (x)" in teksten
    assert "<b>Inwoners (2024)</b>" in teksten

    afst = afstand_figuur(["A", "B"], [0.5, 1.25], ["/a/", "/b/"], titel="Afstand")
    assert afst["data"][0]["text"] == ["0,50", "1,25"]
    assert afst["layout"]["yaxis"]["autorange"] == "reversed"


# --- pages on the real data --------------------------------------------------------------------------

pagina = pytest.mark.django_db


@pagina
def test_compare_two_wijken_shows_real_values_table_and_charts(client):
    antwoord = client.get("/vergelijk/?gebieden=WK016403,WK016400")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Hasseler Es" in html and "Binnenstad" in html
    assert "11.975" in html and "3.010" in html  # AantalInwoners 2024
    assert "5.295" in html and "1.868" in html  # Woningvoorraad
    assert 'href="/gebied/WK016403/"' in html
    assert 'data-grafiek="grafiek-bevolking"' in html
    assert "hoogste in Hasseler Es (11.975), laagste in Binnenstad (3.010)" in html
    assert "85984NED" in html
    assert 'href="?gebieden=WK016403,WK016400&amp;formaat=csv&amp;tabel=vergelijking"' in html


@pagina
def test_compare_query_count_is_the_same_for_two_and_six_areas(client, django_assert_num_queries):
    # session, user, account; areas with parents; values of those areas with indicator and domain;
    # the 'add an area' list
    with django_assert_num_queries(6):
        assert client.get("/vergelijk/?gebieden=WK016403,WK016400").status_code == 200
    with django_assert_num_queries(6):
        antwoord = client.get("/vergelijk/?gebieden=WK016403,WK016400,WK016409,GM0164,BU01640300,WK016405")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "83.058" in html and "1.990" in html and "1.326" in html  # gemeente, Buitengebied, Bovenhoek solar


@pagina
def test_compare_codes_are_case_insensitive_and_duplicates_removed(client):
    html = client.get("/vergelijk/?gebieden=wk016403,WK016400,WK016403").content.decode()
    assert "11.975" in html and "3.010" in html
    assert 'value="WK016403,WK016400"' in html


@pagina
def test_compare_unknown_code_is_a_404_naming_the_code(client):
    antwoord = client.get("/vergelijk/?gebieden=WK016403,WK999999")
    assert antwoord.status_code == 404
    assert "WK999999" in antwoord.content.decode()
    assert client.get("/vergelijk/?gebieden=WK016403,onzin").status_code == 404


@pagina
@pytest.mark.parametrize("gebieden", ["WK016403", "WK016400,WK016401,WK016402,WK016403,WK016404,WK016405,WK016406", ""])
def test_compare_one_or_seven_areas_gives_a_clear_message(client, gebieden):
    antwoord = client.get(f"/vergelijk/?gebieden={gebieden}")
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Kies 2 tot 6 verschillende gebieden" in html
    assert 'name="gebieden"' in html  # the form to fix it


@pagina
def test_compare_start_page_offers_the_areas_of_hengelo(client, django_assert_num_queries):
    with django_assert_num_queries(3):  # session, user; the areas of Hengelo
        antwoord = client.get("/vergelijk/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert '<option value="WK016403">Hasseler Es (WK016403)</option>' in html
    assert '<option value="BU01640300">' in html


@pagina
def test_compare_add_an_area_redirects_to_the_deep_link(client):
    antwoord = client.get("/vergelijk/?gebieden=WK016403,WK016400&toevoegen=wk016409&periode=2024")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/vergelijk/?gebieden=WK016403,WK016400,WK016409&periode=2024"


@pagina
def test_compare_remove_link_keeps_the_other_parameters(client):
    html = client.get("/vergelijk/?gebieden=WK016403,WK016400,WK016409&periode=2024").content.decode()
    assert 'href="?gebieden=WK016400,WK016409&amp;periode=2024"' in html


@pagina
def test_compare_restricts_indicators_and_period_and_404s_unknown_ones(client):
    html = client.get("/vergelijk/?gebieden=WK016403,WK016400&indicatoren=AantalInwoners").content.decode()
    assert "11.975" in html and "5.295" not in html
    assert client.get("/vergelijk/?gebieden=WK016403,WK016400&indicatoren=Bestaatniet").status_code == 404
    assert client.get("/vergelijk/?gebieden=WK016403,WK016400&periode=2024").status_code == 200
    antwoord = client.get("/vergelijk/?gebieden=WK016403,WK016400&periode=2019")
    assert antwoord.status_code == 404 and "2024" in antwoord.content.decode()
    assert client.get("/vergelijk/?gebieden=WK016403,WK016400&periode=gisteren").status_code == 404


@pagina
def test_compare_missing_value_is_shown_with_its_reason_not_a_zero(client):
    Waarde.objects.filter(indicator__code="AantalInwoners", gebied__code="WK016400").update(
        waarde=None, status=Status.GEHEIM, toelichting="CBS: geheim (x)"
    )
    html = client.get("/vergelijk/?gebieden=WK016403,WK016400").content.decode()
    assert "geheim (CBS)" in html and "CBS: geheim (x)" in html
    assert "3.010" not in html
    csv = client.get("/vergelijk/?gebieden=WK016403,WK016400&formaat=csv&tabel=grafiek-bevolking").content
    regels = csv.decode("utf-8-sig").splitlines()
    assert "Aantal inwoners;Binnenstad;WK016400;;aantal;2024;geheim;CBS: geheim (x);" in "\n".join(regels)


@pagina
def test_compare_downloads_csv_and_xlsx_with_source_period_and_status(client):
    antwoord = client.get("/vergelijk/?gebieden=WK016403,WK016400&formaat=csv&tabel=vergelijking")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/csv")
    csv = antwoord.content.decode("utf-8-sig")
    kop = csv.splitlines()[0].split(";")
    assert kop[:5] == ["domein", "indicator", "code", "eenheid", "periode"]
    assert "Hasseler Es: status" in kop and "bron" in kop
    assert "Bevolking;Aantal inwoners;AantalInwoners;aantal;2024;11975;beschikbaar;;3010;beschikbaar;;CBS" in csv

    xlsx = client.get("/vergelijk/?gebieden=WK016403,WK016400&formaat=xlsx&tabel=grafiek-bevolking")
    blad = load_workbook(io.BytesIO(xlsx.content)).active
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[1] == ("indicator", "gebied", "code", "waarde", "eenheid", "periode", "status", "reden", "bron")
    assert ("Aantal inwoners", "Hasseler Es", "WK016403", 11975) in [r[:4] for r in rijen]
    assert client.get("/vergelijk/?gebieden=WK016403,WK016400&formaat=csv&tabel=bestaatniet").status_code == 404


@pagina
def test_compare_hides_values_of_a_dataset_the_visitor_may_not_see(client_partner_a, client_beleid):
    # An intern dataset of the gemeente: hidden from a partner, shown to the gemeente's own staff.
    Dataset.objects.filter(indicatoren__code="AandeelMannen").update(zichtbaarheid="intern")
    assert "Aandeel mannen" not in client_partner_a.get("/vergelijk/?gebieden=WK016403,WK016400").content.decode()
    assert "Aandeel mannen" in client_beleid.get("/vergelijk/?gebieden=WK016403,WK016400").content.decode()


@pagina
def test_similar_wijken_of_hasseler_es_on_the_real_data(client, django_assert_num_queries):
    # session, user, account; area with parents; kernset; relative indicators; the area's own values;
    # the candidates x indicators matrix (one statement for all lists); status and source of the top areas
    with django_assert_num_queries(VERGELIJKBAAR_QUERIES):
        antwoord = client.get("/gebied/WK016403/vergelijkbaar/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    # Independently checked (numpy, population SD over the 10 wijken; density, inhabitants per dwelling
    # and water 2024, WOZ, owner-occupied share and employment 2022): Hengelose Es 0.721, Woolde 0.737,
    # Groot Driene 0.797, Noord 0.905, Binnenstad 1.154.
    assert "Hengelose Es (0,72), Woolde (0,74), Groot Driene (0,80), Noord (0,91), Binnenstad (1,15)" in html
    gebruikt = html.split("Gebruikt:")[1].split("</p>")[0]
    assert "Bevolkingsdichtheid (2024)" in gebruikt and "Inwoners per woning (2024)" in gebruikt
    assert "Aandeel water in de oppervlakte (2024)" in gebruikt
    assert "Gemiddelde WOZ-waarde van woningen (2022)" in gebruikt and "Koopwoningen (2022)" in gebruikt
    assert "Aantal inwoners" not in gebruikt  # an absolute count never counts
    assert "over 9 wijken" in html
    # buurten (they have inhabitants and crime, none of the wijk's measures) and other gemeenten: said plainly
    buurten = html.split("Buurten in Hengelo (O.)")[1]
    assert "Bevolkingsdichtheid: geen jaar waarin het gekozen gebied" in buurten
    assert "Er zijn (nog) geen cijfers van wijken in andere gemeenten geladen" in html
    assert 'href="/vergelijk/?gebieden=WK016403,WK016401,WK016407,WK016404,WK016402,WK016400"' in html


@pagina
def test_similar_query_count_does_not_depend_on_the_number_of_candidates(client, django_assert_num_queries):
    with django_assert_num_queries(VERGELIJKBAAR_QUERIES):
        antwoord = client.get("/gebied/GM0164/vergelijkbaar/")  # 341 other gemeenten
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Gemeenten in Nederland" in html
    assert html.count('<th scope="row">') == 6  # Hengelo itself and its 5 most similar gemeenten


@pagina
def test_similar_chosen_indicators_download_and_errors(client):
    html = client.get("/gebied/WK016403/vergelijkbaar/?indicatoren=AandeelMannen,Bevolkingsdichtheid").content.decode()
    gebruikt = html.split("Gebruikt:")[1].split("</p>")[0]
    assert "Aandeel mannen (2024)" in gebruikt and "Inwoners per woning" not in gebruikt
    csv = client.get("/gebied/WK016403/vergelijkbaar/?formaat=csv&tabel=wijken").content.decode("utf-8-sig")
    regels = csv.splitlines()
    assert regels[0].startswith("gebied;code;rang;afstand;aantal indicatoren;Bevolkingsdichtheid")
    assert regels[0].endswith("periode;status;bron")
    assert regels[1].startswith("Hasseler Es;WK016403;gekozen gebied;;6;3302;2,26156751653;244;71;0;63;2022, 2024")
    assert regels[2].startswith("Hengelose Es;WK016401;1;0,7211")
    assert len(regels) == 7
    antwoord = client.get("/gebied/WK016403/vergelijkbaar/?indicatoren=AantalInwoners")
    assert antwoord.status_code == 404 and "Aantallen" in antwoord.content.decode()
    assert client.get("/gebied/WK999999/vergelijkbaar/").status_code == 404


@pagina
def test_similar_for_a_buurt_without_relative_data_explains_instead_of_failing(client):
    antwoord = client.get("/gebied/BU01640300/vergelijkbaar/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Bovenhoek" in html
    assert "geen cijfers van buurten in andere gemeenten" in html


@pagina
def test_similar_with_an_indicator_everywhere_equal_leaves_it_out_and_says_so(client):
    ind = Indicator.objects.get(code="AandeelWater")
    Waarde.objects.filter(indicator=ind, gebied__niveau="wijk").update(waarde=1.0)
    html = client.get("/gebied/WK016403/vergelijkbaar/").content.decode()
    assert (
        "Aandeel water in de oppervlakte: alle gebieden hebben in 2024 dezelfde waarde (standaardafwijking 0)" in html
    )


@pagina
def test_similar_query_count_is_the_same_for_two_or_all_relative_indicators(client, django_assert_num_queries):
    from wijken.models import Gebied

    basis = Indicator.objects.get(code="AandeelMannen")
    extra = Indicator.objects.bulk_create(
        [
            Indicator(code=f"Extra{i}", naam=f"Extra {i}", domein_id=basis.domein_id, dataset_id=basis.dataset_id)
            for i in range(60)
        ]
    )
    wijken = list(Gebied.objects.filter(niveau="wijk", code__startswith="WK0164"))
    Waarde.objects.bulk_create(
        [
            Waarde(indicator=ind, gebied=g, periode=jaar, waarde=(g.id * 7 + ind.id * 3 + int(jaar)) % 17)
            for ind in extra
            for g in wijken
            for jaar in ("2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024")
        ]
    )
    alle = ",".join(["AandeelMannen", "Bevolkingsdichtheid"] + [i.code for i in extra])
    for indicatoren in ("AandeelMannen,Bevolkingsdichtheid", alle):
        with django_assert_num_queries(VERGELIJKBAAR_QUERIES):
            antwoord = client.get(f"/gebied/WK016403/vergelijkbaar/?indicatoren={indicatoren}")
        assert antwoord.status_code == 200
    assert "Extra 59 (2024)" in antwoord.content.decode().split("Gebruikt:")[1].split("</p>")[0]
    # a buurt: three lists, still one matrix statement; no buurt has relative numbers here, so there
    # are no similar areas whose status to read
    with django_assert_num_queries(8):
        assert client.get("/gebied/BU01640300/vergelijkbaar/").status_code == 200


@pagina
def test_similar_falls_back_per_list_to_an_older_period_when_few_candidates_have_the_newest(client):
    from wijken.models import Gebied

    # 2025 numbers for the target and one other wijk only: 1 of 9 wijken is not "most", so the wijken
    # list uses 2024 for this indicator, exactly as kies_periode does (see the plain tests above)
    ind = Indicator.objects.get(code="AandeelMannen")
    for code, waarde in (("WK016403", 49.0), ("WK016400", 51.0)):
        Waarde.objects.create(indicator=ind, gebied=Gebied.objects.get(code=code), periode="2025", waarde=waarde)
    html = client.get("/gebied/WK016403/vergelijkbaar/?indicatoren=AandeelMannen,Bevolkingsdichtheid").content.decode()
    gebruikt = html.split("Gebruikt:")[1].split("</p>")[0]
    assert "Aandeel mannen (2024)" in gebruikt
    assert "Groot Driene" in html
