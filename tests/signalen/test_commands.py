"""The batch side of signalen: publishing counts and per-1,000 rates as Waarden (hand-computed), hotspots,
the privacy command (retention after closing), and the seeded demo generator."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from indicatoren.models import Indicator, Waarde
from lib import perioden
from signalen import anonimiseren, hotspots, publicatie, services
from signalen.demo import synthetische_signalen_maken
from signalen.geo import buurtgrenzen, zoek_buurt
from signalen.models import Historie, Signaal
from tests.hulp.signalen import categorie, melden

pytestmark = pytest.mark.django_db

INWONERS_HASSELER_ES_2024 = 11975  # CBS AantalInwoners WK016403, 2024 (fixtures)
INWONERS_HENGELO_2024 = 83058


def _waarde(indicator, gebied, periode):
    return Waarde.objects.get(indicator__code=indicator, gebied__code=gebied, periode=periode)


# --- publishing ---------------------------------------------------------------------------------------------


def test_publish_counts_and_rates_per_1000_by_hand(stadsdeelregisseur):
    d = date(2024, 3, 15)
    a = melden(stadsdeelregisseur, datum_voorval=d, bron="bewoner")
    melden(stadsdeelregisseur, datum_voorval=d, bron="telefoon")
    melden(stadsdeelregisseur, datum_voorval=d, bron="wijkronde", categorie_id=categorie("graffiti").pk)
    melden(stadsdeelregisseur, datum_voorval=d, duplicaat_van_id=a.pk)  # one problem: not counted again
    weg = melden(stadsdeelregisseur, datum_voorval=d)
    services.status_wijzigen(signaal_id=weg.pk, naar="geannuleerd", door=stadsdeelregisseur, notitie="per ongeluk")
    demo = melden(stadsdeelregisseur, datum_voorval=d)
    Signaal.objects.filter(pk=demo.pk).update(synthetisch=True)  # real publication: demo data left out

    # Every buurt has CBS inhabitants of 2024 (fixtures/kwb-extra); take them away from one to see that a
    # buurt without a population gets no rate.
    Waarde.objects.filter(indicator__code="AantalInwoners", gebied__code="BU01640300").delete()

    p = publicatie.signalen_publiceren()
    assert p.signalen == 3 and not p.met_synthetisch
    # Hasseler Es, March 2024: 3 signals; 3 x 1000 / 11,975 = 0.250522 per 1,000 inhabitants.
    assert _waarde("Signalen", "WK016403", "2024-03").waarde == 3
    assert _waarde("SignalenPer1000", "WK016403", "2024-03").waarde == pytest.approx(0.250522, abs=1e-6)
    assert _waarde("SignalenPer1000", "WK016403", "2024-03").waarde == pytest.approx(3000 / INWONERS_HASSELER_ES_2024)
    # Residents (bewoner, telefoon) 2, professionals (wijkronde) 1: side by side.
    assert _waarde("SignalenBewoners", "WK016403", "2024-03").waarde == 2
    assert _waarde("SignalenBewonersPer1000", "WK016403", "2024-03").waarde == pytest.approx(2000 / 11975)
    assert _waarde("SignalenProfessionals", "WK016403", "2024-03").waarde == 1
    assert _waarde("Signalen_zwerfvuil", "WK016403", "2024-03").waarde == 2
    assert _waarde("Signalen_verloedering", "BU01640300", "2024-03").waarde == 1
    # Hengelo as a whole: 3 / 83,058 x 1000 = 0.036119.
    assert _waarde("SignalenPer1000", "GM0164", "2024-03").waarde == pytest.approx(0.036119, abs=1e-6)
    # A month without signals is a real 0; a buurt without population has no rate (status onbekend, never 0).
    assert _waarde("Signalen", "WK016403", "2024-04").waarde == 0
    buurt = _waarde("SignalenPer1000", "BU01640300", "2024-03")
    assert buurt.waarde is None and buurt.status == "onbekend" and "geen inwonertal" in buurt.toelichting
    ind = Indicator.objects.select_related("domein", "dataset").get(code="SignalenPer1000")
    assert (ind.domein.code, ind.dataset.code, ind.eenheid) == ("signalen", "signalen", "per 1.000 inwoners")
    assert _waarde("Signalen", "WK016403", "2024-03").bron == "Signalen (Wijkportaal Hengelo)"
    # Publishing again changes nothing.
    tweede = publicatie.signalen_publiceren()
    assert (tweede.nieuw, tweede.gewijzigd, tweede.verwijderd) == (0, 0, 0)


def test_publishing_synthetic_data_says_so_in_the_source(stadsdeelregisseur):
    demo = melden(stadsdeelregisseur, datum_voorval=date(2025, 6, 1))
    Signaal.objects.filter(pk=demo.pk).update(synthetisch=True)
    uit = io.StringIO()
    call_command("publiceer_signalen", "--synthetisch", stdout=uit, stderr=io.StringIO())
    assert "inclusief synthetische" in uit.getvalue()
    w = _waarde("Signalen", "WK016403", "2025-06")
    assert w.waarde == 1 and "synthetische demo-signalen" in w.bron


# --- hotspots -----------------------------------------------------------------------------------------------------


def test_hotspot_against_its_own_baseline(stadsdeelregisseur):
    cat = categorie("graffiti").pk
    for maand in range(1, 13):  # one signal a month in 2025: a quiet baseline
        melden(stadsdeelregisseur, categorie_id=cat, datum_voorval=date(2025, maand, 5))
    for dag in range(1, 7):  # six in January 2026
        melden(stadsdeelregisseur, categorie_id=cat, datum_voorval=date(2026, 1, dag))
    (h,) = hotspots.hotspots_berekenen(maand="2026-01")
    assert (h.buurt.code, h.categorie.code, h.beoordeling.laatste) == ("BU01640300", "verloedering", 6)
    assert h.beoordeling.gemiddelde == 1 and h.beoordeling.sd == 0 and h.synthetisch == 0
    assert hotspots.hotspots_berekenen(maand="2025-12") == []


# --- privacy ---------------------------------------------------------------------------------------------------------


def test_anonymise_command_after_the_retention_term(stadsdeelregisseur):
    nu = timezone.now()
    oud = melden(stadsdeelregisseur, melder_naam="Jan", melder_telefoon="06 11112222", melder_email="jan@example.org")
    recent = melden(stadsdeelregisseur, melder_naam="Kees")
    open_ = melden(stadsdeelregisseur, melder_naam="Ans")
    for s in (oud, recent):
        services.status_wijzigen(signaal_id=s.pk, naar="afgehandeld", door=stadsdeelregisseur, notitie="klaar")
    Signaal.objects.filter(pk=oud.pk).update(afgesloten_op=nu - timedelta(days=370))
    Signaal.objects.filter(pk=recent.pk).update(afgesloten_op=nu - timedelta(days=300))
    Signaal.objects.filter(pk=open_.pk).update(gemeld_op=nu - timedelta(days=800))

    uit = io.StringIO()
    call_command("anonimiseer_signalen", stdout=uit)
    # Issue 16: an open signal logged longer ago than the term is anonymised too (it used to be kept forever).
    assert "bij 2 signalen" in uit.getvalue()
    oud.refresh_from_db()
    assert (oud.melder_naam, oud.melder_telefoon, oud.melder_email) == ("", "", "")
    assert oud.geanonimiseerd_op is not None and oud.omschrijving  # the signal itself stays
    regel = Historie.objects.filter(signaal=oud, soort="anonimisering").get()
    assert regel.door_naam == "systeem" and "12 maanden" in regel.notitie
    assert Signaal.objects.get(pk=recent.pk).melder_naam == "Kees"
    assert Signaal.objects.get(pk=open_.pk).melder_naam == ""  # open, but logged more than 12 months ago
    # Running again changes nothing; a shorter term (configurable) reaches the recent one too.
    call_command("anonimiseer_signalen", stdout=io.StringIO())
    assert Historie.objects.filter(soort="anonimisering").count() == 2
    call_command("anonimiseer_signalen", "--maanden", "6", stdout=io.StringIO())
    assert Signaal.objects.get(pk=recent.pk).melder_naam == ""
    with pytest.raises(CommandError, match="geheel aantal maanden"):
        call_command("anonimiseer_signalen", "--maanden", "-1", stdout=io.StringIO())


def test_retention_default_comes_from_settings(settings, stadsdeelregisseur):
    settings.SIGNALEN_BEWAARTERMIJN_MAANDEN = 1
    s = melden(stadsdeelregisseur, melder_naam="Jan")
    services.status_wijzigen(signaal_id=s.pk, naar="geannuleerd", door=stadsdeelregisseur, notitie="dubbel")
    Signaal.objects.filter(pk=s.pk).update(afgesloten_op=timezone.now() - timedelta(days=40))
    assert anonimiseren.persoonsgegevens_verwijderen() == 1


def test_months_back_keeps_the_day_or_the_last_of_the_month():
    from datetime import datetime

    assert perioden.maanden_terug(datetime(2026, 3, 31, 12), 1) == datetime(2026, 2, 28, 12)
    assert perioden.maanden_terug(datetime(2026, 1, 15), 12) == datetime(2025, 1, 15)


# --- demo data --------------------------------------------------------------------------------------------------------

VELDEN = [
    "omschrijving",
    "categorie__code",
    "bron",
    "aantal_bewoners",
    "datum_voorval",
    "lon",
    "lat",
    "buurt__code",
    "wijk__code",
    "status",
    "streefdatum",
    "melder_naam",
    "duplicaat_van__omschrijving",
]


def _momentopname():
    return list(Signaal.objects.order_by("gemeld_op", "omschrijving", "lon").values_list(*VELDEN))


def test_demo_generator_is_deterministic_labelled_and_on_real_buurten():
    tot = date(2026, 6, 30)
    eerste = synthetische_signalen_maken(aantal=700, seed=11, tot=tot)
    rijen = _momentopname()
    assert eerste.signalen == len(rijen) >= 700 and eerste.escalaties > 0 and eerste.duplicaten > 0
    assert len(eerste.hotspots) == 3
    assert not Signaal.objects.filter(synthetisch=False).exists()
    assert all("(synthetisch)" in r[11] for r in rijen if r[11])
    datums = [r[4] for r in rijen]
    assert min(datums) >= date(2023, 6, 30) and max(datums) < tot
    grenzen = buurtgrenzen(tot.year)
    for r in rijen[:200]:
        if r[5] is not None:
            b = zoek_buurt(r[5], r[6], grenzen)
            assert (b.code, b.wijk_code) == (r[7], r[8])
    assert {r[9] for r in rijen} >= {"in_behandeling", "doorgezet", "afgehandeld", "geannuleerd"}
    # The same seed again: the same data (the previous synthetic signals are replaced); another seed differs.
    tweede = synthetische_signalen_maken(aantal=700, seed=11, tot=tot)
    assert tweede.verwijderd == eerste.signalen and _momentopname() == rijen
    synthetische_signalen_maken(aantal=700, seed=12, tot=tot)
    assert _momentopname() != rijen


def test_demo_command_keeps_real_signals(stadsdeelregisseur):
    echt = melden(stadsdeelregisseur)
    uit = io.StringIO()
    call_command("genereer_signalen", "--aantal", "50", "--seed", "1", "--tot", "2026-01-31", stdout=uit)
    assert "50 synthetische signalen gemaakt" in uit.getvalue()
    assert Signaal.objects.filter(synthetisch=True).count() == 50
    assert Signaal.objects.filter(pk=echt.pk, synthetisch=False).exists()
    with pytest.raises(CommandError, match="tussen 1 en"):
        call_command("genereer_signalen", "--aantal", "0", stdout=io.StringIO())
