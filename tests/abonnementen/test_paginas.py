"""The pages: my subscriptions (defaults per role, add, remove), my notifications with the regisseur's
overdue list, the beheerder's queue page; each with its query budget."""

from datetime import timedelta

import pytest
from django.utils import timezone

from abonnementen.models import Abonnement, Ritme, Soort
from signalen import services as signalen
from tests.hulp.signalen import melden

pytestmark = pytest.mark.django_db


def _soorten(gebruiker):
    return sorted((tuple(a.soorten), a.ritme) for a in Abonnement.objects.filter(ontvanger__gebruiker=gebruiker))


def test_standaard_per_rol(client_regisseur, stadsdeelregisseur, client_partner_a, partner_a):
    assert client_regisseur.get("/mijn/abonnementen/").status_code == 200
    assert _soorten(stadsdeelregisseur) == [
        (("nieuw_signaal", "te_laat"), Ritme.DAGELIJKS),
        (("te_laat_lijst",), Ritme.DAGELIJKS),
    ]
    eerste = Abonnement.objects.filter(ontvanger__gebruiker=stadsdeelregisseur).first()
    assert [g.code for g in eerste.gebieden.all()] == ["WK016403"]  # the portfolio
    client_partner_a.get("/mijn/abonnementen/")
    assert _soorten(partner_a) == [
        (("escalatie",), Ritme.DIRECT),
        (("herinnering",), Ritme.DAGELIJKS),
        (("te_laat",), Ritme.DAGELIJKS),
    ]


def test_toevoegen_verwijderen_en_standaard_terug(client_regisseur, stadsdeelregisseur):
    from signalen.models import Categorie
    from wijken.models import Gebied

    client_regisseur.get("/mijn/abonnementen/")
    buurt = Gebied.objects.get(code="BU01640300")
    categorie = Categorie.objects.filter(hoofdcategorie__isnull=True).first()
    antwoord = client_regisseur.post(
        "/mijn/abonnementen/",
        {
            "actie": "toevoegen",
            "soorten": ["status"],
            "ritme": "wekelijks",
            "gebieden": [buurt.pk],
            "categorieen": [categorie.pk],
        },
    )
    assert antwoord.status_code == 302
    nieuw = Abonnement.objects.get(ontvanger__gebruiker=stadsdeelregisseur, soorten=["status"])
    assert nieuw.ritme == "wekelijks" and list(nieuw.gebieden.all()) == [buurt]
    fout = client_regisseur.post("/mijn/abonnementen/", {"actie": "toevoegen", "ritme": "dagelijks"})
    assert fout.status_code == 200 and "Kies minstens één soort." in fout.content.decode()
    client_regisseur.post("/mijn/abonnementen/", {"actie": "verwijderen", "abonnement": nieuw.pk})
    assert not Abonnement.objects.filter(pk=nieuw.pk).exists()
    for a in Abonnement.objects.filter(ontvanger__gebruiker=stadsdeelregisseur):
        client_regisseur.post("/mijn/abonnementen/", {"actie": "verwijderen", "abonnement": a.pk})
    client_regisseur.get("/mijn/abonnementen/")  # removed defaults stay removed
    assert not Abonnement.objects.filter(ontvanger__gebruiker=stadsdeelregisseur).exists()
    client_regisseur.post("/mijn/abonnementen/", {"actie": "standaard"})
    assert len(_soorten(stadsdeelregisseur)) == 2


def test_een_partner_kan_geen_nieuwe_signalen_volgen(client_partner_a):
    antwoord = client_partner_a.post(
        "/mijn/abonnementen/", {"actie": "toevoegen", "soorten": ["nieuw_signaal"], "ritme": "direct"}
    )
    assert antwoord.status_code == 200 and "nieuw_signaal" in antwoord.content.decode()  # refused by the form


def test_queries_mijn_abonnementen(client_regisseur, django_assert_max_num_queries):
    client_regisseur.get("/mijn/abonnementen/")  # the defaults are written on the first visit
    # session, user, account, portfolio, defaults already set?, subscriptions, their areas, their categories,
    # the form's areas, the form's categories
    with django_assert_max_num_queries(10):
        assert client_regisseur.get("/mijn/abonnementen/").status_code == 200


def test_mijn_meldingen_met_te_late_escalaties(
    client_regisseur, stadsdeelregisseur, partner_a, django_assert_max_num_queries
):
    from toegang.models import Organisatie

    signaal = melden(stadsdeelregisseur)
    welbions = Organisatie.objects.get(code="welbions")
    nu = timezone.now() - timedelta(days=30)
    signalen.escaleren(
        signaal_id=signaal.pk,
        partner_ids=[welbions.pk],
        gevraagde_actie="Container legen",
        door=stadsdeelregisseur,
        nu=nu,
    )
    # session, user, account, portfolio, digests, their items, jobs, overdue escalations
    with django_assert_max_num_queries(8):
        antwoord = client_regisseur.get("/mijn/meldingen/")
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Escalaties over de streefdatum bij partners" in tekst and f"#{signaal.pk}" in tekst and "Welbions" in tekst


def test_wachtrij_alleen_voor_beheerders(client_beheerder, client_regisseur, django_assert_max_num_queries):
    from taken.models import Taak

    Taak.objects.create(soort="levering", omschrijving="Levering oud.csv", status="mislukt", fout={"detail": "kapot"})
    assert client_regisseur.get("/beheer-taken/").status_code == 403
    # session, user, account, recent jobs, failed jobs, stale jobs
    with django_assert_max_num_queries(6):
        antwoord = client_beheerder.get("/beheer-taken/")
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200 and "Levering oud.csv" in tekst and "kapot" in tekst
    assert "digest-dagelijks" in tekst and "elke taak draait meteen" in tekst


def test_soorten_voor_bewoners_zijn_alleen_openbaar():
    from abonnementen.services import soorten_voor

    assert soorten_voor(None) == [Soort.EDITIE]
