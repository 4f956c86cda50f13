"""The imports point one way: wijken <- toegang <- indicatoren <- signalen <- wijkagenda, with the shared
plumbing (`lib`, `api`) and the e-mail outbox (`berichten`) below the apps that use them, and nothing
imports the `wijkportaal` wiring.

Read from the source with `ast` (also imports inside functions), so a new module that reaches upwards
fails here before it becomes a cycle; migrations are held to the same order for the apps whose models
they touch (`apps.get_model`) or depend on.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# package -> the project packages it may import (besides itself)
ONDER = {"lib", "api", "wijken", "berichten", "toegang", "indicatoren", "signalen", "wijkagenda"}
MAG = {
    "lib": set(),
    "wijken": {"lib"},
    "berichten": {"lib"},  # the e-mail outbox: a base layer any app may send through
    "toegang": {"lib", "wijken", "berichten", "api"},
    # api's base view knows who calls (toegang's access and audit) and nothing of any app's data.
    "api": {"lib", "toegang"},
    "indicatoren": {"lib", "api", "wijken", "berichten", "toegang"},
    "signalen": {"lib", "api", "wijken", "berichten", "toegang", "indicatoren"},
    "wijkagenda": {"lib", "api", "wijken", "berichten", "toegang", "indicatoren", "signalen"},
    # Later apps on top (job queue, subscriptions, MOR and Open311 exchange): they may use all of the above.
    "taken": ONDER,
    "abonnementen": ONDER | {"taken"},
    "mor": ONDER,
    "open311": ONDER,
}
# Imports against the direction that are known and named, each with where it is to be resolved. An entry
# here is a debt, not a rule: the test fails when one disappears too, so the list stays true.
BEKEND = {
    ("indicatoren", "taken"): "issue 14: indicatoren enqueues jobs of the job queue (load_cbs, API upload), "
    "and taken runs indicatoren's loaders; a registry of job kinds by name would make it one-way",
}
PROJECT = set(MAG) | {"wijkportaal"}
# Modules of a package that may be imported by a package below it. The token endpoints of toegang
# build on api's base view, so api must not import them (that would be a real cycle).
VERBODEN_MODULES = {"api": {"toegang.api"}}
APPS = {"wijken", "berichten", "toegang", "indicatoren", "signalen", "wijkagenda", "mor"}


def _modules(pakket: str):
    for pad in sorted((ROOT / pakket).rglob("*.py")):
        yield pad, ast.parse(pad.read_text(encoding="utf-8"), filename=str(pad))


def _imports(boom: ast.AST, pad: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import; relative imports are resolved against `pad`."""
    uit = []
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            uit += [(knoop.lineno, alias.name) for alias in knoop.names]
        elif isinstance(knoop, ast.ImportFrom):
            if knoop.level:
                delen = list(pad.relative_to(ROOT).with_suffix("").parts)[: -knoop.level]
                basis = ".".join(delen + ([knoop.module] if knoop.module else []))
            else:
                basis = knoop.module or ""
            uit.append((knoop.lineno, basis))
            uit += [(knoop.lineno, f"{basis}.{alias.name}") for alias in knoop.names]
    return uit


@pytest.mark.django_db(False)
@pytest.mark.parametrize("pakket", sorted(MAG))
def test_a_package_imports_only_the_layers_below_it(pakket):
    fout, bekend = [], set()
    for pad, boom in _modules(pakket):
        for regel, naam in _imports(boom, pad):
            top = naam.split(".")[0]
            if top not in PROJECT or top == pakket:
                continue
            if (pakket, top) in BEKEND:
                bekend.add((pakket, top))
                continue
            if top not in MAG[pakket] or any(
                naam == m or naam.startswith(m + ".") for m in VERBODEN_MODULES.get(pakket, ())
            ):
                fout.append(f"{pad.relative_to(ROOT)}:{regel} imports {naam}")
    assert not fout, "imports against the direction:\n" + "\n".join(fout)
    assert bekend == {paar for paar in BEKEND if paar[0] == pakket}, "a known exception is gone: remove it"


@pytest.mark.django_db(False)
def test_every_project_package_has_its_place():
    """A new app gets a line in MAG (which layers it may use), so its imports are checked too."""
    pakketten = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    assert pakketten - PROJECT == set(), "add these packages to MAG"


@pytest.mark.django_db(False)
def test_nothing_imports_the_wijkportaal_wiring():
    fout = [
        f"{pad.relative_to(ROOT)}:{regel} imports {naam}"
        for pakket in MAG
        for pad, boom in _modules(pakket)
        for regel, naam in _imports(boom, pad)
        if naam.split(".")[0] == "wijkportaal"
    ]
    assert not fout, "use django.conf.settings instead:\n" + "\n".join(fout)


def _app_labels_in_migratie(boom: ast.AST) -> set[str]:
    """The app labels a migration touches: apps.get_model("label", ...) and its dependencies."""
    labels = set()
    for knoop in ast.walk(boom):
        if (
            isinstance(knoop, ast.Call)
            and isinstance(knoop.func, ast.Attribute)
            and knoop.func.attr == "get_model"
            and knoop.args
            and isinstance(knoop.args[0], ast.Constant)
        ):
            labels.add(str(knoop.args[0].value).split(".")[0])
        if isinstance(knoop, ast.Assign) and any(getattr(d, "id", "") == "dependencies" for d in knoop.targets):
            for element in getattr(knoop.value, "elts", []):
                if isinstance(element, ast.Tuple) and isinstance(element.elts[0], ast.Constant):
                    labels.add(str(element.elts[0].value))
    return labels & APPS


@pytest.mark.django_db(False)
@pytest.mark.parametrize("app", sorted(APPS))
def test_migrations_touch_only_their_own_app_and_those_below(app):
    fout = []
    for pad in sorted((ROOT / app / "migrations").glob("0*.py")):
        boom = ast.parse(pad.read_text(encoding="utf-8"))
        if boven := _app_labels_in_migratie(boom) - MAG[app] - {app}:
            fout.append(f"{pad.relative_to(ROOT)}: {sorted(boven)}")
    assert not fout, "migrations reaching an upper app:\n" + "\n".join(fout)


@pytest.mark.django_db(False)
def test_the_rule_itself_catches_an_upward_import(tmp_path):
    """The reader resolves relative imports: `from ..signalen import x` in wijken would be caught."""
    pad = ROOT / "wijken" / "voorbeeld.py"
    boom = ast.parse("from ..signalen import regels\nimport indicatoren.models\n")
    namen = [n for _, n in _imports(boom, pad)]
    assert "signalen.regels" in namen and "indicatoren.models" in namen


@pytest.mark.django_db(False)
def test_lib_has_no_models_and_no_orm():
    fout = [
        f"{pad.relative_to(ROOT)}:{regel} imports {naam}"
        for pad, boom in _modules("lib")
        for regel, naam in _imports(boom, pad)
        if naam.startswith(("django.db", "django.contrib.auth.models", "django.contrib.contenttypes"))
    ]
    assert not fout, "lib is plumbing without a database:\n" + "\n".join(fout)
