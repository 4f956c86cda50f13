"""Hotspots on the map of a published signal count (/kaart/, issue 11): the signals app's function behind
settings.KAART_HOTSPOTS, and how the map draws them."""

from types import SimpleNamespace

import pytest
from django.utils import timezone

from indicatoren.kaart import KaartGebied, indeling, kaart_figuur
from lib import perioden
from signalen.demo import synthetische_signalen_maken
from signalen.hotspots import hotspots_berekenen
from signalen.kaart import kaart_hotspots
from toegang.regels import toegang_van

pytestmark = pytest.mark.django_db
SIGNALEN = SimpleNamespace(code="signalen")


def signaalindicator(code):
    return SimpleNamespace(code=code, dataset=SIGNALEN)


def test_the_map_of_a_signal_count_gets_the_hotspots_of_its_month_and_category(beleidsmedewerker):
    demo = synthetische_signalen_maken(aantal=3000, seed=42, tot=timezone.localdate())
    maand = perioden.maand_verschuif(perioden.maand_van(timezone.localdate()), -1)
    verwacht = hotspots_berekenen(maand=maand)
    assert verwacht and demo.hotspots  # the demo plants a few in the last complete month
    toegang = toegang_van(beleidsmedewerker)
    alle = kaart_hotspots(toegang=toegang, indicator=signaalindicator("SignalenPer1000"), niveau="buurt", periode=maand)
    assert sorted(h.code for h in alle) == sorted(h.buurt.code for h in verwacht)
    assert all(f"signalen in {maand}" in h.tekst and h.synthetisch for h in alle)
    eerste = verwacht[0].categorie.code
    een = kaart_hotspots(
        toegang=toegang, indicator=signaalindicator(f"SignalenPer1000_{eerste}"), niveau="buurt", periode=maand
    )
    assert {h.code for h in een} == {h.buurt.code for h in verwacht if h.categorie.code == eerste}
    wijken = kaart_hotspots(
        toegang=toegang, indicator=signaalindicator("SignalenPer1000"), niveau="wijk", periode=maand
    )
    assert {h.code for h in wijken} == {h.buurt.ouder.code for h in verwacht}


def test_no_hotspots_and_no_query_for_other_indicators_years_or_partners(
    beleidsmedewerker, partner_a, django_assert_num_queries
):
    cbs = SimpleNamespace(code="Bevolkingsdichtheid", dataset=SimpleNamespace(code="cbs-kwb"))
    medewerker = toegang_van(beleidsmedewerker)
    with django_assert_num_queries(0):
        assert kaart_hotspots(toegang=medewerker, indicator=cbs, niveau="buurt", periode="2026-11") == []
        jaar = kaart_hotspots(
            toegang=medewerker, indicator=signaalindicator("Signalen"), niveau="buurt", periode="2025"
        )
        assert jaar == []
    assert (
        kaart_hotspots(
            toegang=toegang_van(partner_a), indicator=signaalindicator("Signalen"), niveau="buurt", periode="2026-11"
        )
        == []
    )


def test_the_map_draws_a_hotspot_as_a_star_that_opens_the_profile():
    vierkant = {"type": "Polygon", "coordinates": [[[6.7, 52.2], [6.8, 52.2], [6.8, 52.3], [6.7, 52.3], [6.7, 52.2]]]}
    gebied = KaartGebied("BU1", "Buurt", vierkant, 3.0, "3", "beschikbaar", "", "/gebied/BU1/")
    figuur = kaart_figuur([gebied], indeling([3.0]), titel="t", eenheid="", hotspots=[("BU1", "Overlast: 9 signalen")])
    ster = next(s for s in figuur["data"] if s["name"] == "Hotspots")
    assert ster["marker"]["symbol"] == "star" and ster["text"] == ["Overlast: 9 signalen"]
    assert ster["customdata"] == [["/gebied/BU1/"]]
    op_ondergrond = kaart_figuur(
        [gebied],
        indeling([3.0]),
        titel="t",
        eenheid="",
        hotspots=[("BU1", "x")],
        ondergrond="https://t/{z}/{x}/{y}.png",
    )
    assert next(s for s in op_ondergrond["data"] if s["name"] == "Hotspots")["type"] == "scattermap"
