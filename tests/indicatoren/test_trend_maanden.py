"""Month axes of the trend chart: rolling series start where their window is complete, and long axes carry
horizontal labels that are never cut off (issue 11 item 7). Plain functions, no database."""

from indicatoren.charts import maand_ticks, trend_figuur
from indicatoren.trend import vanaf_volledig_venster

MAANDEN = [f"{j}-{m:02d}" for j in (2024, 2025, 2026) for m in range(1, 13)]  # 36 months


def test_a_rolling_series_starts_at_its_first_complete_window_and_says_so():
    met_getal = set(MAANDEN[11:])  # 12-month window: the first number is in the 12th month
    perioden, zin = vanaf_volledig_venster(MAANDEN, met_getal, 12)
    assert perioden[0] == "2024-12" and len(perioden) == 25
    assert zin.startswith("De reeks begint in dec 2024: de eerste maand waarin het venster van 12 maanden compleet is")
    assert "(11 eerdere maanden zonder volledig venster weggelaten)" in zin


def test_a_series_without_window_or_without_lead_in_is_left_as_it_is():
    assert vanaf_volledig_venster(MAANDEN, set(MAANDEN[5:]), None) == (MAANDEN, "")
    assert vanaf_volledig_venster(MAANDEN, set(MAANDEN), 12) == (MAANDEN, "")
    assert vanaf_volledig_venster(MAANDEN, set(), 12) == (MAANDEN, "")  # no number at all: the empty state says it


def test_a_long_month_axis_gets_horizontal_labels_counted_back_from_the_latest():
    ticks = maand_ticks(MAANDEN[:24])  # 24 months: every 3rd, 8 labels
    assert ticks["tickangle"] == 0 and ticks["automargin"] is True
    assert ticks["tickvals"] == [
        "mrt 2024",
        "jun 2024",
        "sep 2024",
        "dec 2024",
        "mrt 2025",
        "jun 2025",
        "sep 2025",
        "dec 2025",
    ]
    assert ticks["ticktext"] == ticks["tickvals"]
    assert maand_ticks(MAANDEN[:12]) == {"automargin": True}  # a year of months: Plotly's own ticks fit


def test_the_trend_figure_uses_those_ticks():
    figuur = trend_figuur([("Wijk", [(m, 1.0) for m in MAANDEN[:24]])], titel="t", eenheid="")
    assert figuur["layout"]["xaxis"]["tickvals"][-1] == "dec 2025"
    assert figuur["layout"]["xaxis"]["type"] == "category"
