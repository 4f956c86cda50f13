"""Periods that tell the truth: a running month never headlines a monthly indicator (profile, map, trend
summary), the rolling 12-month rate names its window, and a rate over another year's population says so.

The date is frozen in the first days of a month (time-machine), when the running month holds almost nothing
and would read as a sudden fall to 0."""

import json
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from indicatoren.charts import trend_figuur
from indicatoren.profiel import ProfielWaarde, bouw_profiel
from lib import perioden
from lib.perioden import (
    LOPEND,
    andere_perioden_tekst,
    complete_perioden,
    is_compleet,
    kop_periode,
    periode_tekst,
)
from signalen import cijfers, publicatie
from tests.hulp.signalen import melden

INWONERS_HASSELER_ES_2024 = 11975  # CBS AantalInwoners WK016403, 2024 (fixtures): the latest year loaded
BEGIN_DECEMBER = datetime(2026, 12, 2, 9, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))


# --- plain functions ------------------------------------------------------------------------------------------


def test_a_month_or_quarter_is_complete_only_once_it_has_ended():
    vandaag = date(2026, 12, 2)
    assert is_compleet("2026-11", vandaag) and not is_compleet("2026-12", vandaag)
    assert not is_compleet("2027-01", vandaag)  # a later month is not complete either
    assert is_compleet("2026-Q3", vandaag) and not is_compleet("2026-Q4", vandaag)
    assert is_compleet("2026", vandaag)  # a year is a CBS edition (reference date), never a running total
    assert complete_perioden(["2026-10", "2026-11", "2026-12"], vandaag) == ["2026-10", "2026-11"]
    assert kop_periode(["2026-12", "2026-10", "2026-11"], vandaag) == "2026-11"
    assert kop_periode(["2026-12"], vandaag) is None


def test_periods_read_as_dutch_text_and_a_rolling_window_names_both_ends():
    assert periode_tekst("2026-11") == "nov 2026"
    assert periode_tekst("2026-11", 12) == "dec 2025 t/m nov 2026"
    assert periode_tekst("2026-03", 3) == "jan 2026 t/m mrt 2026"
    assert periode_tekst("2024") == "2024"
    assert periode_tekst("2024-Q3") == "3e kwartaal 2024"
    # The generic note for a value over inputs of other periods (crime 2023 per 1,000 inhabitants of 2024).
    assert andere_perioden_tekst("2023", {"inwoners": "2024"}) == "inwoners van 2024"
    assert andere_perioden_tekst("2024", {"inwoners": "2024"}) == ""
    assert andere_perioden_tekst("2026-11", {"inwoners": "2024", "woningen": "2026-11"}) == "inwoners van 2024"


def test_rolling_rate_by_hand():
    defs = cijfers.rollende_definities(cijfers.definities([("zwerfvuil", "Zwerfvuil")]))
    codes = [d.code for d in defs]
    assert codes[0] == "Signalen12mPer1000" and "Signalen12mPer1000_zwerfvuil" in codes
    assert "(12 maanden)" in defs[0].naam
    maanden = perioden.maanden_tussen("2025-11", "2026-12")  # 14 months, the last one running
    tellingen = [cijfers.Signaaltelling(1, m, "zwerfvuil", "bewoners", 2) for m in maanden]
    rijen = cijfers.rollende_rijen(
        tellingen,
        gebieden={1: "Hasseler Es"},
        inwoners={1: {2024: 11975.0}},
        maanden=maanden,
        defs=defs,
        lopende_maand="2026-12",
    )
    r = {(x.indicator, x.periode): x for x in rijen}
    assert ("Signalen12mPer1000", "2026-12") not in r  # the running month gets no rolling value
    # dec 2025 t/m nov 2026: 12 months x 2 signals = 24; 24 x 1000 / 11,975 = 2.004175.
    nov = r[("Signalen12mPer1000", "2026-11")]
    assert nov.waarde == pytest.approx(2.004175, abs=1e-6) and nov.status == "beschikbaar"
    assert nov.toelichting == "inwoners van 2024"
    # Nov 2025 t/m okt 2026 is the first full window: earlier months have no 12 months behind them.
    assert r[("Signalen12mPer1000", "2026-10")].waarde == pytest.approx(24000 / 11975)
    assert r[("Signalen12mPer1000", "2026-09")].waarde is None
    assert "minder dan 12 maanden" in r[("Signalen12mPer1000", "2026-09")].toelichting
    assert "nov 2025" in r[("Signalen12mPer1000", "2026-09")].toelichting


def test_profile_builder_skips_the_running_month_and_says_so_when_only_it_exists():
    class Domein:
        id, code, naam, volgorde = 1, "signalen", "Signalen", 9

    class Ind:
        def __init__(self, id_, code, venster=None):
            self.id, self.code, self.naam, self.domein, self.venster = id_, code, code, Domein, venster
            self.decimalen, self.onthullingsdrempel, self.polariteit, self.absoluut, self.volgorde = (
                0,
                None,
                "neutraal",
                True,
                0,
            )

    maand, alleen_lopend = Ind(1, "Signalen"), Ind(2, "Nieuw")
    rijen = [
        ProfielWaarde(5, maand, "2026-11", 7.0, "beschikbaar", "", "b"),
        ProfielWaarde(5, maand, "2026-12", 0.0, "voorlopig", "lopende maand: nog niet compleet", "b"),
        ProfielWaarde(5, alleen_lopend, "2026-12", 1.0, "voorlopig", "", "b"),
    ]
    profiel = bouw_profiel(rijen, gebied_id=5, gemeente_id=None, nl_id=None, kernset=set(), vandaag=date(2026, 12, 2))
    k = {x.indicator.code: x for x in profiel[0].alle}
    assert (k["Signalen"].periode, k["Signalen"].eigen.waarde, k["Signalen"].periode_tekst) == (
        "2026-11",
        7.0,
        "nov 2026",
    )
    assert k["Nieuw"].eigen.waarde is None and LOPEND in k["Nieuw"].eigen.reden


def test_trend_chart_draws_the_running_month_apart():
    punten = [("2026-10", 5.0), ("2026-11", 7.0), ("2026-12", 0.0)]
    f = trend_figuur([("Hasseler Es", punten)], titel="t", eenheid="", lopend={"2026-12"})
    lijn, lopend = f["data"]
    assert lijn["y"] == [5.0, 7.0, None]
    assert lopend["name"] == f"Hasseler Es: {LOPEND}" and lopend["x"] == ["dec 2026"]
    assert lopend["marker"]["symbol"] == "circle-open"


# --- pages, frozen in the first days of December 2026 ------------------------------------------------------------


@pytest.fixture
def begin_december(stadsdeelregisseur, db):
    """One signal a month in Hasseler Es from November 2025 through November 2026, none yet in December;
    published on 2 December 2026 (the running month then holds 0 signals)."""
    with time_machine.travel(BEGIN_DECEMBER, tick=False):
        for maand in perioden.maanden_tussen("2025-11", "2026-11"):
            melden(stadsdeelregisseur, datum_voorval=date(int(maand[:4]), int(maand[5:]), 10))
        publicatie.signalen_publiceren()
        yield


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _rij(html: str, indicatornaam: str) -> str:
    for rij in re.findall(r"<tr>.*?</tr>", html, flags=re.S):
        if f'<span class="indicatornaam">{indicatornaam}</span>' in rij:
            return _tekst(rij)
    raise AssertionError(f"geen rij voor {indicatornaam}")


def test_running_month_never_headlines_the_profile(begin_december, client):  # log in at the frozen time
    antwoord = client.get("/gebied/WK016403/")
    html = antwoord.content.decode()
    (signalen,) = [d for d in antwoord.context["domeinen"] if d.domein.code == "signalen"]
    kernset = {k.indicator.code: k for k in signalen.kernset}
    assert set(kernset) == {"Signalen12mPer1000", "Signalen"}  # the first screen: rolling rate, last full month
    assert kernset["Signalen"].periode == "2026-11" and kernset["Signalen12mPer1000"].periode == "2026-11"
    aantal = _rij(html, "Signalen (aantal per maand)")
    assert "nov 2026" in aantal and "dec 2026" not in aantal and "voorlopig" not in aantal
    assert " 1 " in aantal  # one signal in November 2026
    # The rolling rate headlines the kernset and names its window and the population year it uses.
    rollend = _rij(html, "Signalen per 1.000 inwoners (12 maanden)")
    assert "dec 2025 t/m nov 2026" in rollend
    assert "1,00" in rollend  # 12 x 1000 / 11,975 = 1.0021
    assert "inwoners van 2024" in rollend
    assert "(voorlopig)" not in _tekst(html)


def test_running_month_never_headlines_the_map(begin_december, client):  # log in at the frozen time
    for indicator, waarde in (("Signalen", "1"), ("Signalen12mPer1000", "1,00")):
        html = client.get(f"/kaart/?indicator={indicator}&niveau=wijk").content.decode()
        kop = _tekst(re.search(r"<h1>.*?</h1>", html, flags=re.S).group(0))
        assert "dec 2026" not in kop and "2026-12" not in kop
        assert ("dec 2025 t/m nov 2026" if indicator.startswith("Signalen12m") else "nov 2026") in kop
        assert waarde in _tekst(html)
    # The rate's note (the population year it uses) is in the map's table too.
    assert "inwoners van 2024" in client.get("/kaart/?indicator=Signalen12mPer1000&niveau=wijk").content.decode()
    # Asked for explicitly, the running month is shown with a warning, never silently.
    html = client.get("/kaart/?indicator=Signalen&niveau=wijk&jaar=2026-12").content.decode()
    assert "Dec 2026 is nog niet compleet (lopende maand)" in html


def test_running_month_never_ends_the_trend_summary(begin_december, client):  # log in at the frozen time
    antwoord = client.get("/gebied/WK016403/trend/Signalen/")
    tabel = antwoord.context["tabel"]
    assert "tot nov 2026 gelijk op 1 signalen" in tabel.samenvatting and "2026-12" not in tabel.samenvatting
    assert "daalde" not in tabel.samenvatting  # 1 a month throughout: no fall to 0
    assert "Dec 2026 is nog niet compleet (lopende maand) en telt" in tabel.samenvatting
    figuur = antwoord.context["figuur"]
    assert any(LOPEND in trace["name"] for trace in figuur["data"])
    assert json.dumps(figuur)  # serialisable for json_script
    rollend = client.get("/gebied/WK016403/trend/Signalen12mPer1000/").context["tabel"].samenvatting
    assert rollend.startswith("Elke waarde telt de 12 maanden tot en met de genoemde maand.")
    assert "2026-12" not in rollend


def test_wijkanalyse_change_sentences_skip_the_running_month(db):
    """A partner's monthly series: the change sentence compares the two last complete months."""
    from indicatoren.models import Dataset, Domein, Indicator, Waarde
    from toegang.regels import toegang_van
    from wijkagenda import lezen
    from wijkagenda.teksten import zinnen_veranderingen
    from wijken.models import Gebied

    ind = Indicator.objects.create(
        code="ProefMaand",
        naam="Proef per maand",
        domein=Domein.objects.get(code="wonen"),
        dataset=Dataset.objects.get(code="cbs-kwb"),
        polariteit="hoger_slechter",
    )
    wijk = Gebied.objects.get(code="WK016403")
    for periode, waarde, status in (
        ("2026-10", 10.0, "beschikbaar"),
        ("2026-11", 12.0, "beschikbaar"),
        ("2026-12", 0.0, "voorlopig"),
    ):
        Waarde.objects.create(indicator=ind, gebied=wijk, periode=periode, waarde=waarde, status=status)
    ia = lezen.indicatoranalyse(wijk, toegang_van(None), vandaag=date(2026, 12, 2))
    (v,) = [v for v in ia.veranderingen.grootste if v.indicator.code == "ProefMaand"]
    assert (v.vorige_periode, v.periode, v.richting) == ("2026-10", "2026-11", "gestegen")
    tekst = " ".join(z.tekst for z in zinnen_veranderingen(ia.veranderingen, "Hasseler Es"))
    assert "steeg" in tekst and "2026-12" not in tekst
