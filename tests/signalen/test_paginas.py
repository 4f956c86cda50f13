"""The signalen pages: who sees what (regisseur in and out of the portfolio, partners, beleidsmedewerker,
anonymous), the worklist filters and sorting, the detail with history/escalations/duplicates, the log form
with its map, the workflow forms, and the query budget of the worklist and the detail (pinned)."""

import re
from datetime import date, timedelta

import pytest

from signalen import publicatie, services
from signalen.models import Escalatie, Historie, Signaal
from tests.hulp.signalen import BOVENHOEK, categorie, melden, punt_in
from toegang.models import Organisatie

pytestmark = pytest.mark.django_db

STATION = (6.7932, 52.2623)  # Binnenstad: outside the test regisseur's portfolio


def _tekst(antwoord) -> str:
    html = antwoord.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _nummers(antwoord) -> set[int]:
    """Signal numbers linked from a worklist page."""
    return {int(n) for n in re.findall(r'href="/signalen/(\d+)/"', antwoord.content.decode())}


@pytest.fixture
def org():
    return {o.code: o for o in Organisatie.objects.all()}


@pytest.fixture
def signalen(stadsdeelregisseur, beheerder, org):
    """Three signals in the regisseur's wijk (one escalated to Welbions, with the reporter's details),
    one in Binnenstad (escalated to Politie)."""
    eigen = melden(stadsdeelregisseur, melder_naam="Jan Jansen", melder_telefoon="06 1234 5678")
    services.escaleren(
        signaal_id=eigen.pk,
        partner_ids=[org["welbions"].pk],
        gevraagde_actie="Huurders aanspreken op afval",
        door=stadsdeelregisseur,
    )
    tweede = melden(stadsdeelregisseur, categorie_id=categorie("graffiti").pk, bron="wijkronde")
    wijk = melden(stadsdeelregisseur, lon=None, lat=None, wijk_code="WK016403", bron="bewonersavond")
    elders = melden(beheerder, lon=STATION[0], lat=STATION[1], melder_naam="Piet Pieters")
    services.escaleren(
        signaal_id=elders.pk, partner_ids=[org["politie"].pk], gevraagde_actie="Surveilleren", door=beheerder
    )
    return {"eigen": eigen, "tweede": tweede, "wijk": wijk, "elders": elders}


# --- who sees what ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/signalen/", "/signalen/nieuw/", "/signalen/hotspots/", "/signalen/cijfers/"])
def test_anonymous_is_sent_to_log_in(client_anoniem, url):
    antwoord = client_anoniem.get(url)
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")


def test_regisseur_sees_the_portfolio_by_default_and_all_on_request(client_regisseur, signalen):
    eigen = {signalen[k].pk for k in ("eigen", "tweede", "wijk")}
    assert _nummers(client_regisseur.get("/signalen/")) == eigen
    assert _nummers(client_regisseur.get("/signalen/?bereik=alle")) == eigen | {signalen["elders"].pk}


def test_regisseur_reads_but_cannot_handle_a_signal_outside_the_portfolio(client_regisseur, signalen):
    pk = signalen["elders"].pk
    antwoord = client_regisseur.get(f"/signalen/{pk}/")
    assert antwoord.status_code == 200
    assert "Status wijzigen" not in antwoord.content.decode()
    antwoord = client_regisseur.post(f"/signalen/{pk}/status/", {"naar": "in_behandeling", "versie": "1"})
    assert antwoord.status_code == 403
    assert Signaal.objects.get(pk=pk).status == "doorgezet"


def test_regisseur_sees_the_reporter(client_regisseur, signalen):
    tekst = _tekst(client_regisseur.get(f"/signalen/{signalen['eigen'].pk}/"))
    assert "Jan Jansen" in tekst and "06 1234 5678" in tekst


def test_beleidsmedewerker_reads_without_personal_data_or_forms(client_beleid, signalen):
    assert _nummers(client_beleid.get("/signalen/")) == {s.pk for s in signalen.values()}
    antwoord = client_beleid.get(f"/signalen/{signalen['eigen'].pk}/")
    tekst = _tekst(antwoord)
    assert antwoord.status_code == 200 and "Historie" in tekst
    assert "Jan Jansen" not in tekst and "06 1234" not in tekst and "Melder" not in tekst
    assert "Status wijzigen" not in tekst and "Doorzetten" not in tekst
    assert client_beleid.get("/signalen/nieuw/").status_code == 403


def test_partner_sees_only_its_escalations_without_personal_data(client_partner_a, client_partner_b, signalen):
    eigen, elders = signalen["eigen"].pk, signalen["elders"].pk
    assert _nummers(client_partner_a.get("/signalen/")) == {eigen}
    assert _nummers(client_partner_b.get("/signalen/")) == {elders}
    antwoord = client_partner_a.get(f"/signalen/{eigen}/")
    tekst = _tekst(antwoord)
    assert "Huurders aanspreken op afval" in tekst and "Escalatie bijwerken" in tekst
    assert "Jan Jansen" not in tekst and "06 1234" not in tekst and "Melder" not in tekst
    # Another partner's signal is not found at all (the same answer as a signal that does not exist).
    assert client_partner_a.get(f"/signalen/{elders}/").status_code == 404
    assert client_partner_a.get(f"/signalen/{signalen['tweede'].pk}/").status_code == 404
    for url in ("/signalen/nieuw/", "/signalen/hotspots/", "/signalen/cijfers/"):
        assert client_partner_a.get(url).status_code == 403


def test_partner_updates_its_escalation_on_the_page(client_partner_a, client_partner_b, signalen):
    esc = Escalatie.objects.get(signaal=signalen["eigen"])
    data = {f"esc{esc.pk}-status": "in_behandeling", f"esc{esc.pk}-referentie": "WB-77", f"esc{esc.pk}-versie": "1"}
    assert client_partner_b.post(f"/signalen/escalatie/{esc.pk}/", data).status_code == 404
    antwoord = client_partner_a.post(f"/signalen/escalatie/{esc.pk}/", data)
    assert antwoord.status_code == 302
    esc.refresh_from_db()
    assert (esc.status, esc.referentie_partner) == ("in_behandeling", "WB-77")


def test_a_signal_escalated_twice_to_one_partner_is_listed_once(client_partner_a, stadsdeelregisseur, org):
    s = melden(stadsdeelregisseur)
    (esc,) = services.escaleren(
        signaal_id=s.pk, partner_ids=[org["welbions"].pk], gevraagde_actie="a", door=stadsdeelregisseur
    )
    services.escalatie_bijwerken(escalatie_id=esc.pk, status="afgerond", door=stadsdeelregisseur)
    services.escaleren(signaal_id=s.pk, partner_ids=[org["welbions"].pk], gevraagde_actie="b", door=stadsdeelregisseur)
    antwoord = client_partner_a.get("/signalen/")
    assert antwoord.content.decode().count(f'href="/signalen/{s.pk}/"') == 1
    assert "1 signaal" in _tekst(antwoord)


# --- worklist filters and sorting -----------------------------------------------------------------------------


def test_worklist_filters(client_regisseur, signalen, stadsdeelregisseur):
    s = signalen
    zwerfvuil = categorie("zwerfvuil").pk
    graffiti = categorie("graffiti").pk
    gevallen = {
        "status=doorgezet": {s["eigen"].pk},
        "status=open": {s["eigen"].pk, s["tweede"].pk, s["wijk"].pk},
        "status=gesloten": set(),
        f"categorie={zwerfvuil}": {s["eigen"].pk, s["wijk"].pk},  # a main category includes its subcategories
        f"categorie={graffiti}": {s["tweede"].pk},
        "bron=wijkronde": {s["tweede"].pk},
        f"buurt={BOVENHOEK}": {s["eigen"].pk, s["tweede"].pk},
        "bereik=alle&wijk=WK016400": {s["elders"].pk},
        f"van={date.today().isoformat()}": {s["eigen"].pk, s["tweede"].pk, s["wijk"].pk},
        f"tot={(date.today() - timedelta(days=1)).isoformat()}": set(),
        "soort=synthetisch": set(),
        "te_laat=ja": set(),
    }
    for query, verwacht in gevallen.items():
        antwoord = client_regisseur.get(f"/signalen/?{query}")
        assert antwoord.status_code == 200, query
        assert _nummers(antwoord) == verwacht, query
    Signaal.objects.filter(pk=s["tweede"].pk).update(streefdatum=date.today() - timedelta(days=1))
    assert _nummers(client_regisseur.get("/signalen/?te_laat=ja")) == {s["tweede"].pk}
    assert "over de termijn" in _tekst(client_regisseur.get("/signalen/?te_laat=ja"))


def test_worklist_sorting(client_regisseur, signalen):
    Signaal.objects.filter(pk=signalen["wijk"].pk).update(aantal_bewoners=40)
    html = client_regisseur.get("/signalen/?sorteer=-bewoners").content.decode()
    volgorde = [int(n) for n in re.findall(r'<th scope="row"><a href="/signalen/(\d+)/"', html)]
    assert volgorde[0] == signalen["wijk"].pk
    html = client_regisseur.get("/signalen/?sorteer=gemeld_op").content.decode()
    volgorde = [int(n) for n in re.findall(r'<th scope="row"><a href="/signalen/(\d+)/"', html)]
    assert volgorde == sorted(volgorde)


@pytest.mark.parametrize(
    "query",
    [
        "status=weg",
        "categorie=abc",
        "categorie=99999",
        "van=gisteren",
        "sorteer=wachtwoord",
        "pagina=-3",
        "buurt=BU99999999",
        "te_laat=misschien",
        "bereik=iedereen",
    ],
)
def test_bad_filter_values_are_reported_not_crashing(client_regisseur, signalen, query):
    antwoord = client_regisseur.get(f"/signalen/?{query}")
    assert antwoord.status_code == 200


# --- query budget -------------------------------------------------------------------------------------------

# session, user, account, portfolio (toegang_van), categories, wijken+buurten (filter choices),
# count, the page of signals (category, wijk, buurt, escalations and duplicate group as annotations)
WERKLIJST_QUERIES = 8
# session, user, account, portfolio, signal (+category, partner, wijk, buurt, reporter), history, escalations,
# duplicate group, duplicate suggestions, partners for the escalation form, the audit row (the reporter is shown),
# the explanation template for the reporter (issue 13)
DETAIL_QUERIES = 12


def test_worklist_query_count_is_fixed(client_regisseur, stadsdeelregisseur, django_assert_num_queries, signalen):
    with django_assert_num_queries(WERKLIJST_QUERIES):
        assert client_regisseur.get("/signalen/?status=open&sorteer=-streefdatum").status_code == 200
    for _ in range(12):
        melden(stadsdeelregisseur, aantal_bewoners=2)
    with django_assert_num_queries(WERKLIJST_QUERIES):
        antwoord = client_regisseur.get("/signalen/?status=open&sorteer=-streefdatum&te_laat=&bron=")
    assert len(_nummers(antwoord)) == 15


def test_detail_query_count_is_fixed(client_regisseur, stadsdeelregisseur, django_assert_num_queries, signalen, org):
    pk = signalen["eigen"].pk
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client_regisseur.get(f"/signalen/{pk}/").status_code == 200
    # More history, escalations and duplicates: the same number of queries.
    services.escaleren(
        signaal_id=pk,
        partner_ids=[org["gildebor"].pk, org["wijkracht"].pk],
        gevraagde_actie="x",
        door=stadsdeelregisseur,
    )
    for _ in range(3):
        melden(stadsdeelregisseur, duplicaat_van_id=pk)
    with django_assert_num_queries(DETAIL_QUERIES):
        antwoord = client_regisseur.get(f"/signalen/{pk}/")
    tekst = _tekst(antwoord)
    assert "4 keer gemeld" in tekst and "Gildebor" in tekst and "Wijkracht" in tekst


def test_partner_detail_query_count(client_partner_a, django_assert_num_queries, signalen):
    # session, user, account, signal, history (own escalations only), escalations (own only)
    with django_assert_num_queries(6):
        assert client_partner_a.get(f"/signalen/{signalen['eigen'].pk}/").status_code == 200


# --- the log form ---------------------------------------------------------------------------------------------


def _formulier(**velden):
    lon, lat = punt_in(BOVENHOEK)
    data = {
        "omschrijving": "Matras gedumpt achter de flat.",
        "categorie": str(categorie("grofvuil-straat").pk),
        "bron": "telefoon",
        "aantal_bewoners": "2",
        "datum_voorval": date.today().isoformat(),
        "adres": "Bovenhoek, achter de flat",
        "lon": f"{lon:.6f}".replace(".", ","),
        "lat": f"{lat:.6f}",
        "wijk": "",
    }
    data.update(velden)
    return data


def test_log_form_has_an_offline_map_and_no_inline_script(client_regisseur):
    antwoord = client_regisseur.get("/signalen/nieuw/")
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert 'id="kiesfiguur" type="application/json"' in html and "choropleth" in html
    assert "/static/js/signalen.js" in html and "/static/plotly/plotly.min.js" in html
    assert BOVENHOEK in html  # the stored boundaries, drawn without tiles
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert "https://" not in "".join(re.findall(r'src="([^"]+)"', html))


def test_log_a_signal_on_the_form(client_regisseur):
    antwoord = client_regisseur.post("/signalen/nieuw/", _formulier())
    assert antwoord.status_code == 302
    s = Signaal.objects.get()
    assert antwoord["Location"] == f"/signalen/{s.pk}/"
    assert (s.buurt.code, s.bron, s.aantal_bewoners, s.categorie.code) == (BOVENHOEK, "telefoon", 2, "grofvuil-straat")
    assert "is gemeld in Bovenhoek" in _tekst(client_regisseur.get(antwoord["Location"]))


@pytest.mark.parametrize(
    ("velden", "tekst"),
    [
        ({"omschrijving": ""}, "Omschrijving is verplicht"),
        ({"categorie": "99999"}, "Onbekende categorie"),
        ({"lon": "zes", "lat": "tweeënvijftig"}, "moet een getal zijn"),
        ({"datum_voorval": (date.today() + timedelta(days=1)).isoformat()}, "in de toekomst"),
        ({"omschrijving": "x" * 6000}, "te lang"),
        ({"lon": "6,8936", "lat": "52,2215"}, "buiten de gemeente Hengelo"),
    ],
)
def test_log_form_refuses_bad_input(client_regisseur, velden, tekst):
    antwoord = client_regisseur.post("/signalen/nieuw/", _formulier(**velden))
    assert antwoord.status_code == 400
    assert tekst in _tekst(antwoord)
    assert "Het signaal is niet opgeslagen" in _tekst(antwoord)
    assert not Signaal.objects.exists()


def test_log_form_offers_nearby_open_signals_as_duplicates(client_regisseur, stadsdeelregisseur):
    eerder = melden(stadsdeelregisseur, categorie_id=categorie("grofvuil-straat").pk)
    antwoord = client_regisseur.post("/signalen/nieuw/", _formulier())
    assert antwoord.status_code == 200 and Signaal.objects.count() == 1
    assert "Lijkt dit op een signaal dat al open staat?" in _tekst(antwoord)
    assert f'value="{eerder.pk}"' in antwoord.content.decode()
    antwoord = client_regisseur.post("/signalen/nieuw/", _formulier(keuze="bevestigd", duplicaat_van=str(eerder.pk)))
    assert antwoord.status_code == 302
    nieuw = Signaal.objects.exclude(pk=eerder.pk).get()
    assert nieuw.duplicaat_van_id == eerder.pk


# --- the workflow on the detail page ----------------------------------------------------------------------------


def test_move_a_signal_through_the_workflow_on_the_page(client_regisseur, signalen, org):
    pk = signalen["tweede"].pk
    r = client_regisseur.post(f"/signalen/{pk}/status/", {"naar": "in_behandeling", "notitie": "", "versie": "1"})
    assert r.status_code == 302
    r = client_regisseur.post(
        f"/signalen/{pk}/escaleren/",
        {
            "partners": [org["gildebor"].pk, org["welbions"].pk],
            "gevraagde_actie": "Verwijderen",
            "werkdagen": "5",
            "versie": "2",
        },
    )
    assert r.status_code == 302
    assert Escalatie.objects.filter(signaal_id=pk).count() == 2
    # Closing with open escalations, or without a note, is refused on the page with the reason.
    r = client_regisseur.post(f"/signalen/{pk}/status/", {"naar": "afgehandeld", "notitie": "", "versie": "3"})
    assert r.status_code == 400
    assert "notitie is verplicht" in _tekst(r) and "Er lopen nog escalaties" in _tekst(r)
    for esc in Escalatie.objects.filter(signaal_id=pk):
        services.escalatie_bijwerken(escalatie_id=esc.pk, status="afgerond", door=signalen["tweede"].gemeld_door)
    r = client_regisseur.post(f"/signalen/{pk}/status/", {"naar": "afgehandeld", "notitie": "Weg.", "versie": "3"})
    assert r.status_code == 302
    detail = _tekst(client_regisseur.get(f"/signalen/{pk}/"))
    assert "Afgehandeld" in detail and "Weg." in detail
    assert list(Historie.objects.filter(signaal_id=pk, soort="status").values_list("naar", flat=True)) == [
        "gemeld",
        "in_behandeling",
        "doorgezet",
        "afgehandeld",
    ]


def test_illegal_and_stale_changes_on_the_page(client_regisseur, signalen):
    pk = signalen["tweede"].pk
    r = client_regisseur.post(f"/signalen/{pk}/status/", {"naar": "heropend", "notitie": "x", "versie": "1"})
    assert r.status_code == 400 and "niet toegestaan" in _tekst(r)
    client_regisseur.post(f"/signalen/{pk}/status/", {"naar": "in_behandeling", "versie": "1"})
    r = client_regisseur.post(f"/signalen/{pk}/status/", {"naar": "geannuleerd", "notitie": "dubbel", "versie": "1"})
    assert r.status_code == 409
    assert "Iemand anders heeft het signaal intussen gewijzigd" in _tekst(r)
    assert Signaal.objects.get(pk=pk).status == "in_behandeling"


def test_link_duplicate_on_the_page(client_regisseur, signalen):
    a, b = signalen["eigen"].pk, signalen["tweede"].pk
    r = client_regisseur.post(f"/signalen/{b}/duplicaat/", {"hoofd": str(a), "notitie": "zelfde plek", "versie": "1"})
    assert r.status_code == 302
    assert Signaal.objects.get(pk=b).duplicaat_van_id == a
    r = client_regisseur.post(f"/signalen/{b}/duplicaat/", {"hoofd": "abc", "versie": "2"})
    assert r.status_code == 400


# --- figures, hotspots, the wijk profile -----------------------------------------------------------------------


def test_figures_and_hotspots_label_synthetic_data(client, beheerder):
    from signalen.demo import synthetische_signalen_maken

    synthetische_signalen_maken(aantal=600, seed=3)
    cijfers = _tekst(client.get("/signalen/cijfers/?gebied=GM0164&maanden=36"))
    assert "synthetisch (demo)" in cijfers
    hotspots = client.get("/signalen/hotspots/")
    assert hotspots.status_code == 200
    assert "synthetisch (demo)" in _tekst(hotspots)
    lijst = _tekst(client.get("/signalen/"))
    assert "synthetisch (demo)" in lijst


def test_published_signals_appear_on_the_wijk_profile(client, stadsdeelregisseur):
    melden(stadsdeelregisseur, datum_voorval=date(2025, 3, 10))
    publicatie.signalen_publiceren()
    profiel = client.get("/gebied/WK016403/")
    assert profiel.status_code == 200
    tekst = _tekst(profiel)
    assert "Signalen per 1.000 inwoners" in tekst and "Signalen (Wijkportaal Hengelo)" in tekst
    trend = client.get("/gebied/WK016403/trend/SignalenPer1000/")
    assert trend.status_code == 200 and "2025-03" in trend.content.decode()
