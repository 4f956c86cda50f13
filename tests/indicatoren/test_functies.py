"""Plain functions without a database: CBS codes, symbols, periods, formulas, display."""

import pytest

from indicatoren.cbs import domein_voor_groep, lees_cbs_waarde, sleutel_basis
from indicatoren.formules import FormuleFout, parse_formule, rekenvolgorde
from indicatoren.models import Status
from indicatoren.weergave import toon
from lib.getallen import formatteer_getal
from lib.perioden import OngeldigePeriode, normaliseer_periode
from wijken import codes


@pytest.mark.parametrize(
    ("code", "niveau", "ouder"),
    [
        ("GM0164", "gemeente", None),
        ("WK016403", "wijk", "GM0164"),
        ("BU01640305", "buurt", "WK016403"),
        ("NL01", "land", None),
    ],
)
def test_cbs_codes_give_level_and_parent(code, niveau, ouder):
    assert codes.niveau_van(code) == niveau
    assert codes.ouder_code(code) == ouder


@pytest.mark.parametrize("fout", ["GM164", "WK0164", "XX016403", "BU0164030", "", "gm0164 x"])
def test_invalid_cbs_codes_are_refused(fout):
    with pytest.raises(codes.OngeldigeCode):
        codes.niveau_van(fout)


def test_odata_padding_is_stripped():
    assert codes.normaliseer("GM0164    ") == "GM0164"


@pytest.mark.parametrize(
    ("ruw", "decimaal", "waarde", "status"),
    [
        (83058, ".", 83058.0, Status.BESCHIKBAAR),
        ("83.058", ",", 83058.0, Status.BESCHIKBAAR),
        ("83,058", ".", 83058.0, Status.BESCHIKBAAR),
        ("12,5", ",", 12.5, Status.BESCHIKBAAR),
        ("1.234,5", ",", 1234.5, Status.BESCHIKBAAR),
        ("83 058", ".", 83058.0, Status.BESCHIKBAAR),
        ("0", ".", 0.0, Status.BESCHIKBAAR),
        (".", ",", None, Status.ONBEKEND),
        ("x", ",", None, Status.GEHEIM),
        ("X", ",", None, Status.GEHEIM),
        ("-", ",", None, Status.NIHIL),
        ("?", ",", None, Status.ONBETROUWBAAR),
        (None, ".", None, Status.ONBEKEND),
        ("", ".", None, Status.ONBEKEND),
        (-99999999, ".", None, Status.ONBEKEND),
        (-99997, ".", None, Status.ONBEKEND),
        ("-12", ".", -12.0, Status.BESCHIKBAAR),
        ("5*", ".", 5.0, Status.VOORLOPIG),
        ("5**", ".", 5.0, Status.NADER_VOORLOPIG),
    ],
)
def test_cbs_cells_become_value_and_status_never_a_zero_for_a_symbol(ruw, decimaal, waarde, status):
    gelezen = lees_cbs_waarde(ruw, decimaalteken=decimaal)
    assert gelezen.waarde == waarde
    assert gelezen.status == status
    if waarde is None:
        assert gelezen.toelichting  # a status always carries its reason


@pytest.mark.parametrize("ruw", ["veel", "1.5", "12a", "nan", "inf", True])
def test_non_numeric_cells_are_refused(ruw):
    with pytest.raises(ValueError):
        lees_cbs_waarde(ruw, decimaalteken=",")


def test_measure_key_suffix_is_dropped():
    assert sleutel_basis("AantalInwoners_5") == "AantalInwoners"
    assert sleutel_basis("k_0Tot15Jaar_8") == "k_0Tot15Jaar"
    assert sleutel_basis("Appartement_54") == "Appartement"


def test_cbs_topic_groups_map_to_portal_domains():
    assert domein_voor_groep("Bevolking") == "bevolking"
    assert domein_voor_groep("Wonen en vastgoed") == "wonen"
    assert domein_voor_groep("Bedrijfsvestigingen, SBI 2008") == "werk-onderwijs"
    assert domein_voor_groep("Iets nieuws") == "overig"


@pytest.mark.parametrize(
    ("ruw", "periode"),
    [
        (2024, "2024"),
        ("2024", "2024"),
        ("2024JJ00", "2024"),
        ("2024KW02", "2024-Q2"),
        ("2024MM03", "2024-03"),
        ("2024-03", "2024-03"),
        ("2024-q1", "2024-Q1"),
        (2024.0, "2024"),
        ("2023*", "2023"),
    ],
)
def test_periods_are_normalised(ruw, periode):
    assert normaliseer_periode(ruw) == periode


@pytest.mark.parametrize("ruw", ["24", "2024-13", "2024-Q5", "1800", "twintig", "", True])
def test_invalid_periods_are_refused(ruw):
    with pytest.raises(OngeldigePeriode):
        normaliseer_periode(ruw)


def test_formula_evaluates_over_indicator_codes():
    formule = parse_formule("1000 * PersonenPerSoortUitkeringBijstand / AantalInwoners")
    assert formule.namen == {"PersonenPerSoortUitkeringBijstand", "AantalInwoners"}
    assert formule.bereken({"PersonenPerSoortUitkeringBijstand": 50, "AantalInwoners": 10000}) == 5.0
    gestippeld = parse_formule("GemiddeldAardgasverbruik.Appartement - 10")
    assert gestippeld.namen == {"GemiddeldAardgasverbruik.Appartement"}
    with pytest.raises(ZeroDivisionError):
        parse_formule("A / B").bereken({"A": 1, "B": 0})


@pytest.mark.parametrize("tekst", ["", "A ** 2", "__import__('os')", "A if B else C", "A(1)", "'x'", "A / ", "2 + 3"])
def test_unsafe_or_invalid_formulas_are_refused(tekst):
    with pytest.raises(FormuleFout):
        parse_formule(tekst)


def test_derived_indicators_are_ordered_inputs_first_and_cycles_refused():
    formules = {"C": parse_formule("B * 2"), "B": parse_formule("A + 1")}
    assert rekenvolgorde(formules) == ["B", "C"]
    with pytest.raises(FormuleFout, match="kringverwijzing"):
        rekenvolgorde({"X": parse_formule("Y + 1"), "Y": parse_formule("X + 1")})


def test_display_uses_dutch_notation_and_reasons_instead_of_zero():
    assert formatteer_getal(83058, 0) == "83.058"
    assert formatteer_getal(2.0772, 2) == "2,08"
    assert toon(83058, Status.BESCHIKBAAR).tekst == "83.058"
    geheim = toon(None, Status.GEHEIM)
    assert geheim.tekst == "geheim (CBS)" and geheim.waarde is None and geheim.reden
    klein = toon(7, Status.BESCHIKBAAR, drempel=10)
    assert klein.tekst == "minder dan 10" and klein.waarde is None and klein.status == Status.ONDER_DREMPEL
    assert toon(0, Status.BESCHIKBAAR).tekst == "0"
    assert toon(5, Status.VOORLOPIG).tekst == "5 (voorlopig)"
