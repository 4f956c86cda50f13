#!/usr/bin/env python3
"""Set up and run Wijkportaal with nothing but Python 3.11+.

    python3 dev.py run    install into .venv, migrate, load the real Hengelo data, serve on 127.0.0.1:8000
    python3 dev.py test   install into .venv (with test tools), ruff check and format check, mypy, the whole test
                          suite on every core (pytest-xdist)

DATABASE_URL picks PostgreSQL (e.g. postgres://postgres@127.0.0.1:5432/postgres); without it
the portal uses an SQLite file under var/. DEBUG defaults to 1 here (development only).
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def sh(*args, **kwargs) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    resultaat = subprocess.run([str(a) for a in args], cwd=ROOT, **kwargs)
    if resultaat.returncode != 0:
        sys.exit(resultaat.returncode)


def installeer(extra: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be started by an older python3
        sys.exit("Wijkportaal needs Python 3.11 or newer.")
    if not PY.exists():
        print(f"Creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stempel = VENV / f".installed-{extra or 'run'}"
    vingerafdruk = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stempel.exists() and stempel.read_text() == vingerafdruk:
        return
    sh(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    sh(PY, "-m", "pip", "install", "--quiet", "-e", f".[{extra}]" if extra else ".")
    stempel.write_text(vingerafdruk)


def omgeving() -> dict:
    env = dict(os.environ)
    env.setdefault("DEBUG", "1")
    return env


def uitvoer(*args, **kwargs) -> str:
    """Run a command like `sh`, but keep its output to show later (the demo passwords go last)."""
    print("+", " ".join(str(a) for a in args), flush=True)
    resultaat = subprocess.run([str(a) for a in args], cwd=ROOT, capture_output=True, text=True, **kwargs)
    sys.stderr.write(resultaat.stderr)
    if resultaat.returncode != 0:
        sys.stdout.write(resultaat.stdout)
        sys.exit(resultaat.returncode)
    return resultaat.stdout


def run() -> None:
    installeer("")
    env = omgeving()
    sh(PY, "manage.py", "migrate", "--noinput", env=env)
    sh(PY, "manage.py", "load_hengelo", env=env)
    # One account per role with a random password (existing accounts are left alone); shown at the end.
    accounts = uitvoer(PY, "manage.py", "maak_demo_accounts", env=env)
    # Synthetic demo signals (seeded, in real buurten, labelled synthetic everywhere): made once and then kept,
    # so a second run has the same signals with the same numbers and keeps the work done on them.
    sh(PY, "manage.py", "genereer_signalen", "--aantal", "3000", "--seed", "42", "--behouden", env=env)
    # Their counts published as indicators (replaces its own earlier output: safe to repeat).
    sh(PY, "manage.py", "publiceer_signalen", "--synthetisch", env=env)
    # A small synthetic wijkagenda, wijknetwerk and partner dataset, so every role sees something of its own.
    sh(PY, "manage.py", "maak_demo_gegevens", env=env)
    streep = "=" * 78
    print(f"\n{streep}\n{accounts.rstrip()}\n{streep}", flush=True)
    print("\nWijkportaal draait op http://127.0.0.1:8000/ (stoppen: Ctrl+C)\n", flush=True)
    sh(PY, "manage.py", "runserver", "127.0.0.1:8000", env=env)


def test(pytest_args: list[str]) -> None:
    installeer("test")
    env = omgeving()
    sh(BIN / "ruff", "check", ".", env=env)
    sh(BIN / "ruff", "format", "--check", ".", env=env)
    # Types (django-stubs, DRF stubs; [tool.mypy] in pyproject.toml): zero errors or the run stops here.
    sh(BIN / "mypy", env=env)
    # One pytest-xdist worker per core, each with its own test database and the real data loaded once;
    # whole files per worker (--dist loadfile): a file's tests share its fixtures and fixed ports.
    # Extra arguments go after these, so `python3 dev.py test -n 0 tests/wijken` runs in one process.
    sh(PY, "-m", "pytest", "-n", "auto", "--dist", "loadfile", *pytest_args, env=env)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        sys.exit(__doc__)
    if sys.argv[1] == "run":
        run()
    else:
        test(sys.argv[2:])


if __name__ == "__main__":
    main()
