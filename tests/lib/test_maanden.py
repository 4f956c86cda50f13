"""Month and period arithmetic (lib.perioden), one home for every app: hand-checked edges of the year and
of short months."""

from datetime import date, datetime

import pytest

from lib import perioden

pytestmark = pytest.mark.django_db(False)


def test_month_shift_over_year_boundaries():
    assert perioden.maand_verschuif("2026-01", -1) == "2025-12"
    assert perioden.maand_verschuif("2025-12", 1) == "2026-01"
    assert perioden.maand_verschuif("2025-12", 13) == "2027-01"
    assert perioden.maand_verschuif("2026-03", -27) == "2023-12"
    assert perioden.maand_verschuif("2026-03", 0) == "2026-03"


def test_months_between_inclusive_and_empty_when_reversed():
    assert perioden.maanden_tussen("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert perioden.maanden_tussen("2026-02", "2026-02") == ["2026-02"]
    assert perioden.maanden_tussen("2026-03", "2026-02") == []


def test_month_of_a_date_and_its_first_and_last_day():
    assert perioden.maand_van(date(2026, 12, 1)) == "2026-12"
    assert perioden.maand_van(datetime(2027, 1, 31, 23, 59)) == "2027-01"
    assert perioden.maand_begin("2024-02") == date(2024, 2, 1)
    assert perioden.maand_einde("2024-02") == date(2024, 2, 29)  # leap year
    assert perioden.maand_einde("2025-02") == date(2025, 2, 28)
    assert perioden.maand_einde("2025-12") == date(2025, 12, 31)


def test_months_back_keeps_the_day_or_takes_the_last_of_the_month():
    assert perioden.maanden_terug(datetime(2026, 3, 31, 12), 1) == datetime(2026, 2, 28, 12)
    assert perioden.maanden_terug(datetime(2024, 3, 31), 1) == datetime(2024, 2, 29)
    assert perioden.maanden_terug(datetime(2026, 1, 15), 12) == datetime(2025, 1, 15)
    assert perioden.maanden_terug(datetime(2026, 5, 31), 1) == datetime(2026, 4, 30)
    assert perioden.maanden_terug(datetime(2026, 1, 10), 0) == datetime(2026, 1, 10)


def test_the_last_complete_months_end_before_the_running_month():
    assert perioden.laatste_volledige_maanden(date(2026, 12, 1), 3) == ["2026-09", "2026-10", "2026-11"]
    assert perioden.laatste_volledige_maanden(date(2027, 1, 31), 2) == ["2026-11", "2026-12"]
    assert len(perioden.laatste_volledige_maanden(date(2026, 12, 1))) == 24


def test_month_labels_in_dutch():
    assert perioden.maand_label("2026-11") == "nov 2026"
    assert perioden.maand_label("2026-03") == "mrt 2026"
    assert perioden.maand_label("2024") == "2024"
    assert perioden.maand_label("2024-Q3") == "2024-Q3"
    assert perioden.periode_tekst("2026-11", venster=12) == "dec 2025 t/m nov 2026"


def test_first_day_of_a_period_and_the_day_after_it():
    assert perioden.periode_begin("2024") == date(2024, 1, 1)
    assert perioden.periode_begin("2024-Q2") == date(2024, 4, 1)
    assert perioden.periode_begin("2024-03") == date(2024, 3, 1)
    assert perioden.periode_na("2024") == date(2025, 1, 1)
    assert perioden.periode_na("2024-Q4") == date(2025, 1, 1)
    assert perioden.periode_na("2024-Q1") == date(2024, 4, 1)
    assert perioden.periode_na("2024-12") == date(2025, 1, 1)
    assert perioden.periode_na("2024-02") == date(2024, 3, 1)
