"""Builders of the comparison and similar-areas pages (`vergelijking.kolomkoppen`, `vergelijk_tabellen`,
`gelijkenis_pagina`) and their form (`forms.VergelijkForm`), on hand-made examples without a database."""

from types import SimpleNamespace

import pytest
from django.http import Http404, QueryDict

from indicatoren.forms import VergelijkbaarForm, VergelijkForm
from indicatoren.gelijkenis_pagina import doel_getallen_van, lijsten_voor
from indicatoren.vergelijking import Cel, VergelijkDomein, VergelijkRij, kolomkoppen, vergelijk_tabellen
from indicatoren.weergave import Getoond


def test_the_compare_form_reads_code_lists_and_checks_the_period_when_asked():
    form = VergelijkForm(QueryDict("gebieden=wk016403,WK016400&gebieden=wk016403&indicatoren=A,a&periode=2024"))
    assert form.cleaned_or_404() == {
        "gebieden": ["WK016403", "WK016400"],
        "toevoegen": [],
        "indicatoren": ["A", "a"],
        "periode": "2024",
    }
    assert form.periode_of_404() == "2024"
    slecht = VergelijkForm(QueryDict("gebieden=A,B&periode=gisteren"))
    slecht.cleaned_or_404()  # the areas can be read; the period only fails when it is asked for
    with pytest.raises(Http404):
        slecht.periode_of_404()
    assert VergelijkbaarForm(QueryDict("indicatoren=X%20Y")).cleaned_or_404() == {"indicatoren": ["X", "Y"]}


def test_column_heads_link_to_the_comparison_without_that_area_while_enough_remain():
    gebieden = [SimpleNamespace(code=c) for c in ("A", "B", "C")]
    params = QueryDict("gebieden=A,B,C&periode=2024", mutable=True)
    koppen = kolomkoppen(
        gebieden,
        labels=["a", "b", "c"],
        urls=["/a/", "/b/", "/c/"],
        params=params,
        querystring=lambda p: p.urlencode(safe=","),
    )
    assert [k["verwijder"] for k in koppen] == [
        "gebieden=B,C&periode=2024",
        "gebieden=A,C&periode=2024",
        "gebieden=A,B&periode=2024",
    ]
    twee = kolomkoppen(gebieden[:2], labels=["a", "b"], urls=["/a/", "/b/"], params=params, querystring=str)
    assert [k["verwijder"] for k in twee] == ["", ""]  # one area left is no comparison


def test_the_comparison_tables_have_one_overview_and_one_chart_table_per_domain():
    ind = SimpleNamespace(naam="Inwoners", code="AantalInwoners", eenheid="aantal", decimalen=0)
    rij = VergelijkRij(ind, "2024", [Cel(Getoond("11.975", 11975.0, "beschikbaar", ""), "CBS"), Cel(None)])
    domein = VergelijkDomein(SimpleNamespace(code="bevolking", naam="Bevolking"), [rij])
    overzicht, grafieken = vergelijk_tabellen([domein], labels=["A", "B"], urls=["/a/", "/b/"], gekozen=["WKA", "WKB"])
    assert overzicht.id == "vergelijking" and overzicht.titel == "Vergelijking van A, B"
    assert overzicht.samenvatting == "1 indicatoren voor 2 gebieden naast elkaar."
    assert overzicht.rijen == [
        ["Bevolking", "Inwoners", "AantalInwoners", "aantal", "2024"]
        + [11975.0, "beschikbaar", "", None, "geen waarde", "niet geladen", "CBS"]
    ]
    (grafiek,) = grafieken
    assert grafiek["id"] == "grafiek-bevolking" and grafiek["tabel"].titel == "Bevolking: 1 indicator vergeleken"
    assert [r[1:4] for r in grafiek["tabel"].rijen] == [["A", "WKA", 11975.0], ["B", "WKB", None]]


def test_similar_lists_per_level_and_the_targets_numbers():
    assert [lijst["id"] for lijst in lijsten_voor(SimpleNamespace(niveau="wijk"), "Hengelo")] == [
        "wijken",
        "buurten",
        "landelijk",
    ]
    assert [lijst["titel"] for lijst in lijsten_voor(SimpleNamespace(niveau="buurt"), "Hengelo")] == [
        "Buurten in Hengelo",
        "Wijken in Hengelo",
        "Buurten in andere gemeenten",
    ]
    assert [lijst["id"] for lijst in lijsten_voor(SimpleNamespace(niveau="gemeente"), "")] == ["gemeenten"]
    getoond = {
        ("WK1", "A", "2023"): (Getoond("3", 3.0, "beschikbaar", ""), "CBS"),
        ("WK1", "A", "2024"): (Getoond("geheim", None, "geheim", "x"), "CBS"),
    }
    assert doel_getallen_van(getoond) == {"A": {"2023": 3.0, "2024": None}}
