"""The parts of the wijkanalyse (wijkagenda/delen.py) on small hand-checked examples (no database)."""

from datetime import date
from types import SimpleNamespace

import pytest

from indicatoren.weergave import toon
from wijkagenda import analyse, delen

BEVOLKING = SimpleNamespace(code="bevolking", naam="Bevolking", volgorde=10)
WONEN = SimpleNamespace(code="wonen", naam="Wonen", volgorde=20)
INKOMEN = SimpleNamespace(code="inkomen-armoede", naam="Inkomen en armoede", volgorde=30)
VEILIGHEID = SimpleNamespace(code="veiligheid", naam="Veiligheid", volgorde=50)
LEEFOMGEVING = SimpleNamespace(code="fysieke-leefomgeving", naam="Fysieke leefomgeving", volgorde=60)


def ind(code, polariteit="neutraal", *, domein=BEVOLKING, absoluut=False, decimalen=1, eenheid="%", groep=""):
    return SimpleNamespace(
        code=code,
        naam=code,
        polariteit=polariteit,
        domein=domein,
        volgorde=0,
        absoluut=absoluut,
        decimalen=decimalen,
        eenheid=eenheid,
        cbs_groep=groep,
    )


def g(waarde, decimalen=1):
    return toon(waarde, "beschikbaar", decimalen=decimalen)


# Five wijken with 10, 20, 30, 40, 50: s = 15.81; a wijk with 50 against Hengelo's 30 lies z = 1.26 above
WIJKEN = [g(v) for v in (10, 20, 30, 40, 50)]


def kenmerk(indicator, eigen, hengelo=30, periode="2024", bron="CBS"):
    return analyse.kenmerk(indicator, periode, g(eigen, indicator.decimalen), g(hengelo), WIJKEN, bron)


@pytest.mark.parametrize(
    ("indicator", "deel"),
    [
        (ind("Aandeel65Plus"), delen.SAMENSTELLING),
        (ind("Woningvoorraad", domein=WONEN, absoluut=True), delen.SAMENSTELLING),  # neutral housing: described
        (ind("OnbewoondeWoningen", "hoger_slechter", domein=WONEN), delen.WONEN),
        (ind("Huishoudens", domein=INKOMEN, groep="Bevolking / Particuliere huishoudens"), delen.SAMENSTELLING),
        (
            ind("AfstandTotSchool", "hoger_slechter", domein=LEEFOMGEVING, groep="Nabijheid voorzieningen / X"),
            delen.VOORZIENINGEN,
        ),
        (ind("AandeelWater", domein=LEEFOMGEVING), delen.WONEN),
        (ind("Bijstand", "hoger_slechter", domein=INKOMEN), delen.SOCIAAL),
        (ind("Misdrijven", "hoger_slechter", domein=VEILIGHEID), delen.VEILIGHEID),
        # a partner's report figures land by the domain they are given, not by a list of codes
        (ind("MorMeldingen", domein=SimpleNamespace(code="signalen", naam="Signalen", volgorde=90)), delen.WAT_LEEFT),
        (ind("Nieuw", domein=SimpleNamespace(code="cultuur", naam="Cultuur", volgorde=95)), delen.OVERIG),
        # the MOR reports of the openbare ruimte (app mor) by their domain
        (
            ind("MorZwerfvuil", domein=SimpleNamespace(code="meldingen-openbare-ruimte", naam="MOR", volgorde=96)),
            delen.WAT_LEEFT,
        ),
    ],
)
def test_every_indicator_lands_in_the_part_of_its_domain_and_cbs_group(indicator, deel):
    assert delen.deel_van(indicator) == deel


def test_samenstelling_describes_without_judging_counts_first():
    inwoners = kenmerk(ind("AantalInwoners", absoluut=True, decimalen=0, eenheid="aantal", groep="Bevolking"), 11975)
    mannen = kenmerk(ind("Mannen", absoluut=True, decimalen=0, eenheid="aantal", groep="Bevolking / Geslacht"), 6060)
    ouderen = kenmerk(ind("Aandeel65Plus"), 50)  # z = 1.26: far from Hengelo, still no judgement
    deel = delen.thema_deel(
        delen.SAMENSTELLING, [ouderen, mannen, inwoners], gebied="Hasseler Es", gemeente_code="GM0164"
    )
    teksten = [z.tekst for z in deel.zinnen]
    assert teksten[0] == "AantalInwoners in Hasseler Es: 11.975 (2024)."
    # a breakdown (men, women) after the shares
    assert teksten[1] == "Aandeel65Plus in Hasseler Es: 50,0% tegen 30,0% in heel Hengelo (2024)."
    assert teksten[2] == "Mannen in Hasseler Es: 6.060 (2024)."
    assert not any(w in t for t in teksten for w in ("beter", "slechter"))
    assert deel.zinnen[1].getallen == ("50,0", "30,0")
    assert deel.zinnen[1].anker == "samenstelling-Aandeel65Plus"
    assert deel.zinnen[1].herkomst == "bron: CBS"


def test_a_judged_part_names_what_stands_out_and_counts_the_rest():
    bijstand = kenmerk(ind("Bijstand", "hoger_slechter", domein=INKOMEN), 50)  # score -1.26: slechter
    inkomen = kenmerk(ind("Inkomen", "hoger_beter", domein=INKOMEN), 32)  # z = 0.13: not clear
    deel = delen.thema_deel(delen.SOCIAAL, [inkomen, bijstand], gebied="Wijk", gemeente_code="GM0164")
    assert deel.zinnen[0].tekst == "Bijstand is in Wijk duidelijk slechter dan in Hengelo: 50,0% tegen 30,0% (2024)."
    assert deel.zinnen[1].tekst == (
        "Op 1 andere indicator wijkt Wijk niet duidelijk af van Hengelo (minder dan 0,5 standaardverschil)."
    )
    assert len(deel.kenmerken) == 2  # both in the table


def test_a_part_without_data_says_which_data_is_missing_and_how_to_load_it():
    deel = delen.thema_deel(delen.VOORZIENINGEN, [], gebied="Wijk", gemeente_code="GM0164")
    assert deel.leeg and deel.ontbreekt is not None
    assert "Nabijheid voorzieningen" in deel.ontbreekt.uitleg
    assert "python manage.py load_cbs --gemeente GM0164" in [a.commando for a in deel.ontbreekt.aanvullingen]


def _beeld():
    # area 2,000 inhabitants, Hengelo 80,000; overlast 6 + onveilig gevoel 4 in the area, 40 + 20 in Hengelo
    rijen = [
        (True, "overlast", True, False, 6),
        (False, "overlast", True, False, 34),
        (True, "onveilig-gevoel", True, False, 4),
        (False, "onveilig-gevoel", True, False, 16),
        (True, "overlast", False, False, 3),
        (True, "zwerfvuil", True, False, 9),
    ]
    return analyse.signaalbeeld(
        rijen,
        categorieen=[("overlast", "Overlast"), ("onveilig-gevoel", "Onveilig gevoel"), ("zwerfvuil", "Zwerfvuil")],
        inwoners=2000,
        inwoners_gemeente=80000,
        periode="2025-12 t/m 2026-11",
        vorige_periode="2024-12 t/m 2025-11",
    )


def test_safety_signals_stand_next_to_registered_crime_and_replace_a_missing_crime_figure():
    som = delen.signaal_som(_beeld())
    assert (som.aantal, som.aantal_vorig) == (10, 3)
    assert som.per_1000 == pytest.approx(5.0)  # 1000 * 10 / 2000
    assert som.per_1000_gemeente == pytest.approx(0.75)  # 1000 * 60 / 80000
    leeg = delen.thema_deel(delen.VEILIGHEID, [], gebied="Wijk", gemeente_code="GM0164")
    deel = delen.veiligheid_deel(leeg, som, gebied="Wijk", signalen_zichtbaar=True)
    assert deel.ontbreekt is None
    assert deel.zinnen[0].tekst == (
        "Signalen over overlast, onveilig gevoel: 10 in Wijk (2025-12 t/m 2026-11), 5,00 per 1.000 inwoners "
        "tegen 0,75 in heel Hengelo; in de twaalf maanden daarvoor 3 signalen."
    )
    assert deel.zinnen[0].getallen == ("10", "5,00", "0,75", "3")
    assert "Geregistreerde misdrijven zijn voor dit gebied niet geladen" in deel.opmerkingen[0]


def test_development_compares_the_change_with_the_city_over_the_same_periods():
    indicator = ind("Zonnestroom", "hoger_beter", domein=WONEN, decimalen=0, eenheid="kW")
    v = analyse.verandering(indicator, {"2021": g(100, 0), "2022": g(110, 0)})
    stad = delen.stad_verandering(v, {"2021": g(200, 0), "2022": g(204, 0)})
    assert stad.relatief == pytest.approx(0.02)
    from wijkagenda import teksten

    zin = delen.zin_ontwikkeling(v, stad, "Wijk", teksten.zin_verandering(v, "Wijk"))
    assert zin.tekst == (
        "Zonnestroom steeg in Wijk van 100 kW in 2021 naar 110 kW in 2022, +10,0%; dat is verbeterd. "
        "In heel Hengelo van 200 naar 204 (+2,0%): Wijk veranderde sneller."
    )
    assert zin.getallen == ("100", "110", "+10,0%", "200", "204", "+2,0%")


def test_strengths_and_concerns_over_all_parts_largest_first():
    sterk_groot = kenmerk(ind("A", "hoger_beter", domein=INKOMEN), 50)  # +1.26
    sterk_klein = kenmerk(ind("B", "hoger_beter", domein=WONEN), 40)  # +0.63
    zorg = kenmerk(ind("C", "hoger_slechter", domein=VEILIGHEID), 45)  # -0.95
    neutraal = kenmerk(ind("D"), 50)  # no direction: never a strength
    sterk, aandacht = delen.punten([sterk_klein, zorg, neutraal, sterk_groot])
    assert [k.indicator.code for k in sterk] == ["A", "B"]
    assert [k.indicator.code for k in aandacht] == ["C"]
    assert delen.zinnen_punten([], "Wijk", sterk=True)[0].tekst.startswith(
        "Op geen enkele indicator met een richting scoort Wijk duidelijk beter"
    )


def test_running_agreements_count_open_actions_and_those_past_their_due_date():
    vandaag = date(2026, 12, 1)
    afspraken = [
        delen.Afspraak(
            1,
            "Minder zwerfvuil",
            "Fysieke leefomgeving",
            date(2026, 3, 1),
            (("Extra ronde", "Gildebor", date(2026, 11, 1)), ("Bewonersavond", "Wijkracht", date(2027, 1, 15))),
        ),
        delen.Afspraak(2, "Eenzaamheid", "Zorg en welzijn", date(2026, 6, 1), ()),
    ]
    zinnen = delen.zinnen_afspraken(afspraken, wijk="Hasseler Es", vandaag=vandaag)
    assert zinnen[0].tekst == (
        "In de wijkagenda van Hasseler Es lopen 2 opgaven met samen 2 open acties, waarvan 1 over de streefdatum."
    )
    assert zinnen[0].getallen == ("2", "2", "1")
    assert zinnen[1].tekst == (
        "Minder zwerfvuil (fysieke leefomgeving, sinds 1 maart 2026): 2 open acties; de eerstvolgende is "
        "'Extra ronde' (Gildebor), streefdatum 1 november 2026."
    )
    assert zinnen[2].tekst == "Eenzaamheid (zorg en welzijn, sinds 1 juni 2026): geen open acties."
    assert delen.zinnen_afspraken([], wijk="X", vandaag=vandaag) == []


def test_in_het_kort_opens_with_the_key_figures_each_with_period_and_source():
    inwoners = kenmerk(ind("AantalInwoners", absoluut=True, decimalen=0, eenheid="aantal"), 11975)
    zorg = kenmerk(ind("Bijstand", "hoger_slechter", domein=INKOMEN), 50)
    cijfers, zinnen = delen.in_het_kort(
        gebied="Hasseler Es",
        inwoners=inwoners,
        sterk=[],
        zorg=[zorg],
        grootste=None,
        signalen=_beeld(),
        afspraken=[],
        vandaag=date(2026, 12, 1),
    )
    assert cijfers[0] == delen.Kort("inwoners", "Inwoners", "11.975", "2024 · CBS")
    assert zinnen[0].tekst == "In Hasseler Es wonen 11.975 mensen (2024)."
    assert zinnen[1].tekst == (
        "Hasseler Es scoort op 0 indicatoren duidelijk beter en op 1 duidelijk slechter dan Hengelo "
        "(de grootste zorg: bijstand)."
    )
    assert (
        zinnen[2].tekst == "In 2025-12 t/m 2026-11 kwamen 19 signalen binnen; het meest opvallend: zwerfvuil."
    )  # 40 x Hengelo
    assert zinnen[3].tekst == "In de wijkagenda lopen 0 opgaven met 0 open acties."


def test_sources_are_listed_with_their_periods_most_used_first():
    rijen = delen.bronnen(
        [
            kenmerk(ind("A"), 1, bron="CBS"),
            kenmerk(ind("B"), 1, periode="2022", bron="CBS"),
            kenmerk(ind("C"), 1, bron="Welbions"),
        ]
    )
    assert rijen == [("CBS", "2022, 2024", 2), ("Welbions", "2024", 1)]
