"""Issue 16 item 17: text from people or files that goes into a Plotly chart (annotations, names, hover,
axis labels) is escaped in one helper, so a staff-written action cannot become a clickable link."""

import json
import re

import pytest

from indicatoren.charts import trend_figuur
from indicatoren.charts_combineer import afbreken, index_figuur, spreiding_figuur
from indicatoren.charts_vergelijk import Paneel, Staaf, afstand_figuur, vergelijk_figuur
from lib.grafieken import plotly_opmaak, plotly_tekst
from tests.wijkagenda.test_wijkagenda import agenda  # noqa: F401 - the agenda fixture (actions on a trend)
from wijkagenda.charts import afwijkingen_figuur, signalen_figuur, veranderingen_figuur
from wijkagenda.models import Actie

LINK = '<a href="https://evil.example/">klik hier</a>'
VEILIG = "&lt;a href="


def _geen_opmaak_van_buiten(figuur) -> str:
    tekst = json.dumps(figuur, ensure_ascii=False)
    assert "<a " not in tekst and "</a>" not in tekst
    assert VEILIG in tekst
    return tekst


def test_the_helper_escapes_and_keeps_own_markup():
    assert plotly_tekst("A & B <b>") == "A &amp; B &lt;b&gt;"
    assert plotly_opmaak("<b>{}</b>", "<i>x</i>") == "<b>&lt;i&gt;x&lt;/i&gt;</b>"
    assert plotly_tekst(plotly_opmaak("<b>{}</b>", "x")) == "<b>x</b>"  # not escaped twice
    assert afbreken(f"Een lange titel met {LINK}", 20).count("<br>") >= 2


def test_trend_chart_escapes_names_units_and_markers():
    figuur = trend_figuur(
        [(LINK, [("2023", 1.0), ("2024", 2.0)])],
        titel=LINK,
        eenheid=LINK,
        wijzigingen=[("2024", LINK)],
        interventies=[("2023", f"Actie: {LINK}")],
    )
    _geen_opmaak_van_buiten(figuur)
    assert figuur["data"][0]["hovertemplate"].endswith("<extra></extra>")  # our own markup stays


def test_combine_and_compare_charts_escape_area_and_indicator_names():
    _geen_opmaak_van_buiten(
        spreiding_figuur(
            [(LINK, 1.0, 2.0, "/gebied/WK016403/")],
            titel=LINK,
            x_titel=LINK,
            y_titel="y",
            referentie_x=(1.0, LINK),
        )
    )
    figuur = index_figuur([(LINK, None), ("Wonen", 101.0)], titel=LINK)
    _geen_opmaak_van_buiten(figuur)
    assert figuur["layout"]["annotations"][1]["y"] == figuur["data"][0]["y"][0]  # same escaped category
    paneel = Paneel(LINK, LINK, [Staaf(LINK, 1.0, LINK), Staaf("B", None, "geheim", reden=LINK)])
    _geen_opmaak_van_buiten(vergelijk_figuur([paneel], titel=LINK))
    _geen_opmaak_van_buiten(afstand_figuur([LINK], [0.5], ["/"], titel=LINK))


def test_wijkanalyse_charts_escape_labels():
    _geen_opmaak_van_buiten(afwijkingen_figuur([(LINK, 1.2, "beter")], titel=LINK))
    _geen_opmaak_van_buiten(veranderingen_figuur([(LINK, 3.0, "verbeterd")], titel="t"))
    _geen_opmaak_van_buiten(signalen_figuur([LINK], (LINK, [1.0]), [2.0], titel="t"))


@pytest.mark.django_db
def test_a_staff_written_action_is_no_link_on_the_trend_page(agenda, client):  # noqa: F811
    Actie.objects.filter(omschrijving__startswith="Extra ledigingsronde").update(omschrijving=LINK)
    html = client.get("/gebied/BU01640300/trend/ZonnestroomVermogenWoningen/").content.decode()
    figuur = json.loads(
        re.search(r'<script id="trend-grafiek" type="application/json">(.*?)</script>', html, re.S).group(1)
    )
    labels = [a["text"] for a in figuur["layout"]["annotations"] if a["text"].startswith("▲")]
    assert labels and all("<a" not in t for t in labels)
    assert any("&lt;a href=" in t for t in labels)


def test_signal_chart_category_and_series_names_are_escaped():
    from signalen.charts import maanden_figuur, naast_elkaar_figuur

    kwaad = '<a href="https://example.org">klik</a>'
    staaf = naast_elkaar_figuur([kwaad], [(kwaad, [3])], titel="t")
    lijn = maanden_figuur(["2026-11"], [(kwaad, [3])], titel="t")
    for tekst in (
        staaf["data"][0]["y"][0],
        staaf["data"][0]["name"],
        lijn["data"][0]["name"],
        lijn["data"][0]["hovertemplate"],
    ):
        assert "<a" not in tekst and "&lt;a href" in tekst
