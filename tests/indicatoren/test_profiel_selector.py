"""The one profile read behind the internal and the public profile (`selectors.profiel_van`), and the
profile's table builder (`profiel.profiel_tabel`), on small hand-checked examples."""

from types import SimpleNamespace

import pytest

from indicatoren.models import Dataset, Domein, Indicator, KernsetItem, Waarde
from indicatoren.profiel import DomeinProfiel, Kengetal, profiel_tabel
from indicatoren.selectors import gemeente_van, kernset_van, profiel_van, wijk_van
from indicatoren.vergelijken import Oordeel
from indicatoren.weergave import Getoond
from toegang.models import Organisatie
from toegang.regels import ANONIEM, toegang_van
from wijken.models import Gebied


def _gebied(code):
    return Gebied.objects.met_ouders().get(code=code)


def _veel_indicatoren(aantal: int, jaren: int, *, zichtbaarheid="openbaar") -> None:
    """`aantal` indicators with a value for Hasseler Es in each of `jaren` years."""
    dataset = Dataset.objects.create(
        code=f"veel-{zichtbaarheid}",
        naam="Veel",
        zichtbaarheid=zichtbaarheid,
        eigenaar=Organisatie.objects.get(code="cbs"),
    )
    domein = Domein.objects.get(code="zorg-welzijn")
    indicatoren = Indicator.objects.bulk_create(
        Indicator(code=f"Veel{zichtbaarheid}{i}", naam=f"Veel {i}", domein=domein, dataset=dataset)
        for i in range(aantal)
    )
    wijk = Gebied.objects.get(code="WK016403")
    Waarde.objects.bulk_create(
        Waarde(indicator=ind, gebied=wijk, periode=str(2015 + j), waarde=j, bron="test")
        for ind in indicatoren
        for j in range(jaren)
    )


@pytest.mark.django_db
def test_gemeente_and_wijk_come_from_the_loaded_parents_without_a_query(django_assert_num_queries):
    buurt, wijk, gemeente = _gebied("BU01640300"), _gebied("WK016403"), _gebied("GM0164")
    with django_assert_num_queries(0):
        assert (gemeente_van(buurt).code, wijk_van(buurt).code) == ("GM0164", "WK016403")
        assert (gemeente_van(wijk).code, wijk_van(wijk).code) == ("GM0164", "WK016403")
        assert (gemeente_van(gemeente).code, wijk_van(gemeente)) == ("GM0164", None)


@pytest.mark.django_db
@pytest.mark.parametrize(("aantal", "jaren"), [(5, 1), (200, 10)])
def test_the_profile_is_two_queries_for_5_or_200_indicators_and_1_or_10_years(django_assert_num_queries, aantal, jaren):
    _veel_indicatoren(aantal, jaren)
    wijk = _gebied("WK016403")
    with django_assert_num_queries(2):  # values of wijk, gemeente and Nederland; kernset
        profiel = profiel_van(wijk, toegang=ANONIEM)
    eigen = {k.indicator.code: k for d in profiel.domeinen for k in d.alle}
    assert eigen["Veelopenbaar0"].periode == str(2015 + jaren - 1)  # the latest year headlines
    assert eigen["Veelopenbaar0"].aantal_perioden == jaren
    assert eigen["Veelopenbaar0"].eigen.waarde == jaren - 1
    assert sum(1 for c in eigen if c.startswith("Veelopenbaar")) == aantal


@pytest.mark.django_db
def test_internal_and_public_profile_are_the_same_read_with_another_access(beleidsmedewerker):
    _veel_indicatoren(2, 1, zichtbaarheid="intern")
    wijk = _gebied("WK016403")
    intern = profiel_van(wijk, toegang=toegang_van(beleidsmedewerker))
    openbaar = profiel_van(wijk, toegang=ANONIEM)
    codes_intern = {k.indicator.code for d in intern.domeinen for k in d.alle}
    codes_openbaar = {k.indicator.code for d in openbaar.domeinen for k in d.alle}
    assert {"Veelintern0", "Veelintern1"} <= codes_intern
    assert not codes_openbaar & {"Veelintern0", "Veelintern1"}
    assert codes_openbaar < codes_intern
    assert "AantalInwoners" in codes_openbaar
    # the same gemeente and Nederland as references, the same kernset
    assert (
        (openbaar.gemeente.code, openbaar.wijk.code)
        == (intern.gemeente.code, intern.wijk.code)
        == ("GM0164", "WK016403")
    )
    assert openbaar.nl_id == intern.nl_id  # None: Nederland is not among the test data
    assert openbaar.kernset == intern.kernset == kernset_van(wijk)
    assert openbaar.met_gemeente and not profiel_van(_gebied("GM0164"), toegang=ANONIEM).met_gemeente
    inwoners = next(k for d in openbaar.domeinen for k in d.alle if k.indicator.code == "AantalInwoners")
    assert (inwoners.periode, inwoners.eigen.waarde, inwoners.gemeente.waarde) == ("2024", 11975, 83058)


@pytest.mark.django_db
def test_a_wijk_with_its_own_kernset_choice_replaces_the_default_in_that_domain():
    wijk = _gebied("WK016403")
    standaard = kernset_van(wijk)
    eigen = Indicator.objects.get(code="AantalInwoners")
    domein = eigen.domein.code
    KernsetItem.objects.create(gebied=wijk, indicator=eigen)
    kernset = kernset_van(wijk)
    in_domein = {i.code for i in Indicator.objects.filter(domein__code=domein)}
    assert kernset & in_domein == {"AantalInwoners"}
    assert kernset - in_domein == standaard - in_domein


# --- the table builder, no database --------------------------------------------------------------------


def test_the_profile_table_has_one_row_per_indicator_with_its_references():
    domein = SimpleNamespace(naam="Bevolking", code="bevolking")
    ind = SimpleNamespace(naam="Aantal inwoners", code="AantalInwoners", eenheid="aantal")
    kengetal = Kengetal(
        indicator=ind,
        periode="2024",
        eigen=Getoond("11.975", 11975.0, "beschikbaar", ""),
        bron="CBS 85984NED",
        gemeente=Getoond("83.058", 83058.0, "beschikbaar", ""),
        nl=None,
        oordeel_gemeente=Oordeel("lager", "lager", "▼", -71083.0, -0.86),
        oordeel_nl=None,
        in_kernset=True,
        aantal_perioden=1,
        periode_tekst="2024",
    )
    geheim = Kengetal(
        indicator=SimpleNamespace(naam="Geheim", code="Geheim", eenheid=""),
        periode="2023",
        eigen=Getoond("geheim", None, "geheim", "CBS x"),
        bron="",
        gemeente=None,
        nl=None,
        oordeel_gemeente=None,
        oordeel_nl=None,
        in_kernset=False,
        aantal_perioden=2,
    )
    gebied = SimpleNamespace(weergavenaam="Hasseler Es", code="WK016403")
    tabel = profiel_tabel(
        gebied, [DomeinProfiel(domein, [kengetal], [geheim])], SimpleNamespace(weergavenaam="Hengelo")
    )
    assert tabel.id == "profiel" and tabel.titel == "Profiel Hasseler Es (WK016403)"
    assert tabel.kolommen[8] == "waarde Hengelo"
    assert tabel.rijen == [
        [
            "Bevolking",
            "Aantal inwoners",
            "AantalInwoners",
            "2024",
            11975.0,
            "aantal",
            "beschikbaar",
            "",
            83058.0,
            "lager",
            None,
            "CBS 85984NED",
        ],
        ["Bevolking", "Geheim", "Geheim", "2023", None, "", "geheim", "CBS x", None, "", None, ""],
    ]
    assert tabel.samenvatting == "2 indicatoren voor Hasseler Es."
    assert profiel_tabel(gebied, [], None).kolommen[8] == "waarde gemeente"


# --- the pages on top of it: the same budget for 5 or 200 indicators and 1 or 10 years ----------------


@pytest.mark.django_db
@pytest.mark.parametrize(("aantal", "jaren"), [(5, 1), (200, 10)])
def test_internal_and_public_profile_pages_keep_their_budget_at_200_indicators_and_10_years(
    client, client_anoniem, django_assert_num_queries, aantal, jaren
):
    _veel_indicatoren(aantal, jaren)
    # session, user, account; gebied with parents; values (area, gemeente, Nederland); kernset; the locator
    # map's areas (which are also the sub-areas)
    with django_assert_num_queries(7):
        intern = client.get("/gebied/WK016403/")
    # gebied with parents; open values of the area, gemeente and Nederland; kernset; buurten
    with django_assert_num_queries(4):
        openbaar = client_anoniem.get("/openbaar/gebied/WK016403/")
    assert intern.status_code == openbaar.status_code == 200
    assert "Veel 0" in intern.content.decode() and "Veel 0" in openbaar.content.decode()
