"""Formulas of derived indicators: a safe arithmetic subset of Python over indicator codes.

`AantalInwoners / Woningvoorraad` or `1000 * PersonenPerSoortUitkeringBijstand / AantalInwoners`.
Codes may contain dots (`GemiddeldAardgasverbruik.Appartement`). Nothing is ever eval()'d.
"""

import ast
import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter

_OPERATOREN = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


class FormuleFout(ValueError):
    pass


def _naam(node) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and (basis := _naam(node.value)):
        return f"{basis}.{node.attr}"
    return None


@dataclass(frozen=True)
class Formule:
    tekst: str
    boom: ast.Expression
    namen: frozenset[str]

    def bereken(self, waarden: dict[str, float]) -> float:
        """Evaluate with all inputs present; raises ZeroDivisionError on a zero denominator."""
        return _evalueer(self.boom.body, waarden)


def _evalueer(node, waarden):
    if isinstance(node, ast.Constant):
        return float(node.value)
    if (naam := _naam(node)) is not None:
        return waarden[naam]
    if isinstance(node, ast.UnaryOp):
        waarde = _evalueer(node.operand, waarden)
        return -waarde if isinstance(node.op, ast.USub) else waarde
    return _OPERATOREN[type(node.op)](_evalueer(node.left, waarden), _evalueer(node.right, waarden))


def parse_formule(tekst: str) -> Formule:
    if not tekst or not tekst.strip():
        raise FormuleFout("de formule is leeg")
    try:
        boom = ast.parse(tekst.strip(), mode="eval")
    except SyntaxError as exc:
        raise FormuleFout(f"formule '{tekst}' is geen geldige rekenregel ({exc.msg})") from exc
    namen: set[str] = set()

    def controleer(node):
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, int | float):
                raise FormuleFout(f"alleen getallen zijn toegestaan, niet {node.value!r}")
            return
        if (naam := _naam(node)) is not None:
            namen.add(naam)
            return
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            controleer(node.operand)
            return
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATOREN:
            controleer(node.left)
            controleer(node.right)
            return
        raise FormuleFout(f"formule '{tekst}': alleen + - * / , haakjes, getallen en indicatorcodes")

    controleer(boom.body)
    if not namen:
        raise FormuleFout(f"formule '{tekst}' gebruikt geen enkele indicator")
    return Formule(tekst=tekst.strip(), boom=boom, namen=frozenset(namen))


def volgorde_en_kringen(gebruikt: Mapping[str, Iterable[str]]) -> tuple[list[str], list[tuple[str, ...]]]:
    """The codes ordered so that inputs come before the codes using them (`graphlib`), and every circular
    reference met on the way, each as the path 'A uses B uses ... uses A' from its smallest code.

    `gebruikt`: per code the codes it uses (others are ignored). A circle's closing reference is left out to
    look for the next one, so a file with two circles names both."""
    graaf = {code: {n for n in namen if n in gebruikt} for code, namen in gebruikt.items()}
    kringen: list[tuple[str, ...]] = []
    while True:
        sorteerder = TopologicalSorter({code: sorted(graaf[code]) for code in sorted(graaf)})
        try:
            return list(sorteerder.static_order()), kringen
        except CycleError as exc:
            # graphlib lists the circle from user to used's user ("B is used by A"): turned round here.
            kring = list(reversed(exc.args[1]))[:-1]
            begin = kring.index(min(kring))
            kring = kring[begin:] + kring[:begin]
            kringen.append((*kring, kring[0]))
            graaf[kring[-1]].discard(kring[0])


def rekenvolgorde(formules: dict[str, Formule]) -> list[str]:
    """Derived indicator codes ordered so that inputs come before the indicators using them."""
    volgorde, kringen = volgorde_en_kringen({code: f.namen for code, f in formules.items()})
    if kringen:
        raise FormuleFout(f"kringverwijzing in formules: {' -> '.join(kringen[0])}")
    return volgorde
