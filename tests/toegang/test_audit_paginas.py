"""Issue 16 item 12: pages that show a reporter's personal data and downloads of the pages are audited; an
audit row keeps the user's name when the account is deleted."""

import pytest

from tests.hulp.signalen import melden
from toegang.models import AuditRegel

pytestmark = pytest.mark.django_db


def test_the_detail_page_with_the_reporters_details_is_audited(client_regisseur, stadsdeelregisseur):
    s = melden(stadsdeelregisseur, melder_naam="Jan Jansen", melder_telefoon="06 1234 5678")
    assert "Jan Jansen" in client_regisseur.get(f"/signalen/{s.pk}/").content.decode()
    regel = AuditRegel.objects.get()
    assert (regel.methode, regel.pad, regel.status, regel.gebruikersnaam) == (
        "GET",
        f"/signalen/{s.pk}/",
        200,
        "regisseur",
    )


def test_no_audit_row_when_no_personal_data_is_shown(client_beleid, client_regisseur, stadsdeelregisseur):
    met = melden(stadsdeelregisseur, melder_naam="Jan Jansen")
    zonder = melden(stadsdeelregisseur)
    assert "Jan Jansen" not in client_beleid.get(f"/signalen/{met.pk}/").content.decode()  # not allowed to see
    client_regisseur.get(f"/signalen/{zonder.pk}/")
    assert not AuditRegel.objects.exists()


def test_the_admin_page_of_a_signal_is_audited(client_beheerder, stadsdeelregisseur):
    s = melden(stadsdeelregisseur, melder_naam="Jan Jansen")
    assert client_beheerder.get(f"/beheer/signalen/signaal/{s.pk}/change/").status_code == 200
    assert AuditRegel.objects.get().gebruikersnaam == "beheer"


@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_downloads_of_the_pages_are_audited(client, formaat):
    antwoord = client.get(f"/gebied/WK016403/?formaat={formaat}&tabel=profiel")
    assert antwoord.status_code == 200 and "attachment" in antwoord["Content-Disposition"]
    regel = AuditRegel.objects.get()
    assert (regel.pad, regel.parameters, regel.gebruikersnaam) == (
        "/gebied/WK016403/",
        f"formaat={formaat}&tabel=profiel",
        "beleid",
    )


def test_deleting_a_user_keeps_the_name_on_their_audit_rows(client_regisseur, stadsdeelregisseur):
    s = melden(stadsdeelregisseur, melder_naam="Jan Jansen")
    client_regisseur.get(f"/signalen/{s.pk}/")
    client_regisseur.get("/api/v1/signalen/")
    stadsdeelregisseur.delete()
    rijen = list(AuditRegel.objects.values_list("gebruiker", "gebruikersnaam"))
    assert rijen == [(None, "regisseur"), (None, "regisseur")]
    assert "regisseur" in str(AuditRegel.objects.first())
