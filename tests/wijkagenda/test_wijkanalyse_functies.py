"""The wijkanalyse's plain functions on small hand-checked examples (no database)."""

import re
import statistics
from datetime import date
from types import SimpleNamespace

import pytest

from indicatoren.weergave import toon
from wijkagenda import analyse, charts, teksten, voortgang

BEVOLKING = SimpleNamespace(code="bevolking", naam="Bevolking", volgorde=1)
INKOMEN = SimpleNamespace(code="inkomen", naam="Inkomen en armoede", volgorde=3)


def ind(
    code,
    polariteit="hoger_beter",
    *,
    domein=INKOMEN,
    volgorde=0,
    absoluut=False,
    decimalen=1,
    eenheid="%",
    naam=None,
    drempel=None,
):
    return SimpleNamespace(
        code=code,
        naam=naam or code,
        polariteit=polariteit,
        domein=domein,
        volgorde=volgorde,
        absoluut=absoluut,
        decimalen=decimalen,
        eenheid=eenheid,
        onthullingsdrempel=drempel,
    )


def g(waarde, status="beschikbaar", drempel=None):
    return toon(waarde, status, decimalen=1, drempel=drempel)


# Five wijken with 10, 20, 30, 40, 50: sample standard deviation = sqrt(250) = 15.8114
WIJKEN = [g(v) for v in (10, 20, 30, 40, 50)]
S = statistics.stdev([10, 20, 30, 40, 50])


def test_standardised_difference_is_the_difference_over_the_spread_of_the_areas():
    assert pytest.approx(15.8114, abs=1e-4) == S
    k = analyse.kenmerk(ind("Inkomen"), "2024", g(50), g(30), WIJKEN)
    assert k.z == pytest.approx(20 / S)  # 1.2649
    assert k.score == pytest.approx(1.2649, abs=1e-4)
    assert k.n_gebieden == 5


def test_polarity_turns_a_higher_value_into_a_concern_when_higher_is_worse():
    k = analyse.kenmerk(ind("Bijstand", "hoger_slechter"), "2024", g(50), g(30), WIJKEN)
    assert k.z > 0 and k.score == pytest.approx(-20 / S)


def test_neutral_indicators_get_a_z_but_no_score_and_are_listed_without_judgement():
    k = analyse.kenmerk(ind("Dichtheid", "neutraal", domein=BEVOLKING), "2024", g(50), g(30), WIJKEN)
    assert k.score is None and k.z == pytest.approx(20 / S)
    [d] = analyse.sterke_en_aandachtspunten([k])
    assert d.opvallend == [k] and not d.sterk and not d.zorg


def test_suppressed_values_are_never_used_not_for_the_area_and_not_in_the_spread():
    geheim = g(None, "geheim")
    onder = g(4, drempel=10)  # a number under the disclosure threshold: not shown, not used
    assert onder.waarde is None
    k = analyse.kenmerk(ind("Inkomen"), "2024", geheim, g(30), WIJKEN)
    assert k.z is None and k.reden.startswith("geen getal")
    # 10 is under the threshold of 10? no: 10 is shown; 4 is hidden, so the spread uses 20, 30, 40, 50 only
    met_onderdrempel = [onder, g(20), g(30), g(40), g(50)]
    k = analyse.kenmerk(ind("Inkomen"), "2024", g(50), g(30), met_onderdrempel)
    assert k.n_gebieden == 4
    assert k.spreiding == pytest.approx(statistics.stdev([20, 30, 40, 50]))


def test_missing_hengelo_too_few_areas_no_spread_and_counts_are_left_out_with_their_reason():
    assert "Hengelo" in analyse.kenmerk(ind("A"), "2024", g(5), None, WIJKEN).reden
    assert "te weinig" in analyse.kenmerk(ind("A"), "2024", g(5), g(3), [g(1), g(2)]).reden
    assert "spreiding" in analyse.kenmerk(ind("A"), "2024", g(5), g(5), [g(5)] * 4).reden
    assert "aantal" in analyse.kenmerk(ind("A", absoluut=True), "2024", g(5), g(3), WIJKEN).reden


def test_strengths_and_concerns_are_picked_by_directed_score_with_a_threshold_and_a_maximum():
    hengelo = g(30)
    kenmerken = [
        analyse.kenmerk(ind("A", volgorde=1), "2024", g(50), hengelo, WIJKEN),  # +1.26 strength
        analyse.kenmerk(ind("B", volgorde=2), "2024", g(36), hengelo, WIJKEN),  # +0.38 below the threshold
        analyse.kenmerk(ind("C", "hoger_slechter", volgorde=3), "2024", g(45), hengelo, WIJKEN),  # -0.95 concern
        analyse.kenmerk(ind("D", volgorde=4), "2024", g(10), hengelo, WIJKEN),  # -1.26 concern (largest)
        analyse.kenmerk(ind("E", volgorde=5), "2024", g(40), hengelo, WIJKEN),  # +0.63 strength
        analyse.kenmerk(ind("F", volgorde=6), "2024", g(None, "geheim"), hengelo, WIJKEN),
    ]
    [d] = analyse.sterke_en_aandachtspunten(kenmerken)
    assert [k.indicator.code for k in d.sterk] == ["A", "E"]
    assert [k.indicator.code for k in d.zorg] == ["D", "C"]
    assert [k.indicator.code for k in d.niet_beoordeeld] == ["F"]
    [d] = analyse.sterke_en_aandachtspunten(kenmerken, maximum=1)
    assert [k.indicator.code for k in d.sterk] == ["A"] and [k.indicator.code for k in d.zorg] == ["D"]


def test_ties_are_broken_by_indicator_order_then_code_whatever_the_input_order():
    hengelo = g(30)
    kenmerken = [
        analyse.kenmerk(ind(c, volgorde=v), "2024", g(50), hengelo, WIJKEN) for c, v in [("Z", 1), ("B", 2), ("A", 2)]
    ]
    for volgorde in (kenmerken, kenmerken[::-1]):
        [d] = analyse.sterke_en_aandachtspunten(volgorde)
        assert [k.indicator.code for k in d.sterk] == ["Z", "A", "B"]


def test_domains_come_in_domain_order():
    k1 = analyse.kenmerk(ind("X", domein=INKOMEN), "2024", g(50), g(30), WIJKEN)
    k2 = analyse.kenmerk(ind("Y", "neutraal", domein=BEVOLKING), "2024", g(50), g(30), WIJKEN)
    assert [d.domein.code for d in analyse.sterke_en_aandachtspunten([k1, k2])] == ["bevolking", "inkomen"]


# --- changes ---------------------------------------------------------------------------------------------------


def test_previous_period_is_of_the_same_kind():
    assert analyse.vorige_en_laatste(["2022", "2023", "2024"]) == ("2023", "2024")
    assert analyse.vorige_en_laatste(["2024-Q1", "2024-02", "2024-03"]) == ("2024-02", "2024-03")
    assert analyse.vorige_en_laatste(["2024-Q1", "2024-03", "2024-Q2"]) == ("2024-Q1", "2024-Q2")
    assert analyse.vorige_en_laatste(["2024"]) is None


def test_change_with_polarity_and_relative_size():
    v = analyse.verandering(ind("Bijstand", "hoger_slechter"), {"2022": g(40), "2023": g(50)})
    assert (v.verschil, v.relatief, v.richting, v.oordeel) == (10, 0.25, "gestegen", "verslechterd")
    assert v.is_trend


def test_a_boundary_change_between_the_periods_gives_a_warning_not_a_trend():
    wijziging = (2021, 2025, 0.031)
    v = analyse.verandering(ind("A"), {"2024": g(40), "2025": g(50)}, [wijziging])
    assert v.grenswijziging == wijziging and not v.is_trend
    # the same change does not concern two periods both under the old indeling
    v = analyse.verandering(ind("A"), {"2023": g(40), "2024": g(50)}, [wijziging])
    assert v.grenswijziging is None and v.is_trend


def test_largest_changes_rank_by_relative_size_and_keep_warnings_and_missing_apart():
    reeksen = {
        "A": {"2023": g(100), "2024": g(110)},  # +10%
        "B": {"2023": g(10), "2024": g(5)},  # -50%
        "C": {"2023": g(None, "geheim"), "2024": g(5)},  # no number
        "D": {"2023": g(7), "2024": g(7)},  # no change: not in the list
    }
    vs = analyse.grootste_veranderingen(analyse.verandering(ind(c), r) for c, r in reeksen.items())
    assert [v.indicator.code for v in vs.grootste] == ["B", "A"]
    assert [v.indicator.code for v in vs.zonder_getal] == ["C"]
    assert "geheim" in vs.zonder_getal[0].reden or "CBS" in vs.zonder_getal[0].reden


# --- signals ---------------------------------------------------------------------------------------------------


def test_signal_categories_stand_out_by_rate_against_hengelo():
    rijen = [
        # (in area, category, current window, synthetic, n)
        (True, "zwerfvuil", True, False, 12),
        (False, "zwerfvuil", True, False, 28),  # Hengelo: 40 in total
        (True, "zwerfvuil", False, False, 6),
        (True, "groen", True, True, 2),
        (False, "groen", True, False, 98),
    ]
    b = analyse.signaalbeeld(
        rijen,
        categorieen=[("groen", "Groen"), ("zwerfvuil", "Zwerfvuil")],
        inwoners=2000,
        inwoners_gemeente=80000,
        periode="2025-01 t/m 2025-12",
        vorige_periode="2024-01 t/m 2024-12",
        open_escalaties=3,
        te_laat=1,
    )
    zwerfvuil = b.categorieen[0]
    assert zwerfvuil.code == "zwerfvuil" and zwerfvuil.valt_op
    assert zwerfvuil.per_1000 == 6.0 and zwerfvuil.per_1000_gemeente == 0.5  # 12/2000*1000, 40/80000*1000
    assert zwerfvuil.factor == 12.0 and zwerfvuil.trend == "meer"
    groen = b.categorieen[1]
    assert groen.per_1000 == 1.0 and groen.per_1000_gemeente == 1.25 and not groen.valt_op
    assert (b.totaal, b.totaal_vorig, b.synthetisch) == (14, 6, 2)


def test_without_population_the_rate_is_left_out_with_a_reason_never_zero():
    b = analyse.signaalbeeld(
        [(True, "groen", True, False, 7)],
        categorieen=[("groen", "Groen")],
        inwoners=None,
        inwoners_gemeente=80000,
        periode="p",
        vorige_periode="q",
        gebied_naam="Bovenhoek",
    )
    c = b.categorieen[0]
    assert c.per_1000 is None and "Bovenhoek" in c.reden and not c.valt_op


# --- sentences -------------------------------------------------------------------------------------------------


def _in_zin(zin: teksten.Zin):
    """Every cited number appears in the sentence as a whole number (not part of a larger one)."""
    for getal in zin.getallen:
        assert re.search(rf"(?<![\d,.]){re.escape(getal)}(?![\d])", zin.tekst), (getal, zin.tekst)


def test_strength_sentence_cites_the_values_shown_in_the_table():
    i = ind("Inkomen", naam="Gemiddeld inkomen", eenheid="x 1.000 euro", decimalen=1)
    k = analyse.kenmerk(
        i,
        "2024",
        toon(31.6, "beschikbaar", decimalen=1),
        toon(27.4, "beschikbaar", decimalen=1),
        [g(v) for v in (22.0, 27.4, 31.6, 25.0)],
    )
    zin = teksten.zin_kenmerk(k, "Hasseler Es")
    assert zin.tekst == (
        "Gemiddeld inkomen is in Hasseler Es duidelijk beter dan in Hengelo: 31,6 x 1.000 euro tegen "
        "27,4 x 1.000 euro (2024)."
    )
    assert zin.getallen == ("31,6", "27,4")
    assert zin.getallen[0] == teksten.getoond_tekst(k.waarde, 1)  # what the table cell shows
    _in_zin(zin)


def test_change_sentences_cite_old_new_and_percentage():
    v = analyse.verandering(
        ind("Bijstand", "hoger_slechter", naam="Bijstand", eenheid="per 1.000 inwoners"), {"2022": g(40), "2023": g(50)}
    )
    zin = teksten.zin_verandering(v, "Berflo Es")
    assert zin.tekst == (
        "Bijstand steeg in Berflo Es van 40,0 per 1.000 inwoners in 2022 naar 50,0 per 1.000 inwoners in 2023, "
        "+25,0%; dat is verslechterd."
    )
    assert zin.getallen == ("40,0", "50,0", "+25,0%")
    _in_zin(zin)


def test_boundary_sentence_says_no_trend_and_cites_the_share():
    v = analyse.verandering(
        ind("A", naam="Woningvoorraad", eenheid=""), {"2024": g(40), "2025": g(50)}, [(2021, 2025, 0.031)]
    )
    zin = teksten.zin_verandering(v, "Bovenhoek")
    assert "geen trend" in zin.tekst and "3,1%" in zin.tekst
    _in_zin(zin)


def test_every_signal_sentence_matches_its_numbers():
    b = analyse.signaalbeeld(
        [
            (True, "zwerfvuil", True, True, 12),
            (False, "zwerfvuil", True, False, 28),
            (True, "zwerfvuil", False, False, 6),
        ],
        categorieen=[("zwerfvuil", "Zwerfvuil")],
        inwoners=2000,
        inwoners_gemeente=80000,
        periode="2025-01 t/m 2025-12",
        vorige_periode="2024-01 t/m 2024-12",
        open_escalaties=1,
        te_laat=0,
    )
    zinnen = teksten.zinnen_signalen(b, "Hasseler Es")
    for zin in zinnen:
        _in_zin(zin)
    tekst = " ".join(z.tekst for z in zinnen)
    assert "12 signalen" in tekst and "6,00 per 1.000 inwoners tegen 0,50" in tekst and "12,0 keer" in tekst
    assert "synthetische demo-signalen" in tekst
    assert "Er staat 1 escalatie open bij partners, waarvan 0 over de streefdatum." in tekst


def test_a_domain_without_differences_says_so():
    k = analyse.kenmerk(ind("A"), "2024", g(30), g(30), WIJKEN)
    [d] = analyse.sterke_en_aandachtspunten([k])
    [zin] = teksten.zinnen_domein(d, "Tuindorp")
    assert zin.tekst.startswith("In inkomen en armoede wijkt Tuindorp op geen enkele indicator duidelijk af")


# --- charts ----------------------------------------------------------------------------------------------------


def test_deviation_chart_labels_bars_with_words_not_colour_alone():
    f = charts.afwijkingen_figuur([("Inkomen", 1.26, "beter"), ("Bijstand", -0.95, "slechter")], titel="t")
    bar = f["data"][0]
    assert bar["x"] == [1.26, -0.95]
    assert bar["text"] == ["beter (+1,3)", "slechter (-0,9)"] or bar["text"][0].startswith("beter")
    assert bar["marker"]["pattern"]["shape"] == ["", "/"]


def test_signal_chart_has_area_and_hengelo_series():
    f = charts.signalen_figuur(["Groen"], ("Hasseler Es", [1.0]), [1.25], titel="t")
    assert [s["name"] for s in f["data"]] == ["Hasseler Es", "Hengelo"]


# --- movement since an opgave was opened, action markers -------------------------------------------------


def test_indicator_movement_since_opening_uses_the_last_figure_before_the_opening():
    i = ind("Bijstand", "hoger_slechter", eenheid="", decimalen=0)
    reeks = {"2022": g(40), "2023": g(50), "2024": g(45)}
    b = voortgang.indicator_beweging(i, reeks, date(2023, 6, 1))
    assert (b.basis_periode, b.laatste_periode, b.oordeel) == ("2023", "2024", "verbeterd")
    assert b.tekst == "van 50 (2023) naar 45 (2024): verbeterd"
    b = voortgang.indicator_beweging(i, reeks, date(2025, 1, 10))
    assert b.tekst == "nog geen nieuwer cijfer dan bij de opening: 45 (2024)"
    assert voortgang.indicator_beweging(i, {}, date(2025, 1, 1)).tekst == "geen cijfers voor deze wijk geladen"


def test_signal_movement_compares_six_months_before_with_the_complete_months_since():
    per_maand = {"2025-01": 2, "2025-06": 4, "2025-07": 1, "2025-09": 3, "2025-11": 9}
    s = voortgang.signaal_beweging("Zwerfvuil", per_maand, date(2025, 7, 15), date(2025, 11, 20))
    # before: 2025-01 .. 2025-06 (6 months, 6 signals); since: 2025-07 .. 2025-10 (4 complete months, 4)
    assert (s.voor, s.maanden_voor, s.sinds, s.maanden_sinds) == (6, 6, 4, 4)
    assert s.per_maand_voor == 1.0 and s.per_maand_sinds == 1.0


def test_action_dates_land_on_the_period_they_fall_in():
    jaren = ["2016", "2017", "2018", "2019", "2020", "2021", "2022"]
    assert voortgang.periode_van_datum(date(2019, 6, 1), jaren) == "2019"
    assert voortgang.periode_van_datum(date(2015, 6, 1), jaren) is None
    assert voortgang.periode_van_datum(date(2023, 2, 1), jaren) is None
    assert voortgang.periode_van_datum(date(2024, 3, 31), ["2024-01", "2024-02", "2024-03"]) == "2024-03"
    assert voortgang.periode_van_datum(date(2024, 5, 1), ["2024-Q1", "2024-Q2"]) == "2024-Q2"
    assert voortgang.actie_markeringen(
        [(date(2021, 3, 1), "b"), (date(2019, 1, 1), "a"), (date(2030, 1, 1), "c")], jaren
    ) == [("2019", "a"), ("2021", "b")]


def test_trend_chart_draws_interventions_as_labelled_dashed_lines():
    from indicatoren.charts import trend_figuur

    f = trend_figuur(
        [("X", [("2019", 1.0), ("2020", 2.0)])],
        titel="t",
        eenheid="kW",
        wijzigingen=[("2020", "grens gewijzigd")],
        interventies=[("2019", "Actie: a"), ("2019", "Actie: b")],
    )
    streepjes = [s for s in f["layout"]["shapes"] if s["line"]["dash"] == "dash"]
    assert [s["x0"] for s in streepjes] == ["2019", "2019"]
    teksten_ = [a["text"] for a in f["layout"]["annotations"]]
    assert teksten_ == ["grens gewijzigd", "▲ Actie: a", "▲ Actie: b"]
    ys = [a["y"] for a in f["layout"]["annotations"][1:]]
    assert ys[0] > ys[1]  # stacked, not on top of each other


def test_indicator_movement_never_ends_on_the_running_month():
    """A published count of the running month (December 2026 on 2 December) is not yet a result: the movement
    ends on the last complete month."""
    i = ind("Signalen zwerfvuil", "hoger_slechter", eenheid="", decimalen=0)
    reeks = {"2026-07": g(2), "2026-11": g(3), "2026-12": g(0)}
    b = voortgang.indicator_beweging(i, reeks, date(2026, 8, 1), date(2026, 12, 2))
    assert (b.basis_periode, b.laatste_periode) == ("2026-07", "2026-11")
    assert "2026-12" not in b.tekst
