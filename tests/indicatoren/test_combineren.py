"""The combine pages' form and builders (`forms.CombineerForm`, `forms.IndexForm`, `combineren.kies_assen`,
`combineren.index_jaren`) on small hand-made examples, no database."""

from types import SimpleNamespace

import pytest
from django.http import Http404, QueryDict

from indicatoren.combineren import index_jaren, kies_assen
from indicatoren.forms import CombineerForm, IndexForm


def _ind(id_, code, *, absoluut=False, volgorde=0):
    return SimpleNamespace(
        id=id_, code=code, naam=code, absoluut=absoluut, volgorde=volgorde, domein=SimpleNamespace(volgorde=1)
    )


A, B, C = _ind(1, "A", absoluut=True), _ind(2, "B"), _ind(3, "C", volgorde=1)
PER_CODE = {i.code: i for i in (A, B, C)}


def _vraag(query: str) -> dict:
    return CombineerForm(QueryDict(query), indicatoren=PER_CODE).cleaned_or_404()


def test_the_combine_form_reads_level_year_axes_and_the_form_flag():
    assert _vraag("") == {"niveau": "wijk", "jaar": None, "x": None, "y": None, "formulier": False}
    assert _vraag("niveau=%20Buurt%20&jaar=2024&x=A&y=%20B&formulier=1") == {
        "niveau": "buurt",
        "jaar": "2024",
        "x": A,
        "y": B,
        "formulier": True,
    }


@pytest.mark.parametrize(
    ("query", "melding"),
    [
        ("niveau=gemeente&jaar=abc", "Onbekend niveau 'gemeente': kies niveau=wijk of niveau=buurt."),
        (
            "jaar=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%94",
            "'２０２４' is geen jaar: gebruik vier cijfers, bijvoorbeeld jaar=2024.",
        ),
        ("x=A&y=Z", "Er is geen indicator met code 'Z' (gevraagd als y)."),
    ],
)
def test_the_first_bad_parameter_in_field_order_is_the_404(query, melding):
    with pytest.raises(Http404, match=melding.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        _vraag(query)


def test_the_index_form_reads_two_years():
    assert IndexForm(QueryDict("basisjaar=2024")).cleaned_or_404() == {"basisjaar": "2024", "jaar": None}
    with pytest.raises(Http404, match="'24' is geen jaar: gebruik vier cijfers, bijvoorbeeld basisjaar=2024"):
        IndexForm(QueryDict("basisjaar=24")).cleaned_or_404()


def _assen(**kwargs):
    standaard = {
        "x": None,
        "y": None,
        "jaar": None,
        "uit_formulier": False,
        "jaren_per_indicator": {1: {"2023", "2024"}, 2: {"2024"}, 3: {"2022"}},
        "per_id": {i.id: i for i in (A, B, C)},
        "enkelvoud": "wijk",
        "meervoud": "wijken",
    }
    return kies_assen(**(standaard | kwargs))


def test_axes_default_to_rates_before_counts_in_the_latest_common_year():
    assen = _assen()
    assert (assen.x, assen.y, assen.jaar, assen.aanpassingen) == (B, A, "2024", [])
    assert _assen(x=C).jaar == "2022"  # the chosen indicator's latest year
    assert _assen(x=A, y=B).jaar == "2024"


def test_a_year_without_values_is_a_404_for_a_link_and_a_fallback_for_the_form():
    with pytest.raises(Http404, match="Jaren met cijfers op wijkniveau: 2022, 2023, 2024"):
        _assen(jaar="1999")
    assen = _assen(jaar="1999", x=C, uit_formulier=True)
    assert assen.jaar == "2022" and assen.aanpassingen == [
        "Voor de wijken zijn geen cijfers uit 1999: een ander jaar is gekozen."
    ]
    # the form asks for C in 2024, where C has no values: another indicator is chosen, and it says so
    assen = _assen(jaar="2024", x=C, uit_formulier=True)
    assert assen.x == B and assen.aanpassingen == [
        "C heeft geen cijfers voor de wijken in 2024: een andere indicator is gekozen."
    ]


def test_index_years_default_to_the_gemeentes_latest_and_refuse_unknown_ones():
    gebied, gemeente = SimpleNamespace(id=1, weergavenaam="Wijk"), SimpleNamespace(id=2, weergavenaam="Hengelo")
    waarden = [SimpleNamespace(gebied_id=g, periode=p) for g, p in [(1, "2022"), (2, "2023"), (2, "2024")]]
    assert index_jaren(waarden, gebied=gebied, gemeente=gemeente, basisjaar=None, jaar=None) == (
        "2024",
        "2024",
        ["2023", "2024"],
        ["2022", "2023", "2024"],
    )
    assert index_jaren(waarden, gebied=gebied, gemeente=gemeente, basisjaar="2023", jaar="2022")[:2] == (
        "2023",
        "2022",
    )
    with pytest.raises(Http404, match="dus dat kan geen basisjaar zijn"):
        index_jaren(waarden, gebied=gebied, gemeente=gemeente, basisjaar="2022", jaar=None)
    with pytest.raises(Http404, match="Jaren met cijfers: 2022, 2023, 2024"):
        index_jaren(waarden, gebied=gebied, gemeente=gemeente, basisjaar=None, jaar="1999")
