"""'Jij zei, wij deden' (issue 13, item 1): linking signals (one or a cluster) to an opgave, publishing, the
ledger on the public wijk page and in the internal overview, its CSV export, and who may do what."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from signalen.models import Categorie
from tests.hulp.signalen import BOVENHOEK, categorie, melden, punt_in
from wijkagenda import resultaten
from wijkagenda.models import Resultaat, SignaalKoppeling
from wijken.models import Gebied

from .stem_hulp import ANDERE_WIJK, opgave

pytestmark = pytest.mark.django_db

PERSOONLIJK = [
    "Jantje Voorbeeld",
    "jantje@example.org",
    "0612345678",
    "Zakken afval naast de container bij de speeltuin",
]


def _signalen(door, n=3):
    return [
        melden(door, melder_naam="Jantje Voorbeeld", melder_email="jantje@example.org", melder_telefoon="0612345678")
        for _ in range(n)
    ]


def _afval():
    return categorie("afval-naast-container").hoofdcategorie


def test_link_a_signal_and_a_cluster_and_count_them_once(stadsdeelregisseur):
    o = opgave(stadsdeelregisseur)
    signalen = _signalen(stadsdeelregisseur, 3)
    resultaten.signalen_koppelen(door=stadsdeelregisseur, opgave=o, signaal=signalen[0])
    resultaten.signalen_koppelen(
        door=stadsdeelregisseur, opgave=o, categorie=_afval(), buurt=Gebied.objects.get(code=BOVENHOEK)
    )
    [regel] = resultaten.grootboek(o.wijk, toegang=_toegang(stadsdeelregisseur))
    # the single signal is in the cluster too: counted once
    assert [(g.categorie, g.aantal) for g in regel.gemeld] == [(_afval().naam, 3)]
    assert [s.categorie for s in regel.signalen] == [
        f"{_afval().naam} in {Gebied.objects.get(code=BOVENHOEK).weergavenaam}"
    ]
    assert regel.afgerond == 1 and len(regel.acties) == 1


def _toegang(gebruiker):
    from toegang.regels import toegang_van

    return toegang_van(gebruiker)


def test_link_refusals_change_nothing(stadsdeelregisseur, beheerder):
    o = opgave(stadsdeelregisseur)
    [s] = _signalen(stadsdeelregisseur, 1)
    elders_lon, elders_lat = 6.7932, 52.2623  # Hengelo station: wijk Binnenstad
    elders = melden(beheerder, lon=elders_lon, lat=elders_lat)
    resultaten.signalen_koppelen(door=stadsdeelregisseur, opgave=o, signaal=s)
    voor = SignaalKoppeling.objects.count()
    gevallen = [
        ({"signaal": elders}, "signaal"),
        ({"signaal": s}, "signaal"),  # already linked
        ({"categorie": categorie("afval-naast-container")}, "categorie"),  # a subcategory
        ({"categorie": _afval(), "buurt": Gebied.objects.get(code="BU01640000")}, "buurt"),  # buurt of another wijk
        ({}, "__all__"),
        ({"signaal": s, "categorie": _afval()}, "__all__"),
    ]
    for velden, veld in gevallen:
        with pytest.raises(ValidationError) as fout:
            resultaten.signalen_koppelen(door=stadsdeelregisseur, opgave=o, **velden)
        assert veld in fout.value.message_dict, velden
    assert SignaalKoppeling.objects.count() == voor


def test_only_the_regisseur_of_the_wijk_and_beheerders_link_and_publish(
    stadsdeelregisseur, beheerder, beleidsmedewerker, partner_a, maak_gebruiker
):
    o = opgave(stadsdeelregisseur)
    ander = maak_gebruiker("regisseur2", "stadsdeelregisseur", portefeuille=[ANDERE_WIJK])
    for wie in (beleidsmedewerker, partner_a, ander):
        with pytest.raises(PermissionDenied):
            resultaten.signalen_koppelen(door=wie, opgave=o, categorie=_afval())
        with pytest.raises(PermissionDenied):
            resultaten.resultaat_publiceren(door=wie, opgave=o, gepubliceerd=True, samenvatting="Gedaan.")
    assert not SignaalKoppeling.objects.exists() and not Resultaat.objects.exists()
    resultaten.signalen_koppelen(door=beheerder, opgave=o, categorie=_afval())
    resultaten.resultaat_publiceren(door=beheerder, opgave=o, gepubliceerd=True, samenvatting="Gedaan.")


def test_publishing_needs_a_summary_for_residents(stadsdeelregisseur):
    o = opgave(stadsdeelregisseur)
    with pytest.raises(ValidationError) as fout:
        resultaten.resultaat_publiceren(door=stadsdeelregisseur, opgave=o, gepubliceerd=True, samenvatting=" ")
    assert "samenvatting" in fout.value.message_dict and not Resultaat.objects.exists()


def test_public_page_shows_only_published_results_without_personal_data(stadsdeelregisseur, client_anoniem):
    o = opgave(stadsdeelregisseur)
    verborgen = opgave(stadsdeelregisseur, titel="Interne opgave die niet openbaar is")
    _signalen(stadsdeelregisseur, 4)
    resultaten.signalen_koppelen(door=stadsdeelregisseur, opgave=o, categorie=_afval())
    resultaten.signalen_koppelen(door=stadsdeelregisseur, opgave=verborgen, categorie=_afval())
    resultaten.resultaat_publiceren(
        door=stadsdeelregisseur, opgave=o, gepubliceerd=True, samenvatting="Er staan nu vier extra afvalbakken."
    )
    html = client_anoniem.get("/openbaar/gebied/WK016403/").content.decode()
    assert "Jij zei, wij deden" in html and o.titel in html and "vier extra afvalbakken" in html
    assert f"4 signalen over {_afval().naam.lower()}" in html
    assert "Extra afvalbakken plaatsen" in html and "Welbions" in html  # action and its owner
    assert verborgen.titel not in html
    for p in PERSOONLIJK:
        assert p not in html

    bestand = client_anoniem.get("/openbaar/gebied/WK016403/?formaat=csv&tabel=resultaten")
    assert bestand.status_code == 200 and bestand["Content-Type"].startswith("text/csv")
    tekst = bestand.content.decode("utf-8-sig")
    rijen = (
        list(csv.reader(io.StringIO(tekst), delimiter=";"))
        if ";" in tekst.splitlines()[0]
        else list(csv.reader(io.StringIO(tekst)))
    )
    assert rijen[0][0] == "opgave" and rijen[1][0] == o.titel and len(rijen) == 2
    assert verborgen.titel not in tekst
    for p in PERSOONLIJK:
        assert p not in tekst


def test_internal_overview_and_its_csv_for_medewerkers_only(
    stadsdeelregisseur, client_regisseur, client_beleid, client_partner_a, client_anoniem
):
    o = opgave(stadsdeelregisseur)
    pagina = client_regisseur.get("/gebied/WK016403/resultaten/")
    html = pagina.content.decode()
    assert pagina.status_code == 200 and o.titel in html and "Signalen koppelen en publiceren" in html
    beleid = client_beleid.get("/gebied/WK016403/resultaten/").content.decode()
    assert o.titel in beleid and "Signalen koppelen en publiceren" not in beleid  # reads, may not change
    assert client_partner_a.get("/gebied/WK016403/resultaten/").status_code == 403
    assert client_anoniem.get("/gebied/WK016403/resultaten/").status_code == 302
    csv_ = client_regisseur.get("/gebied/WK016403/resultaten/?formaat=csv&tabel=resultaten")
    assert csv_.status_code == 200 and o.titel in csv_.content.decode("utf-8-sig")


def test_pages_link_and_publish_through_the_forms(stadsdeelregisseur, client_regisseur, client_beleid):
    o = opgave(stadsdeelregisseur)
    afval = _afval()
    r = client_regisseur.post(f"/gebied/WK016403/resultaten/opgave/{o.pk}/koppelen/", {"categorie": afval.pk})
    assert r.status_code == 302 and SignaalKoppeling.objects.filter(opgave=o, categorie=afval).exists()
    r = client_regisseur.post(
        f"/gebied/WK016403/resultaten/opgave/{o.pk}/publiceren/", {"gepubliceerd": "on", "samenvatting": "Gedaan."}
    )
    assert r.status_code == 302 and Resultaat.objects.get(opgave=o).gepubliceerd
    assert (
        client_beleid.post(f"/gebied/WK016403/resultaten/opgave/{o.pk}/koppelen/", {"categorie": afval.pk}).status_code
        == 403
    )
    k = SignaalKoppeling.objects.get()
    assert client_beleid.post(f"/gebied/WK016403/resultaten/koppeling/{k.pk}/verwijderen/").status_code == 403
    assert client_regisseur.post(f"/gebied/WK016403/resultaten/koppeling/{k.pk}/verwijderen/").status_code == 302
    assert not SignaalKoppeling.objects.exists()


def test_public_page_query_budget_does_not_grow_with_published_results(
    stadsdeelregisseur, client_anoniem, django_assert_num_queries
):
    _signalen(stadsdeelregisseur, 2)

    def publiceer(titel):
        o = opgave(stadsdeelregisseur, titel=titel)
        resultaten.signalen_koppelen(door=stadsdeelregisseur, opgave=o, categorie=_afval())
        resultaten.resultaat_publiceren(door=stadsdeelregisseur, opgave=o, gepubliceerd=True, samenvatting="x")

    publiceer("Een")
    # gebied, values, kernset; rounds; opgaven + actions, indicators, links; main categories; linked
    # signals per category; monthly counts of the clusters; support; decisions; open signals per category;
    # support of concerns; their categories; threshold; buurten (children)
    with django_assert_num_queries(18):
        assert client_anoniem.get("/openbaar/gebied/WK016403/").status_code == 200
    publiceer("Twee")
    publiceer("Drie")
    with django_assert_num_queries(18):
        assert client_anoniem.get("/openbaar/gebied/WK016403/").status_code == 200


def test_cluster_from_a_date_counts_only_later_signals(stadsdeelregisseur):
    from datetime import timedelta

    from django.utils import timezone

    o = opgave(stadsdeelregisseur)
    lon, lat = punt_in(BOVENHOEK)
    vandaag = timezone.localdate()
    melden(stadsdeelregisseur, datum_voorval=vandaag - timedelta(days=40))
    melden(stadsdeelregisseur, datum_voorval=vandaag - timedelta(days=2))
    resultaten.signalen_koppelen(
        door=stadsdeelregisseur, opgave=o, categorie=_afval(), vanaf=vandaag - timedelta(days=10)
    )
    [regel] = resultaten.grootboek(o.wijk, toegang=_toegang(stadsdeelregisseur))
    assert regel.totaal_gemeld == 1
    assert Categorie.objects.filter(pk=_afval().pk).exists() and (lon, lat)
