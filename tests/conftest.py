import io
import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

# Browser tests (Playwright) run the live server in a thread next to an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    # Test accounts are made by the dozen; the production hasher (PBKDF2, deliberately slow) would
    # dominate the setup time. Log-in behaviour does not depend on the hasher.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # No internet in tests: the address search is off unless a test points it at its local fake
    # (tests/wijken/test_geocoder.py, fixture `pdok`).
    settings.PDOK_LOCATIESERVER_URL = ""


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real Hengelo fixtures once per test process (once per xdist worker, each in its own test
    database); each test then runs in a transaction that is rolled back, so every test starts from the same
    real data.

    Transactional tests (transaction=True: threads, processes, the live server of the browser tests) commit.
    Django would empty every table after each of them (flush); here the snapshot taken right after loading
    is put back instead (tests/hulp/momentopname.py: PostgreSQL COPY, SQLite backup; a fraction of a
    second), so the next test finds the same data.
    """
    from django.test import TransactionTestCase

    from tests.hulp import momentopname

    with django_db_blocker.unblock():
        call_command("load_hengelo", stdout=io.StringIO(), stderr=io.StringIO())
        opname = momentopname.maak()
    flush = TransactionTestCase._fixture_teardown

    def zet_hengelo_terug(testcase):
        if list(testcase._databases_names(include_mirrors=False)) != ["default"]:
            return flush(testcase)
        return momentopname.herstel(opname)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(TransactionTestCase, "_fixture_teardown", zet_hengelo_terug)
        yield
    momentopname.sluit(opname)


@pytest.fixture
def hengelo_bewaard(django_db_setup, transactional_db):
    """For tests that need the real Hengelo data committed, so that other threads, processes or the live
    server see it: makes the test transactional. The data is there at its start and is put back at its end,
    as for every transactional test (`django_db_setup`); `serialized_rollback` is not needed."""


#: Fixtures that make a test transactional (it commits; the data is put back afterwards).
TRANSACTIONELE_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences", "hengelo_bewaard"}
BROWSER_FIXTURES = {"page", "browser", "context", "live_server"}


def _transactioneel(item) -> bool:
    if TRANSACTIONELE_FIXTURES & set(item.fixturenames):
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    return bool(marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences") or marker.args[:1] == (True,))


@pytest.fixture
def fixtures_map() -> Path:
    return FIXTURES


@pytest.fixture
def schrijf(tmp_path):
    """Write a test file: schrijf("naam.csv", "inhoud") or bytes."""

    def _schrijf(naam: str, inhoud: str | bytes) -> Path:
        pad = tmp_path / naam
        if isinstance(inhoud, bytes):
            pad.write_bytes(inhoud)
        else:
            pad.write_text(inhoud, encoding="utf-8")
        return pad

    return _schrijf


OVERSLAAN_OP_SQLITE = "needs PostgreSQL (set DATABASE_URL)"


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests are skipped on SQLite; browser and thread/concurrency tests carry their marker
    (`-m "not browser"`, `-m gelijktijdig`) also when their module forgot it: browser by the Playwright or
    live-server fixtures, gelijktijdig by being transactional without a browser."""
    from django.db import connection

    skip = pytest.mark.skip(reason=OVERSLAAN_OP_SQLITE)
    for item in items:
        if connection.vendor != "postgresql" and "postgres" in item.keywords:
            item.add_marker(skip)
        if BROWSER_FIXTURES & set(item.fixturenames):
            if "browser" not in item.keywords:
                item.add_marker(pytest.mark.browser)
        elif _transactioneel(item) and "gelijktijdig" not in item.keywords:
            item.add_marker(pytest.mark.gelijktijdig)


def pytest_sessionfinish(session, exitstatus):
    """In CI (CI=true) a skipped test is a failure, except a PostgreSQL-only test on SQLite: a missing
    browser, Redis or server must not pass unnoticed as a green run. Under xdist the controller decides: the
    workers' reports (skips included) reach its terminal reporter."""
    if hasattr(session.config, "workerinput"):  # an xdist worker: its reports go to the controller
        return
    if not os.environ.get("CI") or exitstatus not in (0, pytest.ExitCode.OK):
        return
    verslag = session.config.pluginmanager.get_plugin("terminalreporter")
    overgeslagen = verslag.stats.get("skipped", []) if verslag else []
    onterecht = [r for r in overgeslagen if OVERSLAAN_OP_SQLITE not in str(r.longrepr)]
    if onterecht:
        if verslag._tw.width_of_current_line:  # after xdist's progress line too (ensure_newline misses it)
            verslag.write("\n")
        for r in onterecht:
            verslag.write_line(f"CI: overgeslagen terwijl het hier moet draaien: {r.nodeid}: {r.longrepr}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# --- named actors --------------------------------------------------------------------------------
# Every role of the access model as a ready user and a logged-in test client. The stadsdeelregisseur's
# portfolio is WK016403 Hasseler Es; partner A is Welbions, partner B is Politie.

WACHTWOORD = "een-lang-testwachtwoord-2026"


@pytest.fixture
def maak_gebruiker(db, django_user_model):
    from toegang.models import Account, Organisatie
    from wijken.models import Gebied

    def _maak(
        naam: str,
        rol: str,
        organisatie: str = "gemeente-hengelo",
        *,
        portefeuille=(),
        persoonsgegevens=False,
        superuser=False,
    ):
        gebruiker = django_user_model.objects.create_user(
            username=naam, password=WACHTWOORD, is_staff=superuser, is_superuser=superuser
        )
        account = Account.objects.create(
            gebruiker=gebruiker,
            rol=rol,
            organisatie=Organisatie.objects.get(code=organisatie),
            mag_persoonsgegevens_zien=persoonsgegevens,
        )
        if portefeuille:
            account.portefeuille.set(Gebied.objects.filter(code__in=portefeuille))
        return gebruiker

    return _maak


@pytest.fixture
def beleidsmedewerker(maak_gebruiker):
    return maak_gebruiker("beleid", "beleidsmedewerker")


@pytest.fixture
def stadsdeelregisseur(maak_gebruiker):
    return maak_gebruiker("regisseur", "stadsdeelregisseur", portefeuille=["WK016403"], persoonsgegevens=True)


@pytest.fixture
def partner_a(maak_gebruiker):
    return maak_gebruiker("welbions", "partner", "welbions")


@pytest.fixture
def partner_b(maak_gebruiker):
    return maak_gebruiker("politie", "partner", "politie")


@pytest.fixture
def beheerder(maak_gebruiker):
    return maak_gebruiker("beheer", "beheerder", superuser=True, persoonsgegevens=True)


def _ingelogd(gebruiker):
    from django.test import Client

    client = Client()
    client.force_login(gebruiker)
    return client


@pytest.fixture
def client_beleid(beleidsmedewerker):
    return _ingelogd(beleidsmedewerker)


@pytest.fixture
def client_regisseur(stadsdeelregisseur):
    return _ingelogd(stadsdeelregisseur)


@pytest.fixture
def client_partner_a(partner_a):
    return _ingelogd(partner_a)


@pytest.fixture
def client_partner_b(partner_b):
    return _ingelogd(partner_b)


@pytest.fixture
def client_beheerder(beheerder):
    return _ingelogd(beheerder)


@pytest.fixture
def client_anoniem(db):
    from django.test import Client

    return Client()


@pytest.fixture
def client(beleidsmedewerker):
    """Page tests act as a logged-in beleidsmedewerker unless they ask for another actor
    (client_anoniem, client_partner_a, ...). A logged-in page costs 3 extra queries:
    session, user and the user's account (toegang_van)."""
    return _ingelogd(beleidsmedewerker)


# --- API tests ----------------------------------------------------------------------------------------
# Partner data for the access tests, on top of the real CBS data:
# - welbions-intern (intern, owned by Welbions = partner A): WelbionsHuurachterstanden, threshold 10:
#   WK016403/2024 = 42, WK016400/2024 = 3 (below the threshold: delivered as null, onder_drempel);
# - politie-intern (intern, owned by Politie = partner B): PolitieWoninginbraken WK016403/2024 = 17;
# - politie-gedeeld (partners, owned by Politie): PolitieOverlast WK016403/2024 = 120, WK016400/2024 geheim.


@pytest.fixture(autouse=True)
def _verse_throttles():
    """The throttles count in the cache; every test starts with empty buckets."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partnerdata(db):
    from indicatoren.models import Dataset, Domein, Indicator, Status, Waarde
    from toegang.models import Organisatie
    from wijken.models import Gebied

    org = {o.code: o for o in Organisatie.objects.filter(code__in=["welbions", "politie"])}
    wonen = Domein.objects.get(code="wonen")
    veiligheid = Domein.objects.get(code="veiligheid")
    gebied = {g.code: g for g in Gebied.objects.filter(code__in=["WK016403", "WK016400"])}
    sets = {
        "welbions-intern": Dataset.objects.create(
            code="welbions-intern", naam="Welbions huurders", zichtbaarheid="intern", eigenaar=org["welbions"]
        ),
        "politie-intern": Dataset.objects.create(
            code="politie-intern", naam="Politie intern", zichtbaarheid="intern", eigenaar=org["politie"]
        ),
        "politie-gedeeld": Dataset.objects.create(
            code="politie-gedeeld", naam="Politie gedeeld", zichtbaarheid="partners", eigenaar=org["politie"]
        ),
    }
    ind = {
        "WelbionsHuurachterstanden": Indicator.objects.create(
            code="WelbionsHuurachterstanden",
            naam="Huishoudens met huurachterstand",
            domein=wonen,
            dataset=sets["welbions-intern"],
            eenheid="aantal",
            onthullingsdrempel=10,
        ),
        "PolitieWoninginbraken": Indicator.objects.create(
            code="PolitieWoninginbraken",
            naam="Woninginbraken",
            domein=veiligheid,
            dataset=sets["politie-intern"],
            eenheid="aantal",
        ),
        "PolitieOverlast": Indicator.objects.create(
            code="PolitieOverlast", naam="Meldingen overlast", domein=veiligheid, dataset=sets["politie-gedeeld"]
        ),
    }
    rijen = [
        ("WelbionsHuurachterstanden", "WK016403", 42.0, Status.BESCHIKBAAR),
        ("WelbionsHuurachterstanden", "WK016400", 3.0, Status.BESCHIKBAAR),
        ("PolitieWoninginbraken", "WK016403", 17.0, Status.BESCHIKBAAR),
        ("PolitieOverlast", "WK016403", 120.0, Status.BESCHIKBAAR),
        ("PolitieOverlast", "WK016400", None, Status.GEHEIM),
    ]
    Waarde.objects.bulk_create(
        Waarde(indicator=ind[i], gebied=gebied[g], periode="2024", waarde=w, status=s, bron=f"test {i}")
        for i, g, w, s in rijen
    )
    return {"datasets": sets, "indicatoren": ind}


# --- real-browser tests (Playwright with Debian's chromium; playwright cannot download a browser here) ----------

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": BROWSER_ARGS}


# --- a local fake of the PDOK Locatieserver v3.1 (/free), answering in its real layout ----------------------

PDOK_PAD = "/bzk/locatieserver/search/v3_1"
PDOK_DOCS = [
    {
        "id": "adr-1",
        "type": "adres",
        "weergavenaam": "Bovenhoekweg 12, 7553VJ Hengelo",
        "postcode": "7553VJ",
        "centroide_ll": "POINT(6.80893 52.27215)",
        "buurtcode": "BU01640300",
        "buurtnaam": "Bovenhoek",
        "wijkcode": "WK016403",
        "wijknaam": "Hasseler Es",
        "gemeentecode": "0164",
    },
    {
        "id": "weg-1",
        "type": "weg",
        "weergavenaam": "Deldenerstraat, Hengelo",
        "centroide_ll": "POINT(6.80012 52.26311)",
        "wijkcode": "WK016400",
        "wijknaam": "Binnenstad",
        "gemeentecode": "0164",
    },
]


@pytest.fixture
def pdok(settings):
    """Starts the fake and points PDOK_LOCATIESERVER_URL at it. Yields the list of received query strings."""
    import json as _json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qs, urlsplit

    ontvangen = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            deel = urlsplit(self.path)
            ontvangen.append(parse_qs(deel.query))
            if deel.path != f"{PDOK_PAD}/free":
                self.send_response(404)
                self.end_headers()
                return
            q = parse_qs(deel.query).get("q", [""])[0].lower()
            docs = [d for d in PDOK_DOCS if any(w in d["weergavenaam"].lower() for w in q.split())]
            body = _json.dumps({"response": {"numFound": len(docs), "start": 0, "maxScore": 9.1, "docs": docs}})
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    settings.PDOK_LOCATIESERVER_URL = f"http://127.0.0.1:{server.server_address[1]}{PDOK_PAD}"
    yield ontvangen
    server.shutdown()
    server.server_close()


# --- a real SMTP server (aiosmtpd) on 127.0.0.1, random port ------------------------------------------------


class Postvak:
    """What the test SMTP server received: `berichten` (email.message.EmailMessage, policy default)."""

    def __init__(self):
        self.berichten = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        import email
        from email import policy

        self.berichten.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def wacht_op(self, aantal: int = 1, *, seconden: float = 10) -> list:
        """The received messages once there are `aantal` (or after `seconden`): delivery is asynchronous."""
        import time

        begin = time.monotonic()
        while len(self.berichten) < aantal and time.monotonic() - begin < seconden:
            time.sleep(0.05)
        return self.berichten


@pytest.fixture
def smtp_server(settings):
    """Starts aiosmtpd on 127.0.0.1 (a free port) and points Django's SMTP backend at it.
    Yields the `Postvak`; `smtp_server.controller.port` is the port."""
    import socket

    controller_mod = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd is in the test extras")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    postvak = Postvak()
    controller = controller_mod.Controller(postvak, hostname="127.0.0.1", port=poort)
    controller.start()
    postvak.controller = controller
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield postvak
    controller.stop()
