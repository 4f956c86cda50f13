"""`import_cbs_kwb --download` against a local CBS OData v3 server (nothing leaves 127.0.0.1).

The server holds real KWB 2024 (85984NED) rows: Hengelo and its wijken from
fixtures/cbs/cbs_kwb2024_85984NED_hengelo_gemeente_wijken.json and Enschede from
..._alle_gemeenten.json (to check that the region filter keeps it out).
"""

import io
import json
import re
import socket
import threading
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicatoren import odata
from indicatoren.importers import kwb_importeren
from indicatoren.models import Indicator, Status, Waarde
from wijken.models import Gebied

pytestmark = pytest.mark.django_db

CBS = Path(__file__).resolve().parent.parent / "fixtures" / "cbs"
TABEL = "85984NED"
NAMEN = {
    "NL01": "Nederland",
    "GM0164": "Hengelo (O.)",
    "WK016400": "Binnenstad",
    "WK016401": "Hengelose Es",
    "WK016402": "Noord",
    "WK016403": "Hasseler Es",
    "WK016404": "Groot Driene",
    "WK016405": "Berflo Es",
    "WK016406": "Wilderinkshoek",
    "WK016407": "Woolde",
    "WK016408": "Slangenbeek",
    "WK016409": "Buitengebied",
    "GM0153": "Enschede",
}


def _rijen() -> list[dict]:
    """TypedDataSet records in CBS's layout: fixed-width padded codes and text columns."""
    hengelo = json.loads((CBS / "cbs_kwb2024_85984NED_hengelo_gemeente_wijken.json").read_text())
    enschede = json.loads((CBS / "cbs_kwb2024_85984NED_alle_gemeenten.json").read_text())["GM0153"]
    # Nederland on 1 January 2024; its other measures are left null here to have nulls in the set.
    nederland = dict.fromkeys(hengelo["GM0164"]) | {"AantalInwoners_5": 17942942}
    regios = {"NL01": nederland} | hengelo | {"GM0153": enschede}
    rijen = []
    for nummer, (code, maten) in enumerate(regios.items()):
        soort = {"NL": "Land", "GM": "Gemeente", "WK": "Wijk"}[code[:2]]
        gemeente = "Nederland" if code == "NL01" else ("Enschede" if code == "GM0153" else "Hengelo")
        rijen.append(
            {
                "ID": nummer,
                "WijkenEnBuurten": code.ljust(10),
                "Gemeentenaam_1": gemeente.ljust(40),
                "SoortRegio_2": soort.ljust(10),
                "Codering_3": code.ljust(10),
                "IndelingswijzigingGemeenteWijkBuurt_4": None if soort == "Land" else "1",
                **maten,
            }
        )
    return rijen


def _regio_dimensie() -> list[dict]:
    return [
        {"Key": code.ljust(10), "Title": naam, "Description": None, "DimensionGroupId": "1"}
        for code, naam in NAMEN.items()
    ]


_STARTSWITH = re.compile(r"startswith\((\w+),'(\w+)'\)")


class CbsServer:
    """A tiny OData v3 server. `paginagrootte` limits rows per response (server-driven paging):
    with `volgende="venster"` the nextLink stays within the client's $top, with "feed" it runs to
    the end whatever $top was. `fout` makes one request (path, skip) answer with that status."""

    def __init__(self):
        self.verzoeken: list[tuple[str, dict]] = []
        self.ruw: list[str] = []  # request paths with their query, as sent
        self.links: list[str] = []  # the nextLinks handed out
        self.geleverd: dict[str, int] = {}
        self.tabellen = {
            "DataProperties": json.loads((CBS / "cbs_kwb2024_85984NED_DataProperties.json").read_text()),
            "WijkenEnBuurten": _regio_dimensie(),
            "TypedDataSet": _rijen(),
        }
        self.paginagrootte: int | None = None
        self.volgende = "venster"
        self.fout: tuple[str, int, int] | None = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.behandel(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        if not self.thread.is_alive():
            return
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def behandel(self, verzoek: BaseHTTPRequestHandler):
        deel = urllib.parse.urlsplit(verzoek.path)
        query = {k: v[0] for k, v in urllib.parse.parse_qs(deel.query).items()}
        self.verzoeken.append((deel.path, query))
        self.ruw.append(verzoek.path)
        tabel, _, eindpunt = deel.path.strip("/").partition("/")
        skip = int(query.get("$skip", 0))
        if self.fout and (eindpunt, skip) == self.fout[:2]:
            self._stuur(verzoek, self.fout[2], {"odata.error": {"message": {"value": "Interne fout"}}})
            return
        if tabel != TABEL or eindpunt not in self.tabellen:
            self._stuur(verzoek, 404, {"odata.error": {"message": {"value": "Not found"}}})
            return
        rijen = self.tabellen[eindpunt]
        if "$filter" in query:
            voorvoegsels = _STARTSWITH.findall(query["$filter"])
            rijen = [r for r in rijen if any(str(r[k]).startswith(v) for k, v in voorvoegsels)]
        top = int(query.get("$top", len(rijen)))
        venster = rijen[skip : skip + top] if self.volgende == "venster" else rijen[skip:]
        pagina = venster[: self.paginagrootte] if self.paginagrootte else venster
        antwoord = {"odata.metadata": f"{self.url}/{TABEL}/$metadata#Cbs.OData.WebAPI.{eindpunt}", "value": pagina}
        if len(pagina) < len(venster):
            rest = dict(query, **{"$skip": str(skip + len(pagina))})
            if self.volgende == "venster":
                rest["$top"] = str(top - len(pagina))
            link = f"{deel.path}?{urllib.parse.urlencode(rest, safe='$')}"
            self.links.append(link)
            antwoord["odata.nextLink"] = self.url + link
        self.geleverd[eindpunt] = self.geleverd.get(eindpunt, 0) + len(pagina)
        self._stuur(verzoek, 200, antwoord)

    @staticmethod
    def _stuur(verzoek, status: int, data: dict):
        inhoud = json.dumps(data).encode("utf-8")
        verzoek.send_response(status)
        verzoek.send_header("Content-Type", "application/json;odata=minimalmetadata;charset=utf-8")
        verzoek.send_header("Content-Length", str(len(inhoud)))
        verzoek.end_headers()
        verzoek.wfile.write(inhoud)

    def per_eindpunt(self, eindpunt: str) -> list[dict]:
        return [q for pad, q in self.verzoeken if pad.endswith(f"/{eindpunt}")]


@pytest.fixture
def alleen_lokaal(monkeypatch):
    """Every URL the download opens must be on 127.0.0.1, and no proxy may be used."""
    for naam in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(naam, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")
    geopend: list[str] = []
    echte_urlopen = urllib.request.urlopen

    def urlopen(verzoek, *args, **kwargs):
        url = verzoek.full_url if isinstance(verzoek, urllib.request.Request) else verzoek
        assert urllib.parse.urlsplit(url).hostname == "127.0.0.1", f"verzoek buiten 127.0.0.1: {url}"
        geopend.append(url)
        return echte_urlopen(verzoek, *args, **kwargs)

    monkeypatch.setattr(odata.urllib.request, "urlopen", urlopen)
    return geopend


@pytest.fixture
def cbs(settings, alleen_lokaal):
    server = CbsServer()
    settings.CBS_ODATA_URL = server.url
    yield server
    server.stop()


@pytest.fixture
def zonder_hengelo_2024(db):
    """Remove the 2024 KWB values load_hengelo stored, so the download has to bring them back."""
    hengelo = [code for code in NAMEN if "0164" in code]
    Waarde.objects.filter(periode="2024", gebied__code__in=hengelo, indicator__cbs_sleutels__tabel=TABEL).delete()


def download(tmp_path, **opties) -> str:
    uit = io.StringIO()
    call_command(
        "import_cbs_kwb",
        download=TABEL,
        gemeente="GM0164",
        map=str(tmp_path / "cbs"),
        stdout=uit,
        stderr=io.StringIO(),
        **opties,
    )
    return uit.getvalue()


def waarde(indicator: str, gebied: str, periode: str = "2024") -> Waarde:
    return Waarde.objects.get(indicator__code=indicator, gebied__code=gebied, periode=periode)


def test_download_imports_the_gemeente_its_wijken_and_nederland(cbs, zonder_hengelo_2024, tmp_path, alleen_lokaal):
    assert not Gebied.objects.filter(code="NL01").exists()

    uit = download(tmp_path)

    # One page per endpoint: CBS serves 10,000 rows at most, the client asks for exactly that.
    assert [(q["$top"], q["$skip"]) for q in cbs.per_eindpunt("DataProperties")] == [("10000", "0")]
    assert [(q["$top"], q["$skip"]) for q in cbs.per_eindpunt("WijkenEnBuurten")] == [("10000", "0")]
    [dataset] = cbs.per_eindpunt("TypedDataSet")
    assert (dataset["$top"], dataset["$skip"], dataset["$format"]) == ("10000", "0", "json")
    assert "startswith(WijkenEnBuurten,'GM0164')" in dataset["$filter"]
    assert "startswith(WijkenEnBuurten,'WK0164')" in dataset["$filter"]
    assert "startswith(Key,'GM0164')" in cbs.per_eindpunt("WijkenEnBuurten")[0]["$filter"]
    assert all(url.startswith(cbs.url + "/85984NED/") for url in alleen_lokaal)
    assert cbs.geleverd["TypedDataSet"] == 12  # Nederland, Hengelo, 10 wijken; not Enschede

    # 12 regions x 8 measures.
    assert "96 gelezen: 96 nieuw, 0 gewijzigd, 0 ongewijzigd" in uit
    assert waarde("AantalInwoners", "GM0164").waarde == 83058
    assert waarde("AantalInwoners", "WK016403").waarde == 11975
    assert waarde("Woningvoorraad", "WK016403").waarde == 5295
    assert waarde("OppervlakteWater", "GM0164").waarde == 99
    assert waarde("AantalInwoners", "NL01").waarde == 17942942
    leeg = waarde("Woningvoorraad", "NL01")
    assert (leeg.waarde, leeg.status) == (None, Status.ONBEKEND)
    assert waarde("InwonersPerWoning", "WK016403").waarde == pytest.approx(2.26157, abs=1e-5)
    assert waarde("AantalInwoners", "GM0164").bron == "CBS, Kerncijfers wijken en buurten (85984NED), CC BY 4.0"
    assert waarde("AantalInwoners", "GM0153").waarde == 161738  # from load_hengelo, not from the download

    # The new region gets its name from the WijkenEnBuurten dimension; existing ones keep theirs.
    nederland = Gebied.objects.get(code="NL01")
    assert (nederland.naam, nederland.niveau, nederland.ouder) == ("Nederland", "land", None)
    assert Gebied.objects.get(code="WK016403").naam == "Hasseler Es"
    assert not Gebied.objects.filter(code__endswith=" ").exists()


def test_downloaded_files_can_be_imported_again_without_the_network(cbs, tmp_path):
    download(tmp_path)
    data = tmp_path / "cbs" / "85984NED_GM0164_TypedDataSet.json"
    meta = tmp_path / "cbs" / "85984NED_DataProperties.json"
    assert len(json.loads(data.read_text())["value"]) == 12
    assert len(json.loads(meta.read_text())) == 172
    cbs.stop()

    rapport = kwb_importeren(data, metadata=meta, maak_gebieden=True)

    assert (rapport.gelezen, rapport.nieuw, rapport.gewijzigd) == (96, 0, 0)


def test_download_pages_with_top_and_skip(cbs, zonder_hengelo_2024, tmp_path, monkeypatch):
    monkeypatch.setattr(odata, "PAGINA", 5)

    uit = download(tmp_path)

    dataset = cbs.per_eindpunt("TypedDataSet")
    assert [(q["$top"], q["$skip"]) for q in dataset] == [("5", "0"), ("5", "5"), ("5", "10")]
    assert all("startswith(WijkenEnBuurten,'GM0164')" in q["$filter"] for q in dataset)
    # 172 DataProperties: 34 full pages and a last one with 2.
    assert [int(q["$skip"]) for q in cbs.per_eindpunt("DataProperties")] == list(range(0, 175, 5))
    # 12 regions: the third page is short, so there is no fourth request.
    assert [int(q["$skip"]) for q in cbs.per_eindpunt("WijkenEnBuurten")] == [0, 5, 10]
    assert cbs.geleverd == {"DataProperties": 172, "WijkenEnBuurten": 12, "TypedDataSet": 12}
    assert "96 gelezen: 96 nieuw" in uit
    assert waarde("AantalInwoners", "WK016409").waarde == 1990
    assert Gebied.objects.get(code="NL01").naam == "Nederland"


def test_download_asks_once_more_after_an_exactly_full_page(cbs, zonder_hengelo_2024, tmp_path, monkeypatch):
    monkeypatch.setattr(odata, "PAGINA", 4)

    download(tmp_path)

    # 12 rows in pages of 4: the third page is full, so a fourth request finds it was the last.
    assert [q["$skip"] for q in cbs.per_eindpunt("TypedDataSet")] == ["0", "4", "8", "12"]
    assert cbs.geleverd["TypedDataSet"] == 12
    assert waarde("AantalInwoners", "GM0164").waarde == 83058


@pytest.mark.parametrize("volgende", ["venster", "feed"])
@pytest.mark.parametrize("pagina", [3, 5, 10_000])
def test_download_follows_odata_nextlink(cbs, zonder_hengelo_2024, tmp_path, monkeypatch, volgende, pagina):
    """The server gives at most 3 rows per answer and a nextLink for the rest: within the
    client's $top ("venster", as OData prescribes) or to the end of the set ("feed")."""
    monkeypatch.setattr(odata, "PAGINA", pagina)
    cbs.paginagrootte, cbs.volgende = 3, volgende

    uit = download(tmp_path)

    dataset = cbs.per_eindpunt("TypedDataSet")
    links = [link for link in cbs.links if "/TypedDataSet?" in link]
    if pagina > 3 or volgende == "feed":
        assert links  # the server paged by itself ...
    assert all(link in cbs.ruw for link in cbs.links)  # ... and every nextLink was followed
    assert all("startswith(WijkenEnBuurten,'GM0164')" in q["$filter"] for q in dataset)
    # Every row was fetched exactly once: nothing lost, nothing asked twice.
    assert cbs.geleverd == {"DataProperties": 172, "WijkenEnBuurten": 12, "TypedDataSet": 12}
    assert "96 gelezen: 96 nieuw" in uit
    assert waarde("AantalInwoners", "WK016409").waarde == 1990
    assert waarde("AantalInwoners", "NL01").waarde == 17942942
    assert Gebied.objects.get(code="NL01").naam == "Nederland"


def _niets_geschreven(voor: tuple[int, int, int], tmp_path):
    assert (Waarde.objects.count(), Indicator.objects.count(), Gebied.objects.count()) == voor
    assert not Gebied.objects.filter(code="NL01").exists()
    assert not (tmp_path / "cbs" / "85984NED_GM0164_TypedDataSet.json").exists()


def _telling():
    return Waarde.objects.count(), Indicator.objects.count(), Gebied.objects.count()


def test_http_500_halfway_is_a_clear_error_and_writes_nothing(cbs, tmp_path, monkeypatch):
    monkeypatch.setattr(odata, "PAGINA", 5)
    cbs.fout = ("TypedDataSet", 5, 500)
    voor = _telling()

    with pytest.raises(
        CommandError, match=r"CBS OData antwoordde 500 op http://127\.0\.0\.1:\d+/85984NED/TypedDataSet"
    ):
        download(tmp_path)

    assert [q["$skip"] for q in cbs.per_eindpunt("TypedDataSet")] == ["0", "5"]
    _niets_geschreven(voor, tmp_path)


def test_http_500_on_the_metadata_is_a_clear_error(cbs, tmp_path):
    cbs.fout = ("DataProperties", 0, 500)
    voor = _telling()

    with pytest.raises(CommandError, match="CBS OData antwoordde 500 op .*/DataProperties"):
        download(tmp_path)

    assert cbs.per_eindpunt("TypedDataSet") == []
    _niets_geschreven(voor, tmp_path)


def test_unreachable_server_is_a_clear_error_and_writes_nothing(settings, alleen_lokaal, tmp_path):
    with socket.socket() as vrij:  # a port nobody listens on
        vrij.bind(("127.0.0.1", 0))
        poort = vrij.getsockname()[1]
    settings.CBS_ODATA_URL = f"http://127.0.0.1:{poort}"
    voor = _telling()

    with pytest.raises(CommandError, match=r"CBS OData is niet bereikbaar .*; is er internet\?"):
        download(tmp_path)

    assert len(alleen_lokaal) == 1
    _niets_geschreven(voor, tmp_path)


def test_no_rows_is_a_clear_error(cbs, tmp_path):
    cbs.tabellen["TypedDataSet"] = []
    voor = _telling()

    with pytest.raises(CommandError, match="CBS gaf geen rijen voor GM0164 in 85984NED"):
        download(tmp_path)

    _niets_geschreven(voor, tmp_path)
