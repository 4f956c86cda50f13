"""Profile and trend: plain functions on hand-checked examples, and the pages on the real data."""

import io
import json
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from indicatoren.charts import trend_figuur
from indicatoren.models import Indicator, KernsetItem, Polariteit, Status
from indicatoren.profiel import ProfielWaarde, bouw_profiel, kernset_codes
from indicatoren.trend import samenvatting, wijzigingen_op_perioden
from indicatoren.vergelijken import oordeel
from wijken.geo import grenswijzigingen
from wijken.models import Gebied, GebiedVersie

# --- plain functions, no database ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("waarde", "ref", "polariteit", "code"),
    [
        (12, 10, Polariteit.HOGER_BETER, "beter"),
        (8, 10, Polariteit.HOGER_BETER, "slechter"),
        (12, 10, Polariteit.HOGER_SLECHTER, "slechter"),
        (8, 10, Polariteit.HOGER_SLECHTER, "beter"),
        (10.4, 10, Polariteit.HOGER_BETER, "vergelijkbaar"),
        (12, 10, Polariteit.NEUTRAAL, "hoger"),
        (8, 10, Polariteit.NEUTRAAL, "lager"),
        (0, 0, Polariteit.HOGER_BETER, "vergelijkbaar"),
        (1, 0, Polariteit.HOGER_BETER, "beter"),
    ],
)
def test_judgement_follows_polarity_with_word_and_icon(waarde, ref, polariteit, code):
    uitkomst = oordeel(waarde, ref, polariteit)
    assert uitkomst.code == code
    assert uitkomst.woord and uitkomst.icoon  # never colour alone


def test_no_judgement_without_numbers_or_for_absolute_counts():
    assert oordeel(None, 10, Polariteit.HOGER_BETER) is None
    assert oordeel(10, None, Polariteit.HOGER_BETER) is None
    assert oordeel(11975, 83058, Polariteit.NEUTRAAL, absoluut=True) is None


def test_kernset_per_domain_wijk_override_wins_over_default():
    items = [
        (None, "AantalInwoners", "bevolking"),
        (None, "Aandeel65Plus", "bevolking"),
        (None, "Woningvoorraad", "wonen"),
        (7, "AandeelJonger15", "bevolking"),  # wijk 7 chooses its own bevolking set
        (8, "Koopwoningen", "wonen"),  # another wijk's choice does not leak
    ]
    assert kernset_codes(items, 7) == {"AandeelJonger15", "Woningvoorraad"}
    assert kernset_codes(items, None) == {"AantalInwoners", "Aandeel65Plus", "Woningvoorraad"}


def _indicator(id_, code, domein, *, polariteit=Polariteit.NEUTRAAL, absoluut=False, drempel=None):
    return SimpleNamespace(
        id=id_,
        code=code,
        naam=code,
        domein=domein,
        decimalen=0,
        onthullingsdrempel=drempel,
        polariteit=polariteit,
        absoluut=absoluut,
        volgorde=id_,
        eenheid="%",
    )


def test_profile_takes_the_latest_period_and_references_of_that_period():
    bevolking = SimpleNamespace(id=1, code="bevolking", naam="Bevolking", volgorde=10)
    wonen = SimpleNamespace(id=2, code="wonen", naam="Wonen", volgorde=20)
    a = _indicator(1, "A", bevolking, polariteit=Polariteit.HOGER_BETER)
    b = _indicator(2, "B", wonen, drempel=10)
    rijen = [
        ProfielWaarde(5, a, "2023", 10.0, Status.BESCHIKBAAR, "", "bron"),
        ProfielWaarde(5, a, "2024", 12.0, Status.BESCHIKBAAR, "", "bron"),
        ProfielWaarde(1, a, "2024", 10.0, Status.BESCHIKBAAR, "", "bron"),  # gemeente
        ProfielWaarde(1, a, "2023", 99.0, Status.BESCHIKBAAR, "", "bron"),
        ProfielWaarde(5, b, "2024", 4.0, Status.BESCHIKBAAR, "", "bron"),  # below threshold 10
    ]
    profiel = bouw_profiel(rijen, gebied_id=5, gemeente_id=1, nl_id=None, kernset={"A"})
    assert [d.domein.code for d in profiel] == ["bevolking", "wonen"]
    k = profiel[0].kernset[0]
    assert (k.periode, k.eigen.waarde, k.gemeente.waarde, k.oordeel_gemeente.code) == ("2024", 12.0, 10.0, "beter")
    assert k.aantal_perioden == 2 and k.nl is None
    verborgen = profiel[1].overig[0]
    assert verborgen.eigen.waarde is None and verborgen.eigen.tekst == "minder dan 10"


def test_trend_summary_sentences_cite_the_numbers():
    punten = [("2016", 254.0), ("2017", None), ("2022", 1326.0)]
    tekst = samenvatting("Zonnestroom", "Bovenhoek", punten, "kW", 0)
    assert tekst == "Zonnestroom in Bovenhoek steeg van 254 kW in 2016 naar 1.326 kW in 2022 (1 periode zonder getal)."
    assert "geen getal" in samenvatting("X", "Y", [("2020", None)], "", 0)


def test_trend_summary_names_a_peak_or_low_between_the_ends():
    # A monthly signal series that starts and ends at 0 but peaked in between must not read "gelijk".
    maanden = [("2025-01", 0.0), ("2025-02", 7.0), ("2025-03", 2.0), ("2025-04", 0.0)]
    tekst = samenvatting("Signalen", "Bovenhoek", maanden, "", 0)
    # issue 11: months read "apr 2025" (was "2025-04") and a percentage "10%" (was "10 %")
    assert tekst == "Signalen in Bovenhoek was in apr 2025 even hoog als in jan 2025: 0; het hoogst was 7 in feb 2025."
    daling = [("2020", 10.0), ("2021", 4.0), ("2022", 6.0)]
    assert samenvatting("X", "Y", daling, "%", 0) == (
        "X in Y daalde van 10% in 2020 naar 6% in 2022; het laagst was 4% in 2021."
    )
    aantal = samenvatting("Aantal inwoners", "Hasseler Es", [("2024", 11975.0)], "aantal", 0)
    assert aantal == "Aantal inwoners in Hasseler Es: 11.975 inwoners in 2024 (één periode bekend)."
    gelijk = [("2020", 5.0), ("2021", 5.0), ("2022", 5.0)]
    assert samenvatting("X", "Y", gelijk, "", 0) == "X in Y bleef van 2020 tot 2022 gelijk op 5."


def test_boundary_change_is_placed_on_the_first_period_of_the_new_indeling():
    wijzigingen = [(2019, 2021, 0.107)]
    assert wijzigingen_op_perioden(wijzigingen, ["2018", "2019", "2020", "2021", "2022"]) == [
        ("2021", "grens gewijzigd (2019→2021, 11%)")
    ]
    assert wijzigingen_op_perioden(wijzigingen, ["2022", "2023"]) == []  # outside the series: no marker


def test_trend_figure_marks_boundary_changes_and_uses_dash_styles():
    figuur = trend_figuur(
        [("Bovenhoek", [("2016", 254.0), ("2017", None)]), ("Hengelo", [("2016", 1.0), ("2017", 2.0)])],
        titel="t",
        eenheid="kW",
        wijzigingen=[("2017", "grens gewijzigd")],
    )
    assert figuur["data"][0]["y"] == [254.0, None]
    assert figuur["data"][0]["line"]["dash"] != figuur["data"][1]["line"]["dash"]
    assert figuur["layout"]["shapes"][0]["x0"] == "2017"
    assert figuur["layout"]["annotations"][0]["text"] == "grens gewijzigd"


# --- the real data ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_real_boundary_change_of_bu01640600_between_2019_and_2021_is_detected():
    versies = list(GebiedVersie.objects.filter(gebied__code="BU01640600").values_list("jaar", "geometrie"))
    wijzigingen = grenswijzigingen(versies)
    assert wijzigingen[0][:2] == (2019, 2021)
    assert 0.09 < wijzigingen[0][2] < 0.12  # about 10.7% of the area (shared/data/geo/README.md)


@pytest.mark.django_db
def test_wijk_profile_shows_real_values_references_and_judgements(client):
    html = client.get("/gebied/WK016403/").content.decode()
    assert "11.975" in html and "83.058" in html  # Hasseler Es and Hengelo inhabitants, CBS 2024
    assert "2,26" in html and "2,08" in html  # inhabitants per dwelling, derived
    assert "↑</span> hoger" in html  # InwonersPerWoning is neutral: higher, not better
    assert 'href="/gebied/WK016403/trend/AantalInwoners/"' in html
    # Absolute counts get no judgement: comparing a wijk's count with the gemeente's is meaningless.
    assert "Aantal inwoners" in html


@pytest.mark.django_db
def test_kernset_default_is_shown_first_and_a_wijk_override_replaces_it(client):
    # Issue 11: the kernset opens the profile as tiles ("in het kort") and comes first in its domain's table;
    # the rest of the domain follows in the same folded table (before: a kernset table plus a <details>).
    def tegels_en_bevolking(url):
        html = client.get(url).content.decode()
        tegels = html[html.index('class="tegels"') : html.index("</ul>", html.index('class="tegels"'))]
        bevolking = html[html.index('id="domein-bevolking"') : html.index('id="domein-wonen"')]
        return tegels, bevolking

    tegels, bevolking = tegels_en_bevolking("/gebied/WK016403/")
    eerste = tegels.split('class="tegel"')[1]
    assert "Aantal inwoners" in eerste
    assert bevolking.index("Aantal inwoners") < bevolking.index(">Mannen<")
    wijk = Gebied.objects.get(code="WK016403")
    KernsetItem.objects.create(gebied=wijk, indicator=Indicator.objects.get(code="Mannen"))
    tegels, bevolking = tegels_en_bevolking("/gebied/WK016403/")
    eerste = tegels.split('class="tegel"')[1]
    assert ">Mannen<" in eerste and "Aantal inwoners" not in eerste
    assert bevolking.index(">Mannen<") < bevolking.index("Aantal inwoners")
    # The other wijken keep the default.
    tegels, bevolking = tegels_en_bevolking("/gebied/WK016400/")
    assert "Aantal inwoners" in tegels.split('class="tegel"')[1]
    assert bevolking.index("Aantal inwoners") < bevolking.index(">Mannen<")


@pytest.mark.django_db
def test_profile_downloads_as_csv_and_xlsx_with_status_period_and_source(client):
    antwoord = client.get("/gebied/WK016403/?formaat=csv&tabel=profiel")
    assert antwoord["Content-Type"].startswith("text/csv")
    tekst = antwoord.content.decode("utf-8-sig")
    kop, *regels = tekst.strip().splitlines()
    assert "periode" in kop and "status" in kop and "bron" in kop
    inwoners = next(r.split(";") for r in regels if ";AantalInwoners;" in r)
    assert inwoners[3:7] == ["2024", "11975", "aantal", "beschikbaar"]
    xlsx = client.get("/gebied/WK016403/?formaat=xlsx&tabel=profiel")
    blad = load_workbook(io.BytesIO(xlsx.content)).active
    assert any(r[2] == "AantalInwoners" and r[4] == 11975 for r in blad.iter_rows(values_only=True))
    assert client.get("/gebied/WK016403/?formaat=pdf").status_code == 404


@pytest.mark.django_db
def test_trend_page_real_series_with_table_summary_and_download(client, django_assert_num_queries):
    # session, user, account; gebied (with parents), indicator, values (area + references), boundary versions;
    # +1 (issue 7, deliberate): the wijkagenda's actions linked to this indicator, drawn as markers
    with django_assert_num_queries(8):
        antwoord = client.get("/gebied/BU01640300/trend/ZonnestroomVermogenWoningen/")
    html = antwoord.content.decode()
    assert "steeg van 254 kW in 2016 naar 1.326 kW in 2022" in html
    assert "/static/plotly/plotly.min.js" in html
    figuur = json.loads(html.split('id="trend-grafiek" type="application/json">')[1].split("</script>")[0])
    assert figuur["data"][0]["y"] == [254, 368, 415, 480, 652, 913, 1326]
    csv = client.get("/gebied/BU01640300/trend/ZonnestroomVermogenWoningen/?formaat=csv").content.decode("utf-8-sig")
    assert "2022;1326;beschikbaar" in csv


@pytest.mark.django_db
def test_trend_marks_a_real_boundary_change(client, tmp_path):
    pad = tmp_path / "levering.csv"
    pad.write_text(
        "indicator;gebied;periode;waarde\n"
        + "".join(f"Woningvoorraad;BU01640600;{j};{10 + j - 2018}\n" for j in range(2018, 2023)),
        encoding="utf-8",
    )
    call_command("import_waarden", str(pad), stdout=io.StringIO(), stderr=io.StringIO())
    html = client.get("/gebied/BU01640600/trend/Woningvoorraad/").content.decode()
    figuur = json.loads(html.split('id="trend-grafiek" type="application/json">')[1].split("</script>")[0])
    assert figuur["layout"]["shapes"][0]["x0"] == "2021"
    assert figuur["layout"]["annotations"][0]["text"].startswith("grens gewijzigd (2019→2021")
    assert "Gewijzigde grenzen" in html and "Indeling 2019 → 2021" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/gebied/WK999999/trend/AantalInwoners/", "/gebied/WK016403/trend/BestaatNiet/"],
)
def test_trend_unknown_area_or_indicator_is_404(client, url):
    antwoord = client.get(url)
    assert antwoord.status_code == 404
    assert "Er is geen" in antwoord.content.decode()
