"""The home page and finding an area by name (issue 11): the search function on hand-checked examples, the
search page, and what each role sees first on the real Hengelo data."""

import json
import re
from types import SimpleNamespace

import pytest

from signalen import services
from tests.hulp.signalen import melden
from toegang.models import Organisatie
from wijken.zoeken import zoek_gebieden


def _g(code, naam, niveau):
    return SimpleNamespace(code=code, weergavenaam=naam, niveau=niveau)


GEBIEDEN = [
    _g("WK016403", "Hasseler Es", "wijk"),
    _g("WK016405", "Berflo Es", "wijk"),
    _g("BU01640501", "Berflo Es Noord", "buurt"),
    _g("BU01640300", "Bovenhoek", "buurt"),
    _g("BU01640102", "'t Wilbert", "buurt"),
    _g("BU01640404", "Esrein", "buurt"),
]


def _codes(term):
    return [t.gebied.code for t in zoek_gebieden(term, GEBIEDEN)]


def test_search_puts_exact_names_first_then_names_and_words_that_start_with_the_term():
    assert _codes("Berflo Es") == ["WK016405", "BU01640501"]
    assert _codes("  berflo-es ") == ["WK016405", "BU01640501"]  # case, spaces and punctuation do not matter
    # "es": Esrein starts with it; the Es wijken and buurt have a word starting with it; wijken first
    assert _codes("es") == ["BU01640404", "WK016405", "WK016403", "BU01640501"]
    assert _codes("wilbert") == ["BU01640102"]
    assert _codes("hoek") == ["BU01640300"]  # inside a word: last
    assert _codes("wk016403") == ["WK016403"]  # the CBS code works too


def test_search_with_nothing_to_look_for_finds_nothing():
    assert _codes("") == [] and _codes("   ") == [] and _codes("--") == []
    assert _codes("Enschede") == []
    assert _codes("x" * 10_000) == []  # a huge term is cut, not an error


@pytest.mark.django_db
def test_one_exact_match_opens_its_profile_and_several_are_listed(client):
    antwoord = client.get("/zoeken/?q=bovenhoek")
    assert antwoord.status_code == 302 and antwoord["Location"] == "/gebied/BU01640300/"
    html = client.get("/zoeken/?q=es").content.decode()
    assert "Gevonden voor ‘es’" in html
    assert 'href="/gebied/WK016403/"' in html and "buurt in Berflo Es" in html
    html = client.get("/zoeken/?q=Amsterdam").content.decode()
    assert "Niets gevonden voor ‘Amsterdam’" in html
    assert client.get("/zoeken/?q=" + "a" * 500).status_code == 200


@pytest.mark.django_db
def test_home_shows_the_city_map_search_and_the_regisseurs_wijken(client_regisseur):
    html = client_regisseur.get("/").content.decode()
    assert 'action="/zoeken/"' in html
    figuur = json.loads(re.search(r'<script id="stadskaart" type="application/json">(.*?)</script>', html, re.S)[1])
    vlakken = figuur["data"][0]
    assert len(vlakken["locations"]) == 10
    assert ["/gebied/WK016403/", "Hasseler Es"] in vlakken["customdata"]  # a click opens the profile
    assert vlakken["z"][vlakken["locations"].index("WK016403")] == 1  # the portfolio is drawn darker
    assert figuur["data"][1]["mode"] == "text" and "Hasseler Es" in figuur["data"][1]["text"]  # labels
    mijn = html[html.index('id="mijn-wijken-kop"') : html.index("</section>", html.index('id="mijn-wijken-kop"'))]
    assert 'href="/gebied/WK016403/"' in mijn and 'href="/gebied/WK016400/"' not in mijn
    assert "Hotspots" in html  # staff see the hotspots
    assert "Mijn escalaties" not in html


@pytest.mark.django_db
def test_home_shows_a_partner_its_open_escalations_and_no_hotspots(client_partner_a, stadsdeelregisseur):
    html = client_partner_a.get("/").content.decode()
    assert "Mijn escalaties" in html and "geen open escalaties" in html
    assert "Hotspots" not in html and "Mijn wijken" not in html
    signaal = melden(stadsdeelregisseur)
    welbions = Organisatie.objects.get(code="welbions")
    services.escaleren(
        signaal_id=signaal.pk, partner_ids=[welbions.pk], gevraagde_actie="Container legen.", door=stadsdeelregisseur
    )
    html = client_partner_a.get("/").content.decode()
    assert f'href="/signalen/{signaal.pk}/"' in html
    assert "Bovenhoek" in html and "streefdatum" in html
