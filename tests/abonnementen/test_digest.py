"""Daily and weekly digests with frozen time: exactly yesterday's events (00:00-24:00 Europe/Amsterdam) for
the subscriber's areas, never an item twice, right on a daylight-saving day, nothing sent when empty."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from abonnementen.models import Digest, Ritme, Verzonden
from abonnementen.versturen import digests_versturen, periode
from berichten.models import Bericht
from tests.hulp.signalen import melden, punt_in
from wijken.models import Gebied

AMS = ZoneInfo("Europe/Amsterdam")
UTC = ZoneInfo("UTC")


def lokaal(jaar: int, maand: int, dag: int, uur: int = 0, minuut: int = 0) -> datetime:
    return datetime(jaar, maand, dag, uur, minuut, tzinfo=AMS)


@pytest.fixture
def regisseur(stadsdeelregisseur):
    stadsdeelregisseur.email = "regisseur@hengelo.example"
    stadsdeelregisseur.save(update_fields=["email"])
    return stadsdeelregisseur


def _melden_om(moment: datetime, door, **velden):
    with time_machine.travel(moment, tick=False):
        return melden(door, **velden)


def _buiten_portefeuille():
    buurt = Gebied.objects.filter(niveau="buurt", ouder__code="WK016400").order_by("code").first()
    lon, lat = punt_in(buurt.code)
    return {"lon": lon, "lat": lat}


def _digest(moment: datetime, ritme=Ritme.DAGELIJKS):
    with time_machine.travel(moment, tick=False):
        return digests_versturen(ritme=ritme)


def _items(ontvanger_gebruiker, ritme=Ritme.DAGELIJKS):
    return list(
        Verzonden.objects.filter(ontvanger__gebruiker=ontvanger_gebruiker, ritme=ritme)
        .order_by("digest__periode_van", "-tijdstip")
        .values_list("digest__periode_van", "sleutel", "titel")
    )


def test_periode_is_gisteren_in_lokale_tijd_ook_op_de_zomertijddag():
    van, tot = periode(Ritme.DAGELIJKS, lokaal(2026, 3, 10, 7, 0))
    assert (van, tot) == (lokaal(2026, 3, 9), lokaal(2026, 3, 10))
    # 29 March 2026: the clocks go forward, the day has 23 hours; 25 October: 25 hours.
    van, tot = periode(Ritme.DAGELIJKS, lokaal(2026, 3, 30, 7, 0))
    assert tot.astimezone(UTC) - van.astimezone(UTC) == timedelta(hours=23)
    assert (van.astimezone(UTC).hour, tot.astimezone(UTC).hour) == (23, 22)
    van, tot = periode(Ritme.DAGELIJKS, lokaal(2026, 10, 26, 7, 0))
    assert tot.astimezone(UTC) - van.astimezone(UTC) == timedelta(hours=25)
    van, tot = periode(Ritme.WEKELIJKS, lokaal(2026, 3, 30, 7, 0))  # a Monday
    assert (van, tot) == (lokaal(2026, 3, 23), lokaal(2026, 3, 30))


def test_dagelijkse_digest_om_zeven_uur_houdt_precies_gisteren_van_de_eigen_wijken(regisseur, beheerder):
    zondag_laat = _melden_om(lokaal(2026, 3, 8, 23, 55), beheerder)
    maandag_vroeg = _melden_om(lokaal(2026, 3, 9, 0, 5), beheerder)
    maandag_laat = _melden_om(lokaal(2026, 3, 9, 23, 30), beheerder)
    elders = _melden_om(lokaal(2026, 3, 9, 12, 0), beheerder, **_buiten_portefeuille())
    dinsdag = _melden_om(lokaal(2026, 3, 10, 0, 10), beheerder)

    uitslag = _digest(lokaal(2026, 3, 10, 7, 0))

    assert uitslag["verstuurd"] == 1
    digest = Digest.objects.get(ontvanger__gebruiker=regisseur)
    assert (digest.periode_van, digest.periode_tot) == (lokaal(2026, 3, 9), lokaal(2026, 3, 10))
    titels = [t for _, _, t in _items(regisseur)]
    # Newest first; only Monday's signals in the regisseur's wijk.
    assert titels == [
        f"Nieuw: Signaal #{maandag_laat.pk}: {maandag_laat.categorie} in Bovenhoek",
        f"Nieuw: Signaal #{maandag_vroeg.pk}: {maandag_vroeg.categorie} in Bovenhoek",
    ]
    assert all(f"#{s.pk}:" not in " ".join(titels) for s in (zondag_laat, elders, dinsdag))
    bericht = Bericht.objects.get(sleutel=digest.bericht_sleutel)
    assert bericht.aan == "regisseur@hengelo.example"
    assert bericht.tekst.index(f"#{maandag_laat.pk}") < bericht.tekst.index(f"#{maandag_vroeg.pk}")
    assert "== Hasseler Es ==" in bericht.tekst
    assert "/abonnementen/afmelden/" in bericht.tekst and "/abonnementen/afmelden/" in bericht.html


def test_twee_opeenvolgende_dagen_herhalen_geen_item_en_een_tweede_run_stuurt_niets(regisseur, beheerder):
    maandag = _melden_om(lokaal(2026, 3, 9, 10, 0), beheerder)
    dinsdag = _melden_om(lokaal(2026, 3, 10, 10, 0), beheerder)

    assert _digest(lokaal(2026, 3, 10, 7, 0))["verstuurd"] == 1
    assert _digest(lokaal(2026, 3, 10, 7, 5))["verstuurd"] == 0  # beat twice, or a retry: nothing new
    assert _digest(lokaal(2026, 3, 11, 7, 0))["verstuurd"] == 1

    sleutels = [s for _, s, _ in _items(regisseur)]
    assert len(sleutels) == len(set(sleutels)) == 2
    per_dag = {van.astimezone(AMS).date().day: t for van, _, t in _items(regisseur)}
    assert f"#{maandag.pk}:" in per_dag[9] and f"#{dinsdag.pk}:" in per_dag[10]
    assert Bericht.objects.filter(aan="regisseur@hengelo.example").count() == 2


def test_zomertijddag_telt_van_middernacht_tot_middernacht(regisseur, beheerder):
    ervoor = _melden_om(lokaal(2026, 3, 28, 23, 59), beheerder)
    vroeg = _melden_om(lokaal(2026, 3, 29, 0, 30), beheerder)  # still CET (UTC+1)
    laat = _melden_om(lokaal(2026, 3, 29, 23, 30), beheerder)  # CEST (UTC+2)
    erna = _melden_om(lokaal(2026, 3, 30, 0, 1), beheerder)

    _digest(lokaal(2026, 3, 30, 7, 0))

    titels = " ".join(t for _, _, t in _items(regisseur))
    assert f"#{vroeg.pk}:" in titels and f"#{laat.pk}:" in titels
    assert f"#{ervoor.pk}:" not in titels and f"#{erna.pk}:" not in titels


def test_niets_te_melden_geen_mail(regisseur, beheerder):
    _melden_om(lokaal(2026, 3, 9, 12, 0), beheerder, **_buiten_portefeuille())
    uitslag = _digest(lokaal(2026, 3, 10, 7, 0))
    assert uitslag["verstuurd"] == 0
    assert not Digest.objects.exists() and not Bericht.objects.exists()


def test_wekelijkse_digest_neemt_de_hele_vorige_week(maak_gebruiker, beheerder):
    regisseur = maak_gebruiker("wekelijks", "stadsdeelregisseur", portefeuille=["WK016403"])
    regisseur.email = "week@hengelo.example"
    regisseur.save(update_fields=["email"])
    from abonnementen.services import abonnement_aanmaken

    abonnement_aanmaken(gebruiker=regisseur, soorten=["nieuw_signaal"], ritme=Ritme.WEKELIJKS)
    zondag_ervoor = _melden_om(lokaal(2026, 3, 15, 22, 0), beheerder)
    maandag = _melden_om(lokaal(2026, 3, 16, 9, 0), beheerder)
    zondag = _melden_om(lokaal(2026, 3, 22, 23, 0), beheerder)

    _digest(lokaal(2026, 3, 23, 7, 0), Ritme.WEKELIJKS)

    titels = " ".join(t for _, _, t in _items(regisseur, Ritme.WEKELIJKS))
    assert f"#{maandag.pk}:" in titels and f"#{zondag.pk}:" in titels
    assert f"#{zondag_ervoor.pk}:" not in titels
