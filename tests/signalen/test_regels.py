"""Plain rules of the signalen app, without the database: the workflow table, working days on the
Dutch holiday calendar, distances, the dashboard rows (per-1,000 rates by hand) and hotspots."""

import itertools
from datetime import date

import pytest

from lib import perioden
from signalen import cijfers
from signalen.geo import afstand_m, omhullend_vak
from signalen.models import BRONGROEPEN, Bron, EscalatieStatus, Status, brongroep_van
from signalen.werkdagen import feestdagen, is_werkdag, werkdagen_later
from signalen.workflow import (
    ESCALATIE_OVERGANGEN,
    NOTITIE_VERPLICHT,
    OVERGANGEN,
    escalatie_overgang_fout,
    mag_overgaan,
    overgang_fout,
    volgende_statussen,
)

S = Status

# The table as agreed, written out independently of signalen.workflow: every pair not listed is refused.
TOEGESTAAN = {
    (S.GEMELD, S.IN_BEHANDELING),
    (S.GEMELD, S.DOORGEZET),
    (S.GEMELD, S.AFGEHANDELD),
    (S.GEMELD, S.GEANNULEERD),
    (S.IN_BEHANDELING, S.DOORGEZET),
    (S.IN_BEHANDELING, S.AFGEHANDELD),
    (S.IN_BEHANDELING, S.GEANNULEERD),
    (S.DOORGEZET, S.IN_BEHANDELING),
    (S.DOORGEZET, S.AFGEHANDELD),
    (S.DOORGEZET, S.GEANNULEERD),
    (S.AFGEHANDELD, S.HEROPEND),
    (S.GEANNULEERD, S.HEROPEND),
    (S.HEROPEND, S.IN_BEHANDELING),
    (S.HEROPEND, S.DOORGEZET),
    (S.HEROPEND, S.AFGEHANDELD),
    (S.HEROPEND, S.GEANNULEERD),
}


@pytest.mark.parametrize(("van", "naar"), list(itertools.product(S.values, S.values)))
def test_every_pair_of_statuses_is_allowed_or_refused_as_agreed(van, naar):
    assert mag_overgaan(van, naar) == ((van, naar) in TOEGESTAAN)
    fout = overgang_fout(van, naar)
    if (van, naar) in TOEGESTAAN:
        assert fout is None
    else:
        assert fout  # a Dutch sentence saying what is possible instead
        assert S(van).label in fout


def test_table_covers_every_status_and_never_targets_itself():
    assert set(OVERGANGEN) == set(S.values)
    assert all(van not in naar for van, naar in OVERGANGEN.items())
    assert {S.AFGEHANDELD, S.GEANNULEERD, S.HEROPEND} == NOTITIE_VERPLICHT
    assert volgende_statussen(S.AFGEHANDELD) == [S.HEROPEND]


def test_refusal_names_the_possible_next_states():
    fout = overgang_fout(S.AFGEHANDELD, S.DOORGEZET)
    assert "niet toegestaan" in fout and "Heropend" in fout
    assert "geen status" in overgang_fout(S.GEMELD, "weg")
    assert "al" in overgang_fout(S.GEMELD, S.GEMELD)


@pytest.mark.parametrize(("van", "naar"), list(itertools.product(EscalatieStatus.values, EscalatieStatus.values)))
def test_escalation_transitions(van, naar):
    open_ = {EscalatieStatus.VERSTUURD, EscalatieStatus.IN_BEHANDELING}
    verwacht = (
        van in open_
        and naar != van
        and not (van == EscalatieStatus.IN_BEHANDELING and naar == EscalatieStatus.VERSTUURD)
    )
    assert (naar in ESCALATIE_OVERGANGEN[van]) == verwacht
    assert (escalatie_overgang_fout(van, naar) is None) == verwacht


# --- working days ----------------------------------------------------------------------------------------


def test_dutch_holidays_2026():
    dagen = feestdagen(2026)
    assert date(2026, 4, 27) in dagen  # Koningsdag, a Monday
    assert date(2026, 12, 25) in dagen and date(2026, 12, 26) in dagen
    assert date(2026, 5, 5) not in dagen  # Bevrijdingsdag: only every five years (2025, 2030)
    assert date(2025, 5, 5) in feestdagen(2025)
    assert not is_werkdag(date(2026, 4, 27))
    assert not is_werkdag(date(2026, 4, 25))  # Saturday
    assert is_werkdag(date(2026, 4, 28))


@pytest.mark.parametrize(
    ("start", "werkdagen", "verwacht", "waarom"),
    [
        (date(2026, 4, 20), 3, date(2026, 4, 23), "Monday + 3: Thursday, no weekend in between"),
        (date(2026, 4, 24), 1, date(2026, 4, 28), "Friday + 1: Saturday, Sunday, Koningsdag Monday skipped"),
        (date(2026, 4, 23), 5, date(2026, 5, 1), "Thursday + 5 across the weekend and Koningsdag"),
        (date(2026, 4, 25), 1, date(2026, 4, 28), "sent on Saturday: next working day is Tuesday after Koningsdag"),
        (date(2026, 12, 23), 2, date(2026, 12, 28), "Wednesday + 2: Thursday, then Christmas Fri/Sat and Sunday"),
        (date(2026, 12, 24), 1, date(2026, 12, 28), "Thursday + 1 over Christmas (25 Fri, 26 Sat) and Sunday"),
        (date(2026, 12, 31), 1, date(2027, 1, 4), "New Year's Day 2027 is a Friday: next is Monday 4 January"),
        (date(2026, 4, 27), 0, date(2026, 4, 28), "a term of 0 on a holiday: the next working day"),
        (date(2026, 5, 13), 1, date(2026, 5, 15), "Wednesday + 1 over Hemelvaartsdag (Thursday 14 May)"),
    ],
)
def test_due_dates_in_working_days(start, werkdagen, verwacht, waarom):
    assert werkdagen_later(start, werkdagen) == verwacht, waarom


def test_negative_term_is_refused():
    with pytest.raises(ValueError, match="niet negatief"):
        werkdagen_later(date(2026, 1, 5), -1)


# --- distances ---------------------------------------------------------------------------------------------


def test_haversine_against_known_distances():
    # 0.001 degree of latitude is 111.2 m everywhere; 0.001 degree of longitude at 52.27 N is 68.1 m.
    assert afstand_m(6.79, 52.27, 6.79, 52.271) == pytest.approx(111.19, abs=0.05)
    assert afstand_m(6.79, 52.27, 6.791, 52.27) == pytest.approx(68.05, abs=0.05)
    assert afstand_m(6.79, 52.27, 6.79, 52.27) == 0
    # Hengelo station to Enschede station is about 8.5 km as the crow flies.
    assert afstand_m(6.7932, 52.2623, 6.8913, 52.2222) == pytest.approx(8_125, rel=0.02)


def test_bounding_box_holds_the_circle():
    minlon, minlat, maxlon, maxlat = omhullend_vak(6.79, 52.27, 100)
    assert afstand_m(6.79, 52.27, 6.79, maxlat) == pytest.approx(100, abs=0.01)
    assert afstand_m(6.79, 52.27, maxlon, 52.27) == pytest.approx(100, abs=0.01)
    assert minlon < 6.79 < maxlon and minlat < 52.27 < maxlat


# --- dashboard rows ------------------------------------------------------------------------------------------


def test_source_groups_cover_every_source_once():
    alle = [b for _, bronnen in BRONGROEPEN.values() for b in bronnen]
    assert sorted(alle) == sorted(Bron.values)
    assert brongroep_van("bewonersavond") == "bewoners"
    assert brongroep_van("wijkronde") == "professionals"


def test_months():
    assert perioden.maanden_tussen("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert perioden.maand_verschuif("2026-01", -1) == "2025-12"
    assert perioden.maand_verschuif("2025-12", 13) == "2027-01"


def test_population_of_that_year_or_the_latest_earlier():
    reeks = {2022: 11800.0, 2024: 11975.0, 2025: None}
    assert cijfers.inwoners_voor(reeks, 2024) == (11975.0, 2024)
    assert cijfers.inwoners_voor(reeks, 2025) == (11975.0, 2024)  # 2025 has no number
    assert cijfers.inwoners_voor(reeks, 2023) == (11800.0, 2022)
    assert cijfers.inwoners_voor(reeks, 2021) == (None, None)


def test_rows_with_hand_computed_rates():
    defs = cijfers.definities([("zwerfvuil", "Zwerfvuil"), ("overlast", "Overlast en asociaal gedrag")])
    codes = [d.code for d in defs]
    assert codes[:2] == ["Signalen", "SignalenPer1000"]
    assert "Signalen_zwerfvuil" in codes and "SignalenPer1000_overlast" in codes
    assert "SignalenBewoners" in codes and "SignalenProfessionalsPer1000" in codes
    tellingen = [
        cijfers.Signaaltelling(1, "2025-03", "zwerfvuil", "bewoners", 2),
        cijfers.Signaaltelling(1, "2025-03", "overlast", "professionals", 1),
        cijfers.Signaaltelling(2, "2025-03", "zwerfvuil", "bewoners", 4),
    ]
    rijen = cijfers.indicatorrijen(
        tellingen,
        gebieden={1: "Hasseler Es", 2: "Bovenhoek"},
        inwoners={1: {2024: 11975.0}},  # no population for the buurt
        maanden=["2024-12", "2025-03"],
        defs=defs,
        lopende_maand="2025-03",
    )
    r = {(x.indicator, x.gebied_id, x.periode): x for x in rijen}
    assert len(rijen) == len(defs) * 2 * 2
    # Hasseler Es, March 2025: 3 signals; 3 * 1000 / 11,975 (2024, the latest earlier year) = 0.25052...
    assert r[("Signalen", 1, "2025-03")].waarde == 3
    assert r[("SignalenPer1000", 1, "2025-03")].waarde == pytest.approx(0.250522, abs=1e-6)
    assert r[("SignalenPer1000", 1, "2025-03")].toelichting == "lopende maand: nog niet compleet; inwoners van 2024"
    assert r[("SignalenPer1000", 1, "2025-03")].status == "voorlopig"
    assert r[("SignalenBewoners", 1, "2025-03")].waarde == 2
    assert r[("SignalenProfessionalsPer1000", 1, "2025-03")].waarde == pytest.approx(1000 / 11975)
    assert r[("Signalen_overlast", 1, "2025-03")].waarde == 1
    # A month without signals is a real 0, not a missing value; December 2024 uses the 2024 population.
    assert r[("Signalen", 1, "2024-12")].waarde == 0 and r[("Signalen", 1, "2024-12")].status == "beschikbaar"
    assert r[("SignalenPer1000", 1, "2024-12")].waarde == 0 and r[("SignalenPer1000", 1, "2024-12")].toelichting == ""
    # The buurt: counts, but no rate without a population (status onbekend with the reason, never 0).
    assert r[("Signalen_zwerfvuil", 2, "2025-03")].waarde == 4
    per_duizend = r[("SignalenPer1000", 2, "2025-03")]
    assert per_duizend.waarde is None and per_duizend.status == "onbekend"
    assert "geen inwonertal" in per_duizend.toelichting and "Bovenhoek" in per_duizend.toelichting


# --- hotspots --------------------------------------------------------------------------------------------------


def test_hotspot_on_a_hand_made_series():
    # Baseline 12 months: mean 1.0; squared deviations 3 x 1 (the 0s) + 3 x 1 (the 2s) = 6, sample variance
    # 6 / 11, SD 0.738549 -> threshold 1 + 2 x 0.738549 = 2.477098.
    basis = [0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1]
    b = cijfers.hotspot_beoordeling(basis + [6])
    assert b is not None
    assert b.gemiddelde == pytest.approx(1.0)
    assert b.sd == pytest.approx(0.738549, abs=1e-6)
    assert b.drempel == pytest.approx(2.477098, abs=1e-6)
    assert b.factor == pytest.approx(6.0)
    # Above the threshold but fewer than the minimum: no hotspot (2 signals in a quiet buurt are noise).
    assert cijfers.hotspot_beoordeling(basis + [4], min_aantal=5) is None
    assert cijfers.hotspot_beoordeling(basis + [4], min_aantal=3) is not None
    # A busy buurt whose month is within its usual spread is no hotspot.
    druk = [8, 12, 9, 11, 10, 7, 13, 10, 9, 11, 10, 10]
    assert cijfers.hotspot_beoordeling(druk + [13]) is None
    assert cijfers.hotspot_beoordeling(druk + [16]) is not None
    # Flat zero baseline: SD 0, so the minimum decides.
    assert cijfers.hotspot_beoordeling([0] * 12 + [5]) is not None
    assert cijfers.hotspot_beoordeling([0] * 12 + [4]) is None


def test_hotspots_sorted_by_excess_and_series_length_checked():
    reeksen = {
        ("a", "zwerfvuil"): [0] * 12 + [6],
        ("b", "overlast"): [1] * 12 + [15],
        ("c", "groen"): [3] * 12 + [3],
    }
    gevonden = cijfers.hotspots(reeksen)
    assert [k for k, _ in gevonden] == [("b", "overlast"), ("a", "zwerfvuil")]
    with pytest.raises(ValueError, match="13 maanden"):
        cijfers.hotspot_beoordeling([1, 2, 3])
