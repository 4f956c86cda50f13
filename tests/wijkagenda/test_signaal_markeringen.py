"""Agenda actions drawn on the trend of a published signal count too (issue 11 item 7), as on indicator trends."""

import json
import re
from datetime import date

import pytest

from indicatoren.models import Dataset, Domein, Indicator, Waarde
from signalen.models import Categorie
from toegang.models import Organisatie
from wijkagenda import services
from wijkagenda.markeringen import signaalcategorie_van
from wijken.models import Gebied

pytestmark = pytest.mark.django_db


@pytest.fixture
def signaaltrend(stadsdeelregisseur):
    """Hasseler Es: a monthly zwerfvuil count (as publiceer_signalen writes it) and an opgave on zwerfvuil
    (linked to the category, not to the indicator) with an action that started in March 2026."""
    dataset, _ = Dataset.objects.get_or_create(
        code="signalen",
        defaults={"naam": "Signalen", "eigenaar": Organisatie.objects.get(code="gemeente-hengelo")},
    )
    domein, _ = Domein.objects.get_or_create(code="signalen", defaults={"naam": "Signalen", "volgorde": 90})
    indicator = Indicator.objects.create(
        code="Signalen_zwerfvuil", naam="Signalen zwerfvuil (aantal per maand)", domein=domein, dataset=dataset
    )
    wijk = Gebied.objects.get(code="WK016403")
    for maand in range(1, 7):
        Waarde.objects.create(indicator=indicator, gebied=wijk, periode=f"2026-{maand:02d}", waarde=maand, bron="t")
    opgave = services.opgave_opslaan(
        door=stadsdeelregisseur,
        wijk=wijk,
        titel="Zwerfvuil rond de winkels",
        domein=Domein.objects.get(code="fysieke-leefomgeving"),
        signaalcategorieen=[Categorie.objects.get(code="zwerfvuil")],
        geopend_op=date(2026, 2, 1),
    )
    services.actie_opslaan(
        door=stadsdeelregisseur,
        opgave=opgave,
        omschrijving="Extra ledigingsronde",
        eigenaar=Organisatie.objects.get(code="gildebor"),
        startdatum=date(2026, 3, 10),
        streefdatum=date(2026, 9, 30),
    )
    return indicator


def test_the_signal_category_of_a_published_count_is_read_from_its_code():
    signalen = type("D", (), {"code": "signalen"})()
    ander = type("D", (), {"code": "cbs-kwb"})()
    assert signaalcategorie_van(type("I", (), {"code": "Signalen12mPer1000_zwerfvuil", "dataset": signalen})()) == (
        "zwerfvuil"
    )
    assert signaalcategorie_van(type("I", (), {"code": "SignalenPer1000", "dataset": signalen})()) == ""
    assert signaalcategorie_van(type("I", (), {"code": "Signalen_x", "dataset": ander})()) is None


def test_an_action_of_an_opgave_on_the_category_is_drawn_on_the_signal_count_trend(client, signaaltrend):
    html = client.get("/gebied/WK016403/trend/Signalen_zwerfvuil/").content.decode()
    figuur = json.loads(re.search(r'<script id="trend-grafiek" type="application/json">(.*?)</script>', html, re.S)[1])
    labels = [a["text"] for a in figuur["layout"]["annotations"]]
    assert any("Actie: Extra ledigingsronde" in t for t in labels)
    assert any(a["x"] == "mrt 2026" for a in figuur["layout"]["annotations"])
    assert "Acties uit de wijkagenda" in html


def test_no_marker_on_the_signal_trend_of_another_category(client, signaaltrend):
    signaaltrend.code = "Signalen_groen"
    signaaltrend.save(update_fields=["code"])
    html = client.get("/gebied/WK016403/trend/Signalen_groen/").content.decode()
    assert "Extra ledigingsronde" not in html
