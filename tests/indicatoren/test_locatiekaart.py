"""Which indicator colours the profile's locator map, and when there is no map (`locatiekaart.py`): plain
functions on hand-made rows, no database."""

from types import SimpleNamespace

from indicatoren.locatiekaart import geen_kaart_melding, kaart_keuzes, kies_kaart, standaard_kaart
from indicatoren.profiel import DomeinProfiel


def _kengetal(code, periode="2024", *, absoluut=False, eenheid="%"):
    return SimpleNamespace(indicator=SimpleNamespace(code=code, absoluut=absoluut, eenheid=eenheid), periode=periode)


def _domein(code, kengetallen):
    return DomeinProfiel(SimpleNamespace(code=code, naam=code.title()), kernset=kengetallen)


def test_the_map_offers_yearly_figures_per_domain_and_signal_rates_over_the_last_12_months():
    domeinen = [
        _domein("bevolking", [_kengetal("Inwoners", absoluut=True), _kengetal("Maandcijfer", "2026-11")]),
        _domein("wonen", [_kengetal("Maand", "2026-10")]),  # no yearly figure: no group
        _domein(
            "signalen",
            [
                _kengetal("SignalenPer1000", "2026-11", eenheid="per 1.000 inwoners"),
                _kengetal("SignalenBewonersPer1000", "2026-11", eenheid="per 1.000 inwoners"),
                _kengetal("SignalenAantal", "2026-11", eenheid="signalen"),
            ],
        ),
    ]
    maanden = [f"2025-{m:02d}" for m in range(11, 13)] + [f"2026-{m:02d}" for m in range(1, 12)]
    keuzes = kaart_keuzes(domeinen, maanden)
    assert [(naam, [k.indicator.code for k in groep]) for naam, groep in keuzes] == [
        ("Bevolking", ["Inwoners"]),
        ("Signalen (laatste 12 volledige maanden)", ["SignalenPer1000"]),
    ]
    signaal = keuzes[1][1][0]
    assert signaal.perioden == maanden[-12:]
    assert signaal.periode == "gemiddelde per maand, dec 2025 t/m nov 2026"


def test_the_default_is_a_rate_before_a_count_and_a_known_code_wins():
    inwoners, aandeel = _kengetal("Inwoners", absoluut=True), _kengetal("Aandeel")
    tegels = [SimpleNamespace(indicator=k.indicator, kengetal=k) for k in (inwoners, aandeel)]
    keuzes = [("Bevolking", [inwoners, aandeel])]
    assert standaard_kaart(tegels, keuzes) is aandeel
    assert kies_kaart(keuzes, tegels, "Inwoners") is inwoners
    assert kies_kaart(keuzes, tegels, "BestaatNiet") is aandeel  # an old link: the default, no error
    assert kies_kaart(keuzes, [], "") is inwoners  # no tiles: the first choice
    assert kies_kaart([], [], "Inwoners") is None


def test_no_map_without_boundaries_or_without_yearly_figures():
    gekozen = _kengetal("Aandeel")
    met_grens, zonder_grens = SimpleNamespace(geo={"type": "Polygon"}), SimpleNamespace(geo=None)
    assert geen_kaart_melding(gekozen, [zonder_grens, met_grens], naam="Hengelo") == ""
    assert geen_kaart_melding(gekozen, [zonder_grens], naam="Hengelo").startswith(
        "Geen kaart: voor Hengelo zijn geen wijkgrenzen geladen"
    )
    assert geen_kaart_melding(None, [met_grens], naam="Hengelo") == (
        "Geen kaart: er zijn voor dit gebied geen cijfers per jaar om de kaart mee te kleuren."
    )
