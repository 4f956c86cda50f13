"""The trend page's builders (`trend.bouw_trend`, `trend.trend_figuur_en_tabel`) on hand-made rows."""

from datetime import date
from types import SimpleNamespace

from indicatoren.trend import bouw_trend, trend_figuur_en_tabel

IND = SimpleNamespace(naam="Inwoners", eenheid="aantal", decimalen=0, onthullingsdrempel=None, venster=None)
WIJK = SimpleNamespace(id=1, weergavenaam="Hasseler Es")
GEMEENTE = SimpleNamespace(id=2, weergavenaam="Hengelo")


def _w(gebied_id, periode, waarde, niveau="wijk", status="beschikbaar"):
    return SimpleNamespace(
        gebied_id=gebied_id, periode=periode, waarde=waarde, status=status, toelichting="", bron="CBS", niveau=niveau
    )


def test_the_series_are_the_area_then_the_references_that_have_values():
    waarden = [_w(1, "2023", 100.0), _w(1, "2024", 110.0), _w(2, "2024", 900.0, "gemeente")]
    trend = bouw_trend(waarden, gebied=WIJK, gemeente=GEMEENTE, indicator=IND)
    assert trend.perioden == ["2023", "2024"]
    assert [naam for naam, _ in trend.series] == ["Hasseler Es", "Hengelo"]
    assert not trend.nl_geladen
    assert trend.eigen["2024"][1].waarde == 110.0
    # the gemeente's own trend has no reference line of itself
    eigen = bouw_trend(waarden, gebied=GEMEENTE, gemeente=GEMEENTE, indicator=IND)
    assert [naam for naam, _ in eigen.series] == ["Hengelo"]


def test_the_table_has_a_row_per_period_and_the_running_month_is_left_out_of_the_summary():
    waarden = [_w(1, "2026-10", 4.0), _w(1, "2026-11", 6.0), _w(1, "2026-12", 1.0), _w(3, "2026-11", 5.0, "land")]
    trend = bouw_trend(waarden, gebied=WIJK, gemeente=None, indicator=IND)
    figuur, tabel = trend_figuur_en_tabel(
        trend, gebied=WIJK, indicator=IND, markeringen=[], interventies=[], vandaag=date(2026, 12, 1)
    )
    assert tabel.kolommen == ["periode", "Hasseler Es", "Nederland", "status Hasseler Es", "reden", "bron"]
    assert tabel.rijen[1] == ["2026-11", 6.0, 5.0, "beschikbaar", "", "CBS"]
    assert tabel.decimalen == {1: 0, 2: 0}
    assert tabel.samenvatting.startswith("Inwoners in Hasseler Es steeg van 4 in okt 2026 naar 6 in nov 2026.")
    assert "Dec 2026 is nog niet compleet" in tabel.samenvatting
    assert figuur["data"]
