"""Wijkagenda and wijknetwerk: services, the permission matrix, movement since opening, trend markers."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from indicatoren.models import Domein, Indicator
from signalen.models import Categorie
from toegang.models import Organisatie
from wijkagenda import services
from wijkagenda.models import Actie, Bespreking, NetwerkContact, Opgave
from wijken.models import Gebied

pytestmark = pytest.mark.django_db
AGENDA = "/gebied/WK016403/agenda/"


def org(code):
    return Organisatie.objects.get(code=code)


def tekst(antwoord) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", antwoord.content.decode()))


@pytest.fixture
def agenda(stadsdeelregisseur):
    """Hasseler Es: an opgave with Welbions and Gildebor (actions by Gildebor and Welbions), one with Politie
    (action by Politie), a review, and network entries of Welbions and Politie."""
    wijk = Gebied.objects.get(code="WK016403")
    zwerfvuil = services.opgave_opslaan(
        door=stadsdeelregisseur,
        wijk=wijk,
        titel="Zwerfvuil rond de winkels",
        domein=Domein.objects.get(code="fysieke-leefomgeving"),
        beschrijving="Bewoners melden veel afval naast containers.",
        indicatoren=list(Indicator.objects.filter(code__in=["Bevolkingsdichtheid", "ZonnestroomVermogenWoningen"])),
        signaalcategorieen=[Categorie.objects.get(code="zwerfvuil")],
        partners=[org("gildebor"), org("welbions")],
        geopend_op=date(2024, 2, 1),
    )
    veiligheid = services.opgave_opslaan(
        door=stadsdeelregisseur,
        wijk=wijk,
        titel="Overlast hangjongeren",
        domein=Domein.objects.get(code="veiligheid"),
        partners=[org("politie")],
    )
    vandaag = timezone.localdate()
    acties = {
        "gildebor": services.actie_opslaan(
            door=stadsdeelregisseur,
            opgave=zwerfvuil,
            omschrijving="Extra ledigingsronde containers",
            eigenaar=org("gildebor"),
            startdatum=date(2019, 5, 1),
            streefdatum=date(2019, 12, 31),
            status="afgerond",
        ),
        "welbions": services.actie_opslaan(
            door=stadsdeelregisseur,
            opgave=zwerfvuil,
            omschrijving="Huurders informeren over afval",
            eigenaar=org("welbions"),
            startdatum=date(2024, 3, 1),
            streefdatum=vandaag - timedelta(days=3),
        ),
        "politie": services.actie_opslaan(
            door=stadsdeelregisseur,
            opgave=veiligheid,
            omschrijving="Extra surveillance in de avond",
            eigenaar=org("politie"),
            streefdatum=vandaag + timedelta(days=30),
            status="lopend",
        ),
    }
    services.bespreking_vastleggen(
        door=stadsdeelregisseur,
        wijk=wijk,
        datum=date(2024, 4, 2),
        besproken="Aanpak afval met Gildebor",
        besluiten="Vervolg in juni",
        opgaven=[zwerfvuil],
    )
    services.contact_opslaan(
        door=stadsdeelregisseur,
        wijk=wijk,
        organisatie=org("welbions"),
        rol="Wijkconsulent",
        bereikbaar="088 123 45 67 (team Hasseler Es)",
        overlegritme="maandelijks",
    )
    services.contact_opslaan(
        door=stadsdeelregisseur,
        wijk=wijk,
        organisatie=org("politie"),
        rol="Wijkagent",
        bereikbaar="0900-8844",
        overlegritme="tweewekelijks",
        overleg="Veiligheidsoverleg",
    )
    return {"zwerfvuil": zwerfvuil, "veiligheid": veiligheid, "acties": acties, "wijk": wijk}


# --- services -------------------------------------------------------------------------------------------------


def test_services_write_with_validation_and_only_for_the_portfolio(
    agenda, stadsdeelregisseur, beleidsmedewerker, beheerder
):
    domein = Domein.objects.get(code="wonen")
    andere_wijk = Gebied.objects.get(code="WK016400")
    with pytest.raises(PermissionDenied):
        services.opgave_opslaan(door=stadsdeelregisseur, wijk=andere_wijk, titel="x", domein=domein)
    with pytest.raises(PermissionDenied):
        services.opgave_opslaan(door=beleidsmedewerker, wijk=agenda["wijk"], titel="x", domein=domein)
    assert services.opgave_opslaan(door=beheerder, wijk=andere_wijk, titel="Woningen", domein=domein).pk
    with pytest.raises(ValidationError) as fout:
        services.actie_opslaan(
            door=stadsdeelregisseur,
            opgave=agenda["zwerfvuil"],
            omschrijving="x",
            eigenaar=org("welbions"),
            startdatum=date(2025, 1, 2),
            streefdatum=date(2025, 1, 1),
        )
    assert "streefdatum" in fout.value.message_dict
    with pytest.raises(ValidationError):
        services.opgave_opslaan(door=stadsdeelregisseur, wijk=agenda["wijk"], titel="", domein=domein)
    with pytest.raises(ValidationError):  # a subcategory is not a main category
        services.opgave_opslaan(
            door=stadsdeelregisseur,
            wijk=agenda["wijk"],
            titel="x",
            domein=domein,
            signaalcategorieen=[Categorie.objects.get(code="hondenpoep")],
        )
    with pytest.raises(ValidationError):
        services.opgave_opslaan(door=beheerder, wijk=Gebied.objects.get(code="BU01640300"), titel="x", domein=domein)


def test_closing_an_opgave_records_the_date(agenda, stadsdeelregisseur):
    o = agenda["zwerfvuil"]
    o = services.opgave_opslaan(
        door=stadsdeelregisseur, wijk=o.wijk, opgave=o, titel=o.titel, domein=o.domein, status="afgerond"
    )
    assert o.afgerond_op == timezone.localdate()
    assert list(o.partners.values_list("code", flat=True)) == []  # set() replaces the links as given


# --- permission matrix ------------------------------------------------------------------------------------------

LEZEN = [
    # actor fixture, status, opgaven seen, actions seen, review log seen
    ("client", 200, {"Zwerfvuil rond de winkels", "Overlast hangjongeren"}, {"gildebor", "welbions", "politie"}, True),
    (
        "client_regisseur",
        200,
        {"Zwerfvuil rond de winkels", "Overlast hangjongeren"},
        {"gildebor", "welbions", "politie"},
        True,
    ),
    (
        "client_beheerder",
        200,
        {"Zwerfvuil rond de winkels", "Overlast hangjongeren"},
        {"gildebor", "welbions", "politie"},
        True,
    ),
    ("client_partner_a", 200, {"Zwerfvuil rond de winkels"}, {"welbions"}, False),
    ("client_partner_b", 200, {"Overlast hangjongeren"}, {"politie"}, False),
]
ACTIETEKST = {
    "gildebor": "Extra ledigingsronde containers",
    "welbions": "Huurders informeren over afval",
    "politie": "Extra surveillance in de avond",
}


@pytest.mark.parametrize(("actor", "status", "opgaven", "acties", "logboek"), LEZEN)
def test_who_reads_what_of_the_agenda(request, agenda, actor, status, opgaven, acties, logboek):
    antwoord = request.getfixturevalue(actor).get(AGENDA)
    assert antwoord.status_code == status
    pagina = tekst(antwoord)
    for titel in ["Zwerfvuil rond de winkels", "Overlast hangjongeren"]:
        assert (titel in pagina) == (titel in opgaven), titel
    for eigenaar, omschrijving in ACTIETEKST.items():
        assert (omschrijving in pagina) == (eigenaar in acties), omschrijving
    assert ("Aanpak afval met Gildebor" in pagina) == logboek


def test_the_public_sees_nothing_of_the_agenda_or_network(agenda, client_anoniem):
    for url in [AGENDA, "/gebied/WK016403/netwerk/", "/gebied/WK016403/agenda/opgave/nieuw/"]:
        antwoord = client_anoniem.get(url)
        assert antwoord.status_code == 302 and "/inloggen/" in antwoord["Location"]
    assert "Zwerfvuil" not in client_anoniem.get("/openbaar/gebied/WK016403/").content.decode()


@pytest.mark.parametrize(
    ("actor", "status"),
    [("client_regisseur", 200), ("client_beheerder", 200), ("client", 403), ("client_partner_a", 403)],
)
def test_who_may_edit(agenda, request, actor, status):
    c = request.getfixturevalue(actor)
    o, a = agenda["zwerfvuil"], agenda["acties"]["welbions"]
    contact = NetwerkContact.objects.first()
    for url in [
        "/gebied/WK016403/agenda/opgave/nieuw/",
        f"/gebied/WK016403/agenda/opgave/{o.pk}/",
        f"/gebied/WK016403/agenda/opgave/{o.pk}/actie/nieuw/",
        f"/gebied/WK016403/agenda/actie/{a.pk}/",
        "/gebied/WK016403/agenda/bespreking/nieuw/",
        "/gebied/WK016403/netwerk/nieuw/",
        f"/gebied/WK016403/netwerk/{contact.pk}/",
    ]:
        assert c.get(url).status_code == status, url


def test_stadsdeelregisseur_cannot_edit_a_wijk_outside_the_portfolio(client_regisseur):
    assert client_regisseur.get("/gebied/WK016400/agenda/").status_code == 200  # reading is fine
    assert client_regisseur.get("/gebied/WK016400/agenda/opgave/nieuw/").status_code == 403
    assert client_regisseur.post("/gebied/WK016400/netwerk/nieuw/", {}).status_code == 403


def test_regisseur_adds_an_opgave_and_an_action_through_the_forms(client_regisseur):
    domein = Domein.objects.get(code="wonen")
    ind = Indicator.objects.get(code="Woningvoorraad")
    antwoord = client_regisseur.post(
        "/gebied/WK016403/agenda/opgave/nieuw/",
        {
            "titel": "Leegstand aanpakken",
            "domein": domein.pk,
            "beschrijving": "",
            "indicatoren": [ind.pk],
            "partners": [org("welbions").pk],
            "geopend_op": "2025-01-15",
            "status": "open",
        },
    )
    assert antwoord.status_code == 302
    o = Opgave.objects.get(titel="Leegstand aanpakken")
    assert o.wijk.code == "WK016403" and list(o.indicatoren.all()) == [ind]
    antwoord = client_regisseur.post(
        f"/gebied/WK016403/agenda/opgave/{o.pk}/actie/nieuw/",
        {
            "omschrijving": "Eigenaren aanschrijven",
            "eigenaar": org("gemeente-hengelo").pk,
            "startdatum": "2025-02-01",
            "streefdatum": "2025-01-01",
            "status": "gepland",
        },
    )
    assert antwoord.status_code == 200 and "De streefdatum ligt niet voor de startdatum." in antwoord.content.decode()
    antwoord = client_regisseur.post(
        f"/gebied/WK016403/agenda/opgave/{o.pk}/actie/nieuw/",
        {
            "omschrijving": "Eigenaren aanschrijven",
            "eigenaar": org("gemeente-hengelo").pk,
            "startdatum": "2025-02-01",
            "streefdatum": "2025-06-01",
            "status": "gepland",
        },
    )
    assert antwoord.status_code == 302
    assert Actie.objects.get(opgave=o).eigenaar.code == "gemeente-hengelo"
    antwoord = client_regisseur.post(
        "/gebied/WK016403/agenda/bespreking/nieuw/",
        {"datum": "2025-03-01", "besproken": "Stand van zaken", "opgaven": [o.pk]},
    )
    assert antwoord.status_code == 302 and Bespreking.objects.get().opgaven.get() == o


def test_beleidsmedewerker_post_is_refused_and_writes_nothing(client):
    antwoord = client.post(
        "/gebied/WK016403/agenda/opgave/nieuw/", {"titel": "x", "domein": Domein.objects.first().pk, "status": "open"}
    )
    assert antwoord.status_code == 403 and not Opgave.objects.exists()


# --- a partner reports progress on its own action ------------------------------------------------------------


def test_partner_reports_progress_on_its_own_action(agenda, client_partner_a):
    actie = agenda["acties"]["welbions"]  # partner A is Welbions
    pad = f"/gebied/WK016403/agenda/actie/{actie.pk}/voortgang/"
    assert pad in client_partner_a.get(AGENDA).content.decode()  # the link next to its action
    assert client_partner_a.get(pad).status_code == 200
    antwoord = client_partner_a.post(pad, {"status": "afgerond", "toelichting": "Brief aan 412 huurders verstuurd."})
    assert antwoord.status_code == 302
    actie.refresh_from_db()
    assert (actie.status, actie.toelichting) == ("afgerond", "Brief aan 412 huurders verstuurd.")
    assert actie.omschrijving == "Huurders informeren over afval"  # nothing else changes


@pytest.mark.parametrize(
    ("actor", "actie", "status"),
    [
        ("client_partner_a", "politie", 404),  # another organisation's action is not even visible
        ("client_partner_b", "welbions", 404),
        ("client", "welbions", 403),  # a beleidsmedewerker reads only
        ("client_anoniem", "welbions", 302),  # to the log-in page
    ],
)
def test_progress_only_by_the_owner_or_the_regisseur(agenda, request, actor, actie, status):
    bestaand = agenda["acties"][actie]
    pad = f"/gebied/WK016403/agenda/actie/{bestaand.pk}/voortgang/"
    antwoord = request.getfixturevalue(actor).post(pad, {"status": "vervallen", "toelichting": "x"})
    assert antwoord.status_code == status
    bestaand.refresh_from_db()
    assert bestaand.status != "vervallen"


def test_progress_needs_a_known_status_and_an_explanation(agenda, client_partner_a, stadsdeelregisseur):
    actie = agenda["acties"]["welbions"]
    pad = f"/gebied/WK016403/agenda/actie/{actie.pk}/voortgang/"
    for data in ({"status": "klaar", "toelichting": "x"}, {"status": "afgerond", "toelichting": "  "}, {}):
        assert client_partner_a.post(pad, data).status_code == 200  # the form again, with the error
    actie.refresh_from_db()
    assert actie.status == "gepland"
    with pytest.raises(ValidationError, match="toelichting"):
        services.actie_voortgang_melden(door=stadsdeelregisseur, actie_id=actie.pk, status="lopend", toelichting="")
    with pytest.raises(ValidationError, match="Onbekende status"):
        services.actie_voortgang_melden(door=stadsdeelregisseur, actie_id=actie.pk, status="x", toelichting="y")
    # the regisseur of the wijk may report progress too
    services.actie_voortgang_melden(door=stadsdeelregisseur, actie_id=actie.pk, status="lopend", toelichting="gestart")
    actie.refresh_from_db()
    assert actie.status == "lopend"


def test_progress_service_refuses_another_partner(agenda, partner_b):
    with pytest.raises(PermissionDenied):
        services.actie_voortgang_melden(
            door=partner_b, actie_id=agenda["acties"]["welbions"].pk, status="afgerond", toelichting="klaar"
        )


# --- what the agenda shows -----------------------------------------------------------------------------------


def test_agenda_shows_how_linked_figures_moved_since_opening(agenda, client):
    pagina = tekst(client.get(AGENDA))
    # opened 1 February 2024: the 2024 CBS figure started before that (1 January), no newer one is loaded
    assert "Bevolkingsdichtheid nog geen nieuwer cijfer dan bij de opening: 3.302" in pagina
    assert "Signalen: Zwerfvuil 0 in de 6 maanden ervoor" in pagina
    assert "over de streefdatum" in pagina  # the Welbions action is overdue


def test_agenda_query_budget_is_fixed(agenda, client, django_assert_num_queries):
    # session, user, account; wijk; opgaven + indicators, categories, partners, actions; values; signal counts;
    # review log + its opgaven
    with django_assert_num_queries(13):
        assert client.get(AGENDA).status_code == 200


def test_network_staff_see_all_entries_partners_their_own(agenda, client, client_partner_a, client_partner_b):
    alles = tekst(client.get("/gebied/WK016403/netwerk/"))
    assert "Wijkconsulent" in alles and "Wijkagent" in alles and "Veiligheidsoverleg" in alles
    welbions = tekst(client_partner_a.get("/gebied/WK016403/netwerk/"))
    assert "Wijkconsulent" in welbions and "Wijkagent" not in welbions
    politie = tekst(client_partner_b.get("/gebied/WK016403/netwerk/"))
    assert "Wijkagent" in politie and "Wijkconsulent" not in politie


def test_regisseur_removes_a_network_entry(agenda, client_regisseur):
    contact = NetwerkContact.objects.get(rol="Wijkagent")
    assert client_regisseur.post(f"/gebied/WK016403/netwerk/{contact.pk}/verwijderen/").status_code == 302
    assert not NetwerkContact.objects.filter(pk=contact.pk).exists()


@pytest.mark.parametrize("url", ["/gebied/BU01640300/agenda/", "/gebied/WK999999/agenda/", "/gebied/GM0164/netwerk/"])
def test_agenda_is_per_wijk(client, url):
    assert client.get(url).status_code == 404


# --- markers on the trend charts --------------------------------------------------------------------------------


def test_actions_appear_as_labelled_markers_on_the_trend_of_their_linked_indicator(agenda, client):
    import json

    html = client.get("/gebied/BU01640300/trend/ZonnestroomVermogenWoningen/").content.decode()
    figuur = json.loads(
        re.search(r'<script id="trend-grafiek" type="application/json">(.*?)</script>', html, re.S).group(1)
    )
    labels = [a["text"] for a in figuur["layout"]["annotations"]]
    assert any(t.startswith("▲ Actie: Extra ledigingsronde containers (Gildebor, 01-05-2019)") for t in labels)
    lijn = [s for s in figuur["layout"]["shapes"] if s["line"]["dash"] == "dash"]
    assert [s["x0"] for s in lijn] == ["2019"]
    # also in text under the chart, including the action that lies after the loaded periods (2024)
    pagina = tekst(client.get("/gebied/BU01640300/trend/ZonnestroomVermogenWoningen/"))
    assert "Acties uit de wijkagenda" in pagina and "valt buiten de perioden van de grafiek" in pagina


def test_partner_sees_only_its_own_actions_on_the_trend(agenda, client_partner_a):
    pagina = tekst(client_partner_a.get("/gebied/BU01640300/trend/ZonnestroomVermogenWoningen/"))
    assert "Huurders informeren over afval" in pagina and "Extra ledigingsronde" not in pagina


def test_unlinked_indicators_get_no_markers(agenda, client):
    assert "Acties uit de wijkagenda" not in tekst(client.get("/gebied/WK016403/trend/AantalInwoners/"))


# --- admin ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["opgave", "actie", "bespreking", "netwerkcontact"])
def test_admin_lists_and_forms_open(agenda, client_beheerder, model):
    assert client_beheerder.get(f"/beheer/wijkagenda/{model}/").status_code == 200
    assert client_beheerder.get(f"/beheer/wijkagenda/{model}/add/").status_code == 200


def test_a_partner_does_not_see_another_organisations_internal_indicator_of_a_shared_opgave(
    partnerdata, stadsdeelregisseur, client_partner_a, client_partner_b, client
):
    """Issue 16 item 5: an opgave shared with Welbions and Politie, linked to the police's internal
    PolitieWoninginbraken and to Welbions' own figure: Welbions sees its own figure, not the police's
    indicator (no name, no code, no trend link); Politie and the medewerkers see both."""
    services.opgave_opslaan(
        door=stadsdeelregisseur,
        wijk=Gebied.objects.get(code="WK016403"),
        titel="Veilig wonen in de flats",
        domein=Domein.objects.get(code="veiligheid"),
        indicatoren=list(Indicator.objects.filter(code__in=["PolitieWoninginbraken", "WelbionsHuurachterstanden"])),
        partners=[org("welbions"), org("politie")],
    )
    welbions = client_partner_a.get(AGENDA).content.decode()
    assert "Veilig wonen in de flats" in welbions and "Huishoudens met huurachterstand" in welbions
    assert "Woninginbraken" not in welbions and "PolitieWoninginbraken" not in welbions
    for kijker in (client_partner_b, client):
        html = kijker.get(AGENDA).content.decode()
        assert "/gebied/WK016403/trend/PolitieWoninginbraken/" in html and ">Woninginbraken</a>" in html
