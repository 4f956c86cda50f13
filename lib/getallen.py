"""Numbers in Dutch notation: '1.234,5' (a point groups thousands, a comma separates the decimals).

Django's number formatter with the separators of its Dutch locale, fixed: a page, an export and a
management command write the same text whatever language is active. The number is rounded first
(Python's rounding of the float); Django's formatter itself would cut decimals off instead of rounding.
"""

from django.conf.locale.nl import formats as nl
from django.utils import numberformat


def formatteer_getal(waarde: float, decimalen: int) -> str:
    """1234.5 with 1 decimal -> '1.234,5'; -0.5 with 0 decimals -> '-0' (as Python rounds)."""
    return numberformat.format(
        f"{waarde:.{decimalen}f}",
        nl.DECIMAL_SEPARATOR,
        decimal_pos=decimalen,
        grouping=nl.NUMBER_GROUPING,
        thousand_sep=nl.THOUSAND_SEPARATOR,
        force_grouping=True,
    )
