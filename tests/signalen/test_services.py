"""The write paths of the signalen app on the real Hengelo boundaries: logging (placement, refusals, bad
input), the workflow through the service (every transition), escalations with working-day due dates,
duplicates, permissions and stale changes. Each refusal must leave the database as it was."""

import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from signalen import duplicaten, services
from signalen.forms import EscalerenFormulier
from signalen.models import Escalatie, EscalatieStatus, Historie, Signaal, Status
from signalen.workflow import OVERGANGEN
from tests.hulp.signalen import BOVENHOEK, ENSCHEDE, categorie, escaleren, melden, punt_in
from toegang.models import Organisatie

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
STATION = (6.7932, 52.2623)  # Hengelo railway station: buurt Binnenstad Centrum (BU01640000), wijk Binnenstad


def _aantallen():
    return Signaal.objects.count(), Historie.objects.count(), Escalatie.objects.count()


def _fout(exc: pytest.ExceptionInfo[ValidationError]) -> dict:
    return exc.value.message_dict


# --- placing a signal -----------------------------------------------------------------------------------


def test_point_lands_in_its_buurt_on_the_real_boundaries(beheerder):
    s = melden(beheerder, lon=STATION[0], lat=STATION[1])
    assert (s.buurt.code, s.wijk.code) == ("BU01640000", "WK016400")
    assert s.grens_jaar == 2025  # the latest stored boundaries at or before this year
    assert (s.lon, s.lat) == STATION


def test_point_in_the_regisseurs_buurt(stadsdeelregisseur):
    s = melden(stadsdeelregisseur)
    assert s.buurt.code == BOVENHOEK and s.wijk.code == "WK016403"
    assert s.status == Status.GEMELD and s.versie == 1
    eerste = s.historie.get()
    assert (eerste.van, eerste.naar, eerste.door, eerste.door_naam) == ("", "gemeld", stadsdeelregisseur, "regisseur")


def test_point_in_enschede_is_refused_and_nothing_is_written(beheerder):
    voor = _aantallen()
    with pytest.raises(ValidationError) as exc:
        melden(beheerder, lon=ENSCHEDE[0], lat=ENSCHEDE[1])
    assert "buiten de gemeente Hengelo" in " ".join(_fout(exc)["locatie"])
    assert _aantallen() == voor


def test_signal_about_a_whole_wijk_has_no_point(stadsdeelregisseur):
    s = melden(stadsdeelregisseur, lon=None, lat=None, wijk_code="WK016403")
    assert s.wijk.code == "WK016403" and s.buurt is None and s.grens_jaar is None and s.lon is None


def test_point_and_another_wijk_conflict(stadsdeelregisseur):
    with pytest.raises(ValidationError) as exc:
        melden(stadsdeelregisseur, wijk_code="WK016400")
    assert "niet in de gekozen wijk WK016400" in _fout(exc)["wijk"][0]


def test_due_date_from_the_category_in_working_days(stadsdeelregisseur):
    # Friday 24 April 2026 + 3 working days: Monday 27 April is Koningsdag -> Tue, Wed, Thu 30 April.
    nu = datetime(2026, 4, 24, 10, 0, tzinfo=AMS)
    s = melden(stadsdeelregisseur, nu=nu, datum_voorval=date(2026, 4, 24))
    assert categorie("afval-naast-container").afhandeltermijn == 3
    assert s.streefdatum == date(2026, 4, 30)


# --- bad input: a clear message per field, nothing written ---------------------------------------------------


@pytest.mark.parametrize(
    ("velden", "veld", "tekst"),
    [
        ({"omschrijving": ""}, "omschrijving", "verplicht"),
        ({"omschrijving": "   "}, "omschrijving", "verplicht"),
        ({"omschrijving": "x" * 5001}, "omschrijving", "te lang: 5001 tekens, maximaal 5000"),
        ({"omschrijving": "x" * 1_000_000}, "omschrijving", "te lang"),
        ({"categorie_id": 987654}, "categorie", "Onbekende categorie '987654'"),
        ({"categorie_id": "zwerfvuil'; DROP TABLE"}, "categorie", "Onbekende categorie"),
        ({"categorie_id": None}, "categorie", "Kies een categorie"),
        ({"lon": "zes komma acht", "lat": "52.26"}, "lon", "moet een getal zijn"),
        ({"lat": "noord"}, "lat", "moet een getal zijn"),
        ({"lon": "nan", "lat": "52.26"}, "lon", "eindig getal"),
        ({"lon": 6.79, "lat": None}, "lat", "lengte- én breedtegraad"),
        ({"lon": 200, "lat": 52.2}, "locatie", "geen geldige coördinaten"),
        ({"lon": None, "lat": None}, "locatie", "Kies een punt"),
        ({"lon": None, "lat": None, "wijk_code": "WK036300"}, "wijk", "geen wijk van de gemeente Hengelo"),
        ({"datum_voorval": date.today() + timedelta(days=2)}, "datum_voorval", "in de toekomst"),
        ({"datum_voorval": "31-02-2026"}, "datum_voorval", "geen datum"),
        ({"datum_voorval": None}, "datum_voorval", "verplicht"),
        ({"bron": "facebook"}, "bron", "Onbekende bron 'facebook'"),
        ({"aantal_bewoners": 0}, "aantal_bewoners", "geheel getal van 1"),
        ({"aantal_bewoners": "veel"}, "aantal_bewoners", "geheel getal"),
        ({"melder_email": "geen-adres"}, "melder_email", "geen geldig e-mailadres"),
        ({"melder_telefoon": "bel me"}, "melder_telefoon", "alleen cijfers"),
        ({"duplicaat_van_id": 99999999}, "duplicaat_van", "geen signaal met nummer"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(stadsdeelregisseur, velden, veld, tekst):
    voor = _aantallen()
    with pytest.raises(ValidationError) as exc:
        melden(stadsdeelregisseur, **velden)
    fouten = _fout(exc)
    assert veld in fouten, fouten
    assert tekst in " ".join(fouten[veld])
    assert _aantallen() == voor


def test_all_problems_are_reported_at_once(stadsdeelregisseur):
    with pytest.raises(ValidationError) as exc:
        melden(stadsdeelregisseur, omschrijving="", categorie_id="abc", bron="", lon="x", datum_voorval="morgen")
    assert {"omschrijving", "categorie", "bron", "lon", "datum_voorval"} <= set(_fout(exc))


def test_only_a_regisseur_of_the_wijk_or_a_beheerder_logs(beleidsmedewerker, stadsdeelregisseur, partner_a):
    for gebruiker in (beleidsmedewerker, partner_a):
        with pytest.raises(PermissionDenied):
            melden(gebruiker)
    # A point outside the regisseur's portfolio (Binnenstad) is refused with the reason.
    with pytest.raises(ValidationError) as exc:
        melden(stadsdeelregisseur, lon=STATION[0], lat=STATION[1])
    assert "niet in uw portefeuille" in _fout(exc)["locatie"][0]
    assert Signaal.objects.count() == 0


# --- the workflow through the service: every pair of statuses --------------------------------------------

PAD = {
    Status.GEMELD: [],
    Status.IN_BEHANDELING: [Status.IN_BEHANDELING],
    Status.DOORGEZET: [Status.DOORGEZET],
    Status.AFGEHANDELD: [Status.AFGEHANDELD],
    Status.GEANNULEERD: [Status.GEANNULEERD],
    Status.HEROPEND: [Status.AFGEHANDELD, Status.HEROPEND],
}


def _in_status(door, status) -> Signaal:
    s = melden(door)
    for naar in PAD[status]:
        s = services.status_wijzigen(signaal_id=s.pk, naar=naar, door=door, notitie="stap")
    assert s.status == status
    return s


@pytest.mark.parametrize(("van", "naar"), list(itertools.product(Status.values, Status.values)))
def test_every_transition_through_the_service(stadsdeelregisseur, van, naar):
    s = _in_status(stadsdeelregisseur, van)
    voor_historie, voor_versie = s.historie.count(), s.versie
    if naar in OVERGANGEN[van]:
        nieuw = services.status_wijzigen(signaal_id=s.pk, naar=naar, door=stadsdeelregisseur, notitie="Waarom.")
        nieuw.refresh_from_db()
        assert nieuw.status == naar and nieuw.versie == voor_versie + 1
        laatste = nieuw.historie.order_by("-id").first()
        assert (laatste.van, laatste.naar, laatste.notitie, laatste.door) == (van, naar, "Waarom.", stadsdeelregisseur)
        assert (nieuw.afgesloten_op is not None) == (naar in (Status.AFGEHANDELD, Status.GEANNULEERD))
    else:
        with pytest.raises(ValidationError) as exc:
            services.status_wijzigen(signaal_id=s.pk, naar=naar, door=stadsdeelregisseur, notitie="Waarom.")
        bericht = " ".join(_fout(exc)["naar"])
        assert "niet toegestaan" in bericht or "al" in bericht
        s.refresh_from_db()
        assert s.status == van and s.versie == voor_versie and s.historie.count() == voor_historie


@pytest.mark.parametrize("naar", [Status.AFGEHANDELD, Status.GEANNULEERD])
def test_closing_needs_a_note(stadsdeelregisseur, naar):
    s = melden(stadsdeelregisseur)
    with pytest.raises(ValidationError) as exc:
        services.status_wijzigen(signaal_id=s.pk, naar=naar, door=stadsdeelregisseur, notitie="  ")
    assert "notitie is verplicht" in _fout(exc)["notitie"][0]
    s.refresh_from_db()
    assert s.status == Status.GEMELD and s.historie.count() == 1


def test_reopening_needs_a_note(stadsdeelregisseur):
    s = _in_status(stadsdeelregisseur, Status.AFGEHANDELD)
    with pytest.raises(ValidationError) as exc:
        services.status_wijzigen(signaal_id=s.pk, naar=Status.HEROPEND, door=stadsdeelregisseur)
    assert "Heropend" in _fout(exc)["notitie"][0]
    s = services.status_wijzigen(signaal_id=s.pk, naar=Status.HEROPEND, door=stadsdeelregisseur, notitie="Weer afval.")
    assert s.status == Status.HEROPEND and s.afgesloten_op is None


def test_unknown_status_and_unknown_signal(stadsdeelregisseur):
    s = melden(stadsdeelregisseur)
    with pytest.raises(ValidationError) as exc:
        services.status_wijzigen(signaal_id=s.pk, naar="weg", door=stadsdeelregisseur)
    assert "geen status" in _fout(exc)["naar"][0]
    with pytest.raises(ValidationError, match="geen signaal met nummer 0"):
        services.status_wijzigen(signaal_id=0, naar=Status.IN_BEHANDELING, door=stadsdeelregisseur)


def test_history_is_append_only(stadsdeelregisseur):
    s = melden(stadsdeelregisseur)
    regel = s.historie.get()
    regel.notitie = "anders"
    with pytest.raises(TypeError, match="alleen aangevuld"):
        regel.save()
    with pytest.raises(TypeError):
        regel.delete()
    with pytest.raises(TypeError):
        Historie.objects.filter(signaal=s).update(notitie="weg")
    with pytest.raises(TypeError):
        Historie.objects.filter(signaal=s).delete()


def test_regisseur_outside_the_portfolio_cannot_change(beheerder, stadsdeelregisseur, beleidsmedewerker):
    elders = melden(beheerder, lon=STATION[0], lat=STATION[1])
    for gebruiker in (stadsdeelregisseur, beleidsmedewerker):
        with pytest.raises(PermissionDenied):
            services.status_wijzigen(signaal_id=elders.pk, naar=Status.IN_BEHANDELING, door=gebruiker)
    elders.refresh_from_db()
    assert elders.status == Status.GEMELD


def test_a_stale_change_is_refused_with_who_changed_it(stadsdeelregisseur, beheerder):
    s = melden(stadsdeelregisseur)
    gezien = s.versie
    services.status_wijzigen(signaal_id=s.pk, naar=Status.IN_BEHANDELING, door=beheerder, versie=gezien)
    with pytest.raises(services.Verouderd) as exc:
        services.status_wijzigen(
            signaal_id=s.pk, naar=Status.AFGEHANDELD, door=stadsdeelregisseur, notitie="klaar", versie=gezien
        )
    assert "Iemand anders heeft het signaal intussen gewijzigd door beheer" in exc.value.messages[0]
    s.refresh_from_db()
    assert s.status == Status.IN_BEHANDELING and s.historie.count() == 2


# --- escalations ------------------------------------------------------------------------------------------


def _org(code):
    return Organisatie.objects.get(code=code)


def test_escalate_to_several_partners_at_once(stadsdeelregisseur):
    s = melden(stadsdeelregisseur)
    nu = datetime(2026, 4, 24, 16, 0, tzinfo=AMS)  # Friday before Koningsdag
    # Through the page's form (a checkbox sends text), as the page does.
    form = EscalerenFormulier(
        {
            "partners": [_org("gildebor").pk, str(_org("welbions").pk)],
            "gevraagde_actie": "Container legen en bewoners aanspreken.",
            "werkdagen": "1",
        }
    )
    assert form.is_valid(), form.errors
    escalaties = services.escaleren(signaal_id=s.pk, door=stadsdeelregisseur, nu=nu, **form.service_velden())
    assert [e.partner.code for e in escalaties] == ["gildebor", "welbions"]
    # Sat, Sun, Koningsdag (Monday 27 April) are skipped: due Tuesday 28 April.
    assert {e.streefdatum for e in escalaties} == {date(2026, 4, 28)}
    assert all(e.status == EscalatieStatus.VERSTUURD and e.werkdagen == 1 for e in escalaties)
    s.refresh_from_db()
    assert s.status == Status.DOORGEZET
    soorten = list(s.historie.order_by("id").values_list("soort", "naar"))
    assert soorten == [
        ("status", "gemeld"),
        ("escalatie", "verstuurd"),
        ("escalatie", "verstuurd"),
        ("status", "doorgezet"),
    ]


def test_escalation_due_over_christmas_and_default_term(stadsdeelregisseur):
    s = melden(stadsdeelregisseur)
    nu = datetime(2026, 12, 24, 9, 0, tzinfo=AMS)  # Thursday; 25 and 26 December are holidays
    (esc,) = services.escaleren(
        signaal_id=s.pk,
        partner_ids=[_org("gildebor").pk],
        gevraagde_actie="Opruimen",
        werkdagen=2,
        door=stadsdeelregisseur,
        nu=nu,
    )
    assert esc.streefdatum == date(2026, 12, 29)  # Mon 28, Tue 29
    s2 = melden(stadsdeelregisseur)
    (standaard,) = services.escaleren(
        signaal_id=s2.pk, partner_ids=[_org("politie").pk], gevraagde_actie="Kijken", door=stadsdeelregisseur, nu=nu
    )
    assert standaard.werkdagen == 3  # the category's afhandeltermijn
    assert standaard.streefdatum == date(2026, 12, 30)


def test_overdue_escalations_and_signals_are_found(stadsdeelregisseur):
    s = melden(stadsdeelregisseur)
    (esc,) = services.escaleren(
        signaal_id=s.pk,
        partner_ids=[_org("gildebor").pk],
        gevraagde_actie="Opruimen",
        werkdagen=2,
        door=stadsdeelregisseur,
    )
    vandaag = date.today()
    assert not esc.is_te_laat(vandaag)
    later = esc.streefdatum + timedelta(days=1)
    assert esc.is_te_laat(later)
    assert list(Signaal.objects.te_laat(vandaag=later)) == [Signaal.objects.get(pk=s.pk)]
    rij = Signaal.objects.met_lijstgegevens(vandaag=later).get(pk=s.pk)
    assert rij.escalatie_te_laat and rij.open_escalaties == 1
    assert not Signaal.objects.te_laat(vandaag=vandaag).exists() or s.streefdatum < vandaag


def test_escalation_refusals(stadsdeelregisseur):
    s = melden(stadsdeelregisseur)
    voor = _aantallen()
    gevallen = [
        ({"partner_ids": []}, "partners", "minstens één partner"),
        ({"partner_ids": ["abc"]}, "partners", "geen organisatie"),
        ({"partner_ids": [999999]}, "partners", "geen organisatie met nummer"),
        ({"partner_ids": [_org("cbs").pk]}, "partners", "pakt geen signalen op"),
        ({"gevraagde_actie": ""}, "gevraagde_actie", "verplicht"),
        ({"werkdagen": 0}, "werkdagen", "1 tot 250"),
        ({"werkdagen": "twee"}, "werkdagen", "1 tot 250"),
    ]
    for extra, veld, tekst in gevallen:
        velden = {"partner_ids": [_org("gildebor").pk], "gevraagde_actie": "Opruimen", **extra}
        with pytest.raises(ValidationError) as exc:  # the form's checks, then the service's
            escaleren(stadsdeelregisseur, signaal_id=s.pk, **velden)
        assert tekst in " ".join(_fout(exc)[veld]), (extra, _fout(exc))
    assert _aantallen() == voor
    services.escaleren(signaal_id=s.pk, partner_ids=[_org("gildebor").pk], gevraagde_actie="x", door=stadsdeelregisseur)
    with pytest.raises(ValidationError, match="loopt al een escalatie"):
        services.escaleren(
            signaal_id=s.pk, partner_ids=[_org("gildebor").pk], gevraagde_actie="x", door=stadsdeelregisseur
        )


def test_partner_updates_its_own_escalation_only(stadsdeelregisseur, partner_a, partner_b):
    s = melden(stadsdeelregisseur)
    (esc,) = services.escaleren(
        signaal_id=s.pk,
        partner_ids=[_org("welbions").pk],
        gevraagde_actie="Huurder aanspreken",
        door=stadsdeelregisseur,
    )
    with pytest.raises(PermissionDenied):
        services.escalatie_bijwerken(escalatie_id=esc.pk, status="in_behandeling", door=partner_b)
    esc = services.escalatie_bijwerken(
        escalatie_id=esc.pk, status="in_behandeling", referentie="WB-2026-0042", door=partner_a, versie=1
    )
    assert (esc.status, esc.referentie_partner, esc.versie) == ("in_behandeling", "WB-2026-0042", 2)
    with pytest.raises(ValidationError) as exc:
        services.escalatie_bijwerken(escalatie_id=esc.pk, status="afgewezen", door=partner_a)
    assert "waarom" in _fout(exc)["notitie"][0]
    with pytest.raises(ValidationError) as exc:
        services.escalatie_bijwerken(escalatie_id=esc.pk, status="verstuurd", door=partner_a)
    assert "niet toegestaan" in _fout(exc)["status"][0]
    # The signal cannot be closed while the escalation is open.
    with pytest.raises(ValidationError) as exc:
        services.status_wijzigen(signaal_id=s.pk, naar="afgehandeld", door=stadsdeelregisseur, notitie="klaar")
    assert "Welbions" in _fout(exc)["naar"][0]
    services.escalatie_bijwerken(escalatie_id=esc.pk, status="afgerond", notitie="Gesprek gevoerd", door=partner_a)
    with pytest.raises(ValidationError, match="kan niet meer wijzigen"):
        services.escalatie_bijwerken(escalatie_id=esc.pk, referentie="x", door=partner_a)
    s = services.status_wijzigen(signaal_id=s.pk, naar="afgehandeld", door=stadsdeelregisseur, notitie="klaar")
    assert s.status == Status.AFGEHANDELD


# --- duplicates -------------------------------------------------------------------------------------------

METER_LAT = 1 / 111_195  # degrees of latitude per metre


def test_duplicate_suggestions_within_100_m_or_in_the_same_buurt(stadsdeelregisseur, beheerder):
    lon, lat = punt_in(BOVENHOEK)
    a = melden(stadsdeelregisseur, lon=lon, lat=lat)
    ander_soort = melden(stadsdeelregisseur, lon=lon, lat=lat, categorie_id=categorie("graffiti").pk)
    gesloten = melden(stadsdeelregisseur, lon=lon, lat=lat)
    services.status_wijzigen(signaal_id=gesloten.pk, naar="geannuleerd", door=stadsdeelregisseur, notitie="dubbel")
    oud = melden(stadsdeelregisseur, lon=lon, lat=lat)
    Signaal.objects.filter(pk=oud.pk).update(gemeld_op=oud.gemeld_op - timedelta(days=91))
    elders = melden(beheerder, lon=STATION[0], lat=STATION[1])  # same category, other wijk

    hoofd = categorie("zwerfvuil")  # the main category covers its subcategories
    dichtbij = duplicaten.duplicaat_suggesties(categorie=hoofd, lon=lon, lat=lat + 60 * METER_LAT)
    assert [(x.signaal.pk, round(x.afstand_m)) for x in dichtbij] == [(a.pk, 60)]
    assert dichtbij[0].reden == "op 60 m"
    # 150 m away: no longer near, but still found through the same buurt.
    buurt = a.buurt_id
    verder = duplicaten.duplicaat_suggesties(categorie=hoofd, lon=lon, lat=lat + 150 * METER_LAT, buurt_id=buurt)
    assert [(x.signaal.pk, x.reden) for x in verder] == [(a.pk, "in dezelfde buurt")]
    assert duplicaten.duplicaat_suggesties(categorie=hoofd, lon=lon, lat=lat + 150 * METER_LAT) == []
    gevonden = {x.signaal.pk for x in duplicaten.duplicaat_suggesties(categorie=hoofd, buurt_id=buurt)}
    assert a.pk in gevonden and not gevonden & {ander_soort.pk, gesloten.pk, oud.pk, elders.pk}


def test_linking_a_duplicate_counts_one_problem_with_more_residents(stadsdeelregisseur):
    a = melden(stadsdeelregisseur, aantal_bewoners=2)
    b = melden(stadsdeelregisseur, aantal_bewoners=3, duplicaat_van_id=a.pk)
    assert b.duplicaat_van_id == a.pk
    c = melden(stadsdeelregisseur)
    # Linking to a duplicate links to the group's first signal: groups stay flat.
    services.als_duplicaat_koppelen(signaal_id=c.pk, hoofd_id=b.pk, door=stadsdeelregisseur, notitie="zelfde")
    c.refresh_from_db()
    assert c.duplicaat_van_id == a.pk
    rij = Signaal.objects.met_lijstgegevens().get(pk=a.pk)
    assert rij.aantal_duplicaten == 2 and rij.bewoners_groep == 2 + 3 + 1
    assert list(Signaal.objects.telbaar(met_synthetisch=False).values_list("pk", flat=True)) == [a.pk]
    assert f"Gekoppeld als duplicaat van #{a.pk}" in c.historie.order_by("-id").first().notitie
    with pytest.raises(ValidationError, match="zichzelf"):
        services.als_duplicaat_koppelen(signaal_id=a.pk, hoofd_id=c.pk, door=stadsdeelregisseur)
    services.duplicaat_ontkoppelen(signaal_id=c.pk, door=stadsdeelregisseur)
    assert Signaal.objects.met_lijstgegevens().get(pk=a.pk).aantal_duplicaten == 1
