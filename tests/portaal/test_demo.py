"""Demo data that stays put: a second `dev.py run` gives the same demo signals with the same ids, keeps the
work done on them, and seeds a wijkagenda, wijknetwerk and partner dataset once (labelled synthetic)."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from indicatoren.models import Dataset, Indicator, Waarde
from signalen import services as signaalservices
from signalen.models import Signaal
from wijkagenda.demo import DATASET, INDICATOR, LABEL
from wijkagenda.models import Actie, Bespreking, NetwerkContact, Opgave
from wijken.models import Gebied

pytestmark = pytest.mark.django_db


def _genereer(*extra) -> str:
    uit = io.StringIO()
    call_command("genereer_signalen", "--aantal", "60", "--seed", "7", "--tot", "2026-11-30", *extra, stdout=uit)
    return uit.getvalue()


def test_demo_signals_keep_their_ids_and_the_work_on_them(stadsdeelregisseur):
    _genereer("--behouden")
    ids = sorted(Signaal.objects.filter(synthetisch=True).values_list("id", flat=True))
    assert len(ids) == 60
    # Someone works on a demo signal between two runs.
    signaal = Signaal.objects.filter(synthetisch=True).order_by("id").first()
    Signaal.objects.filter(pk=signaal.pk).update(status="gemeld", wijk=Gebied.objects.get(code="WK016403"))
    signaalservices.status_wijzigen(
        signaal_id=signaal.pk, naar="in_behandeling", door=stadsdeelregisseur, notitie="opgepakt"
    )
    uit = _genereer("--behouden")
    assert "bestaan al en blijven staan" in uit
    assert sorted(Signaal.objects.filter(synthetisch=True).values_list("id", flat=True)) == ids
    assert Signaal.objects.get(pk=signaal.pk).status == "in_behandeling"
    # Without --behouden the generator still replaces its own output (new numbers), as documented.
    _genereer()
    assert min(Signaal.objects.filter(synthetisch=True).values_list("id", flat=True)) > max(ids)


def test_demo_agenda_network_and_partner_dataset_are_made_once(settings, stadsdeelregisseur):
    settings.DEBUG = True
    uit = io.StringIO()
    call_command("maak_demo_gegevens", stdout=uit)
    assert "Demo (synthetisch) gemaakt: 1 opgave(n), 2 actie(s)" in uit.getvalue()

    def stand():
        return (
            sorted(Opgave.objects.values_list("id", flat=True)),
            sorted(Actie.objects.values_list("id", flat=True)),
            sorted(Bespreking.objects.values_list("id", flat=True)),
            sorted(NetwerkContact.objects.values_list("id", flat=True)),
            sorted(Waarde.objects.filter(indicator__code=INDICATOR).values_list("id", "waarde")),
        )

    eerst = stand()
    assert [len(x) for x in eerst] == [1, 2, 1, 3, 20]  # 10 wijken x 2 years
    # Labelled synthetic in the data itself, so every page, export and API answer says so.
    opgave = Opgave.objects.get()
    assert opgave.titel.startswith(LABEL) and all(a.omschrijving.startswith(LABEL) for a in opgave.acties.all())
    assert all(c.contactpersoon.startswith(LABEL) for c in NetwerkContact.objects.all())
    dataset = Dataset.objects.select_related("eigenaar").get(code=DATASET)
    assert dataset.naam.startswith(LABEL) and dataset.eigenaar.code == "welbions"
    assert all(w.bron.startswith(LABEL) for w in Waarde.objects.filter(indicator__code=INDICATOR))

    # A user edits the demo; a second run creates nothing and keeps the edit.
    Opgave.objects.filter(pk=opgave.pk).update(beschrijving="aangepast door de regisseur")
    uit = io.StringIO()
    call_command("maak_demo_gegevens", stdout=uit)
    assert "bestaan al: ongemoeid" in uit.getvalue()
    assert stand() == eerst
    assert Opgave.objects.get().beschrijving == "aangepast door de regisseur"


def test_each_role_sees_its_own_demo(settings, stadsdeelregisseur, client_partner_a, client_regisseur):
    settings.DEBUG = True
    call_command("maak_demo_gegevens", stdout=io.StringIO())
    # The partner (Welbions) sees the agenda it takes part in, its own action and its own dataset.
    agenda = client_partner_a.get("/gebied/WK016403/agenda/").content.decode()
    assert "minder zwerfafval" in agenda and "bewoners van de flats informeren" in agenda
    profiel = client_partner_a.get("/gebied/WK016403/").content.decode()
    assert "Huurachterstand Welbions" in profiel and "synthetisch" in profiel
    netwerk = client_regisseur.get("/gebied/WK016403/netwerk/").content.decode()
    assert "wijkagent" in netwerk and LABEL in netwerk


def test_demo_gegevens_need_debug_and_an_account(settings, db):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("maak_demo_gegevens", stdout=io.StringIO())
    settings.DEBUG = True
    with pytest.raises(CommandError, match="maak_demo_accounts"):
        call_command("maak_demo_gegevens", "--door", "niemand", stdout=io.StringIO())


def test_demo_passwords_are_shown_once_and_can_be_reset(settings, db):
    settings.DEBUG = True
    uit = io.StringIO()
    call_command("maak_demo_accounts", stdout=uit)
    eerste = dict(re.findall(r"^\s+(\w+)\s+wachtwoord (\S+)", uit.getvalue(), flags=re.M))
    assert set(eerste) == {"beheerder", "beleid", "regisseur", "welbions", "politie"}
    assert "maak_demo_accounts --reset" in uit.getvalue() and "changepassword" in uit.getvalue()
    uit = io.StringIO()
    call_command("maak_demo_accounts", stdout=uit)
    assert "wachtwoord " not in uit.getvalue().split("Nieuw wachtwoord")[0].replace("wachtwoord vergeten", "")
    gebruiker = get_user_model().objects.get(username="beleid")
    assert gebruiker.check_password(eerste["beleid"])
    uit = io.StringIO()
    call_command("maak_demo_accounts", "--reset", stdout=uit)
    nieuw = dict(re.findall(r"^\s+(\w+)\s+wachtwoord (\S+)", uit.getvalue(), flags=re.M))
    assert set(nieuw) == set(eerste) and nieuw["beleid"] != eerste["beleid"]
    gebruiker.refresh_from_db()
    assert gebruiker.check_password(nieuw["beleid"]) and not gebruiker.check_password(eerste["beleid"])
    assert Indicator.objects.exists()  # the real data is untouched


def test_demo_publishes_a_labelled_ledger_on_the_public_wijk_page(settings, stadsdeelregisseur, client_anoniem):
    """Issue 13: on the first run the public page of Hasseler Es shows 'Jij zei, wij deden', labelled synthetic;
    a second run changes nothing."""
    from signalen.models import Uitlegsjabloon
    from wijkagenda.models import Resultaat, SignaalKoppeling

    settings.DEBUG = True
    uit = io.StringIO()
    call_command("maak_demo_gegevens", stdout=uit)
    assert "Jij zei, wij deden (synthetisch): 2 signaalcluster(s) gekoppeld" in uit.getvalue()
    html = client_anoniem.get("/openbaar/gebied/WK016403/").content.decode()
    assert "Jij zei, wij deden" in html and f"{LABEL}: minder zwerfafval" in html and f"{LABEL}: voorbeeld" in html
    stand = (SignaalKoppeling.objects.count(), Resultaat.objects.count(), Uitlegsjabloon.objects.count())
    call_command("maak_demo_gegevens", stdout=io.StringIO())
    assert (SignaalKoppeling.objects.count(), Resultaat.objects.count(), Uitlegsjabloon.objects.count()) == stand
