"""The allowed status changes, as plain tables. The services refuse everything not listed here.

gemeld ──> in_behandeling ──> doorgezet ──> afgehandeld ──> heropend ──> (in behandeling, ...)
   │             │    ^            │
   │             │    └────────────┘  (partner gave it back)
   └─────────────┴──> afgehandeld (direct opgelost) / geannuleerd (dubbel, onterecht) ──> heropend
"""

from .models import EscalatieStatus as E
from .models import Status as S

OVERGANGEN: dict[str, frozenset[str]] = {
    S.GEMELD: frozenset({S.IN_BEHANDELING, S.DOORGEZET, S.AFGEHANDELD, S.GEANNULEERD}),
    S.IN_BEHANDELING: frozenset({S.DOORGEZET, S.AFGEHANDELD, S.GEANNULEERD}),
    S.DOORGEZET: frozenset({S.IN_BEHANDELING, S.AFGEHANDELD, S.GEANNULEERD}),
    S.AFGEHANDELD: frozenset({S.HEROPEND}),
    S.GEANNULEERD: frozenset({S.HEROPEND}),
    S.HEROPEND: frozenset({S.IN_BEHANDELING, S.DOORGEZET, S.AFGEHANDELD, S.GEANNULEERD}),
}

# A change into these states needs a note: why it was closed, cancelled or reopened.
NOTITIE_VERPLICHT: frozenset[str] = frozenset({S.AFGEHANDELD, S.GEANNULEERD, S.HEROPEND})

ESCALATIE_OVERGANGEN: dict[str, frozenset[str]] = {
    E.VERSTUURD: frozenset({E.IN_BEHANDELING, E.AFGEROND, E.AFGEWEZEN}),
    E.IN_BEHANDELING: frozenset({E.AFGEROND, E.AFGEWEZEN}),
    E.AFGEROND: frozenset(),
    E.AFGEWEZEN: frozenset(),
}
ESCALATIE_NOTITIE_VERPLICHT: frozenset[str] = frozenset({E.AFGEWEZEN})


def mag_overgaan(van: str, naar: str) -> bool:
    return naar in OVERGANGEN.get(van, frozenset())


def volgende_statussen(van: str) -> list[str]:
    """The states reachable from `van`, in the order of the Status choices (for a form)."""
    return [s for s in S.values if s in OVERGANGEN.get(van, frozenset())]


def escalatie_mag_overgaan(van: str, naar: str) -> bool:
    return naar in ESCALATIE_OVERGANGEN.get(van, frozenset())


def volgende_escalatiestatussen(van: str) -> list[str]:
    return [s for s in E.values if s in ESCALATIE_OVERGANGEN.get(van, frozenset())]


def overgang_fout(van: str, naar: str) -> str | None:
    """Why `van -> naar` is refused, in Dutch, or None when it is allowed."""
    if naar not in S.values:
        return f"'{naar}' is geen status van een signaal."
    if van == naar:
        return f"Het signaal heeft de status '{S(van).label}' al."
    if mag_overgaan(van, naar):
        return None
    mogelijk = ", ".join(f"'{S(s).label}'" for s in volgende_statussen(van)) or "geen"
    return (
        f"Van '{S(van).label}' naar '{S(naar).label}' is niet toegestaan. "
        f"Vanuit '{S(van).label}' kan het signaal naar: {mogelijk}."
    )


def escalatie_overgang_fout(van: str, naar: str) -> str | None:
    if naar not in E.values:
        return f"'{naar}' is geen status van een escalatie."
    if van == naar:
        return f"De escalatie heeft de status '{E(van).label}' al."
    if escalatie_mag_overgaan(van, naar):
        return None
    mogelijk = ", ".join(f"'{E(s).label}'" for s in volgende_escalatiestatussen(van)) or "geen (afgesloten)"
    return f"Van '{E(van).label}' naar '{E(naar).label}' is niet toegestaan voor een escalatie. Mogelijk: {mogelijk}."
