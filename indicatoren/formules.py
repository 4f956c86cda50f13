"""Formulas of derived indicators: a safe arithmetic subset of Python over indicator codes.

`AantalInwoners / Woningvoorraad` or `1000 * PersonenPerSoortUitkeringBijstand / AantalInwoners`.
Codes may contain dots (`GemiddeldAardgasverbruik.Appartement`). Nothing is ever eval()'d.
"""

import ast
import operator
from dataclasses import dataclass

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


def rekenvolgorde(formules: dict[str, Formule]) -> list[str]:
    """Derived indicator codes ordered so that inputs come before the indicators using them."""
    volgorde: list[str] = []
    bezig: set[str] = set()

    def bezoek(code: str, pad: tuple[str, ...]):
        if code in volgorde:
            return
        if code in bezig:
            raise FormuleFout(f"kringverwijzing in formules: {' -> '.join((*pad, code))}")
        bezig.add(code)
        for naam in sorted(formules[code].namen):
            if naam in formules:
                bezoek(naam, (*pad, code))
        bezig.discard(code)
        volgorde.append(code)

    for code in sorted(formules):
        bezoek(code, ())
    return volgorde
