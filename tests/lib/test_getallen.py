"""Dutch number notation (lib.getallen): hand-checked values, and the same text as the old formatter."""

import pytest

from lib.getallen import formatteer_getal

pytestmark = pytest.mark.django_db(False)


@pytest.mark.parametrize(
    ("waarde", "decimalen", "tekst"),
    [
        (83058, 0, "83.058"),
        (1234.5, 1, "1.234,5"),
        (1234567.891, 2, "1.234.567,89"),
        (0.125, 2, "0,12"),  # as Python rounds the float (0.125 is exact: half to even)
        (2.675, 2, "2,67"),  # 2.675 is 2.67499... as a float
        (1.999, 2, "2,00"),  # rounded, not cut off (Django's own formatter would write 1,99)
        (-3.5, 1, "-3,5"),
        (-1234.0, 0, "-1.234"),
        (999.995, 2, "1.000,00"),
        (0, 0, "0"),
        (12, 3, "12,000"),
    ],
)
def test_dutch_notation(waarde, decimalen, tekst):
    assert formatteer_getal(waarde, decimalen) == tekst


def _oud(waarde: float, decimalen: int) -> str:
    """The formatter this module replaced (indicatoren.weergave before issue 17)."""
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def test_same_text_as_the_formatter_it_replaced():
    import random

    kans = random.Random(17)
    getallen = [0.0, -0.0, -0.4, 0.5, 1.5, 2.5, 1e20, 1.23e-7, -1e-9, 10**15]
    getallen += [kans.uniform(-1e7, 1e7) for _ in range(2000)] + [kans.randint(-(10**9), 10**9) for _ in range(500)]
    for waarde in getallen:
        for decimalen in range(4):
            assert formatteer_getal(waarde, decimalen) == _oud(waarde, decimalen), (waarde, decimalen)


def test_independent_of_the_active_language():
    from django.utils import translation

    with translation.override("en"):
        assert formatteer_getal(1234.5, 1) == "1.234,5"
