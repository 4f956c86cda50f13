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
from indicatoren.models import CbsSleutel, Indicator, Status, Waarde
from wijken.models import Gebied

pytestmark = pytest.mark.django_db

CBS = Path(__file__).resolve().parents[2] / "fixtures" / "cbs"
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
        self.extra: dict[str, dict[str, list]] = {}  # other tables: {tabel: {eindpunt: rows}}
        self.paginagrootte: int | None = None
        self.volgende = "venster"
        self.link = "absoluut"  # how nextLinks are written: absolute URL, "pad" (/tabel/...) or "relatief"
        self.fout: tuple[str, int, int] | None = None
        self.fout_tabel: str | None = None  # with `fout`: only for this table
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
        if self.fout and (eindpunt, skip) == self.fout[:2] and self.fout_tabel in (None, tabel):
            self._stuur(verzoek, self.fout[2], {"odata.error": {"message": {"value": "Interne fout"}}})
            return
        eindpunten = self.tabellen if tabel == TABEL else self.extra.get(tabel, {})
        if eindpunt not in eindpunten:
            self._stuur(verzoek, 404, {"odata.error": {"message": {"value": "Not found"}}})
            return
        rijen = eindpunten[eindpunt]
        if "$filter" in query:
            voorvoegsels = _STARTSWITH.findall(query["$filter"])
            rijen = [r for r in rijen if any(str(r[k]).startswith(v) for k, v in voorvoegsels)]
        top = int(query.get("$top", len(rijen)))
        venster = rijen[skip : skip + top] if self.volgende == "venster" else rijen[skip:]
        pagina = venster[: self.paginagrootte] if self.paginagrootte else venster
        antwoord = {"odata.metadata": f"{self.url}/{tabel}/$metadata#Cbs.OData.WebAPI.{eindpunt}", "value": pagina}
        if len(pagina) < len(venster):
            rest = dict(query, **{"$skip": str(skip + len(pagina))})
            if self.volgende == "venster":
                rest["$top"] = str(top - len(pagina))
            link = f"{deel.path}?{urllib.parse.urlencode(rest, safe='$')}"
            self.links.append(link)
            antwoord["odata.nextLink"] = {
                "absoluut": self.url + link,
                "pad": link,  # absolute path, relative to the host
                "relatief": link.rsplit("/", 1)[1],  # relative to the request: 'TypedDataSet?$skip=...'
            }[self.link]
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


@pytest.mark.parametrize("link", ["absoluut", "pad", "relatief"])
@pytest.mark.parametrize("volgende", ["venster", "feed"])
@pytest.mark.parametrize("pagina", [3, 5, 10_000])
def test_download_follows_odata_nextlink(cbs, zonder_hengelo_2024, tmp_path, monkeypatch, volgende, pagina, link):
    """The server gives at most 3 rows per answer and a nextLink for the rest: within the
    client's $top ("venster", as OData prescribes) or to the end of the set ("feed"); the link is
    absolute (as CBS writes it) or relative to the host or to the request (OData allows both)."""
    monkeypatch.setattr(odata, "PAGINA", pagina)
    cbs.paginagrootte, cbs.volgende, cbs.link = 3, volgende, link

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


# --- load_cbs: every KWB edition, the police table and the solar series --------------------------------
#
# The fake server holds real values in CBS's response layout:
# - 85984NED (KWB 2024): the rows above.
# - 85318NED (KWB 2022): Hengelo, its wijken and Enschede with the real 2022 values of
#   fixtures/kwb-extra/tmap_NLD_*_2022 (AantalInwoners, Woningvoorraad, WOZ, Koopwoningen). Its key
#   suffixes are chosen by this test to differ from 2024's (the suffix is a column position that moves
#   per edition; the importer must not depend on it). It lacks the surface measures of 2024.
# - 84583NED (KWB 2019): the gemeente rows of fixtures/kwb-extra/ujjwalx_kwb-2019 (no wijken in it).
# - 47018NED (Politie): the real DataProperties and 59 SoortMisdrijf categories of fixtures/politie/, the
#   real 2023 totals of the 62 buurten, and for two more categories the rows CBS would send with null
#   values (no figures were invented: they must arrive as 'onbekend', never as 0).
# - 85010NED (Zonnestroom 2019): the 10 buurten of WK016403 in 2019 from fixtures/cbs/.

import csv as _csv  # noqa: E402

from indicatoren import laden  # noqa: E402
from indicatoren.cbs import dataproperties_uit_csv  # noqa: E402

FIXTURES = CBS.parent
EDITIES = {"84583NED": 2019, "85318NED": 2022, "85984NED": 2024}


def _csv_rijen(pad: Path) -> list[dict]:
    with open(pad, encoding="utf-8", newline="") as f:
        return list(_csv.DictReader(f))


def _topic(id_, key, titel, eenheid, parent, datatype="Long"):
    return {
        "odata.type": "Cbs.OData.Topic",
        "ID": id_,
        "Position": id_,
        "ParentID": parent,
        "Type": "Topic",
        "Key": key,
        "Title": titel,
        "Description": "",
        "Datatype": datatype,
        "Unit": eenheid,
        "Decimals": 0,
    }


def _groep(id_, titel):
    return {
        "odata.type": "Cbs.OData.TopicGroup",
        "ID": id_,
        "ParentID": None,
        "Type": "TopicGroup",
        "Key": "",
        "Title": titel,
        "Description": "",
    }


def _editie_2022() -> dict:
    sleutels = {
        "population": "AantalInwoners_4",
        "dwelling_total": "Woningvoorraad_33",
        "dwelling_value": "GemiddeldeWOZWaardeVanWoningen_36",
        "dwelling_ownership": "Koopwoningen_41",
    }
    meta = [
        _groep(0, "Bevolking"),
        _topic(1, "AantalInwoners_4", "Aantal inwoners", "aantal", 0),
        _groep(2, "Wonen"),
        _topic(3, "Woningvoorraad_33", "Woningvoorraad", "aantal", 2),
        _topic(4, "GemiddeldeWOZWaardeVanWoningen_36", "Gemiddelde WOZ-waarde van woningen", "x 1 000 euro", 2),
        _topic(5, "Koopwoningen_41", "Koopwoningen", "%", 2),
    ]
    bron = _csv_rijen(FIXTURES / "kwb-extra" / "tmap_NLD_dist_2022_hengelo_wijken.csv") + [
        r
        for r in _csv_rijen(FIXTURES / "kwb-extra" / "tmap_NLD_muni_2022_alle_gemeenten.csv")
        if r["code"] in {"GM0164", "GM0153"}
    ]
    rijen = [
        {
            "ID": i,
            "WijkenEnBuurten": r["code"].ljust(10),
            "SoortRegio_2": ("Wijk" if r["code"][:2] == "WK" else "Gemeente").ljust(10),
            **{k: int(r[kolom]) for kolom, k in sleutels.items()},
        }
        for i, r in enumerate(bron)
    ]
    return {"DataProperties": meta, "WijkenEnBuurten": _regio_dimensie(), "TypedDataSet": rijen}


def _editie_2019() -> dict:
    sleutels = {
        "population": "AantalInwoners_5",
        "men": "Mannen_6",
        "women": "Vrouwen_7",
        "b_65_oo": "k_65JaarOfOuder_12",
    }
    meta = [
        _groep(0, "Bevolking"),
        _topic(1, "AantalInwoners_5", "Aantal inwoners", "aantal", 0),
        _topic(2, "Mannen_6", "Mannen", "aantal", 0),
        _topic(3, "Vrouwen_7", "Vrouwen", "aantal", 0),
        _topic(4, "k_65JaarOfOuder_12", "65 jaar of ouder", "aantal", 0),
    ]
    bron = [
        r
        for r in _csv_rijen(FIXTURES / "kwb-extra" / "ujjwalx_kwb-2019_gemeenten_subset.csv")
        if r["unique_id"] in {"GM0164", "GM0153"}
    ]
    rijen = [
        {"ID": i, "WijkenEnBuurten": r["unique_id"].ljust(10), **{k: int(r[kol]) for kol, k in sleutels.items()}}
        for i, r in enumerate(bron)
    ]
    return {"DataProperties": meta, "WijkenEnBuurten": _regio_dimensie(), "TypedDataSet": rijen}


def _politie() -> dict:
    politie = FIXTURES / "politie"
    meta = dataproperties_uit_csv(_csv_rijen(politie / "bernasco_47018NED_DataProperties.csv"))
    soorten = [
        {"Key": r["Key"], "Title": r["Title"], "Description": r["Description"] or None, "CategoryGroupID": None}
        for r in _csv_rijen(politie / "bernasco_47018NED_SoortMisdrijf.csv")
    ]
    buurten = _csv_rijen(politie / "bernasco_PolRegCrime47018_2023_hengelo_buurten.csv")
    rijen: list[dict] = []
    for soort in ("0.0.0 ", "1.1.1 ", "2.2.1 "):
        for r in buurten:
            rijen.append(
                {
                    "ID": len(rijen),
                    "SoortMisdrijf": soort,
                    "WijkenEnBuurten": r["WijkenEnBuurten"],
                    "Perioden": r["Perioden"],
                    "GeregistreerdeMisdrijven_1": int(r["GeregistreerdeMisdrijven_1"]) if soort == "0.0.0 " else None,
                    "Gemeentenaam_2": r["Gemeentenaam_2"],
                    "SoortRegio_3": r["SoortRegio_3"],
                }
            )
    regio = [{"Key": r["WijkenEnBuurten"], "Title": r["WijkenEnBuurten_label"]} for r in buurten]
    perioden = [
        {"Key": r["Key"], "Title": r["Title"], "Description": None, "Status": r["Status"]}
        for r in _csv_rijen(politie / "bernasco_47018NED_Perioden.csv")
    ]
    return {
        "DataProperties": meta,
        "SoortMisdrijf": soorten,
        "Perioden": perioden,
        "WijkenEnBuurten": regio,
        "TypedDataSet": rijen,
    }


def _zonnestroom() -> dict:
    meta = [
        _groep(0, "Energie"),
        _topic(1, "OpgesteldVermogenVanZonnepanelen_1", "Opgesteld vermogen van zonnepanelen", "kW", 0),
    ]
    bron = [
        r
        for r in _csv_rijen(CBS / "cbs_zonnestroom_2016_2022_hengelo_wijk03_buurten.csv")
        if r["jaar_meting"] == "2019"
    ]
    rijen = [
        {
            "ID": i,
            "WijkenEnBuurten": r["bu_code"].ljust(10),
            "OpgesteldVermogenVanZonnepanelen_1": int(r["vermogen_kWp"]) if r["vermogen_kWp"] else None,
        }
        for i, r in enumerate(bron)
    ]
    return {"DataProperties": meta, "WijkenEnBuurten": [], "TypedDataSet": rijen}


@pytest.fixture
def cbs_alles(cbs, settings, monkeypatch):
    cbs.extra = {
        "85318NED": _editie_2022(),
        "84583NED": _editie_2019(),
        "47018NED": _politie(),
        "85010NED": _zonnestroom(),
    }
    settings.CBS_POLITIE_ODATA_URL = cbs.url
    monkeypatch.setattr(laden, "KWB_TABELLEN", EDITIES)
    return cbs


def load_cbs(tmp_path, **opties) -> str:
    uit = io.StringIO()
    call_command(
        "load_cbs", gemeente="GM0164", vanaf=2019, map=str(tmp_path / "cbs"), stdout=uit, stderr=io.StringIO(), **opties
    )
    return uit.getvalue()


def _alle_waarden():
    return set(
        Waarde.objects.values_list(
            "id",
            "indicator__code",
            "gebied__code",
            "periode",
            "waarde",
            "status",
            "bron",
            "toelichting",
            "bijgewerkt_op",
        )
    )


def test_load_cbs_loads_every_edition_the_police_table_and_solar(cbs_alles, tmp_path, monkeypatch, alleen_lokaal):
    monkeypatch.setattr(odata, "PAGINA", 50)  # 186 police rows: pages of 50, split further by the server
    cbs_alles.paginagrootte, cbs_alles.link = 20, "relatief"
    Waarde.objects.filter(periode__in=["2019", "2022", "2023"], gebied__code__contains="0164").delete()

    uit = load_cbs(tmp_path)

    assert all(urllib.parse.urlsplit(u).hostname == "127.0.0.1" for u in alleen_lokaal)
    tabellen = {pad.strip("/").split("/")[0] for pad, _ in cbs_alles.verzoeken}
    assert tabellen == {"84583NED", "85318NED", "85984NED", "47018NED", "85010NED"}
    # One indicator over the editions, whatever the key's suffix was in each.
    assert [
        (w.periode, w.waarde)
        for w in Waarde.objects.filter(indicator__code="AantalInwoners", gebied__code="GM0164").order_by("periode")
    ] == [("2014", 80955), ("2019", 80683), ("2022", 81476), ("2024", 83058)]
    assert waarde("AantalInwoners", "WK016403", "2022").waarde == 12030
    assert waarde("GemiddeldeWOZWaardeVanWoningen", "WK016403", "2022").waarde == 244
    assert waarde("Koopwoningen", "WK016403", "2022").waarde == 71
    assert waarde("Koopwoningen", "WK016403", "2022").bron == "CBS, Kerncijfers wijken en buurten (85318NED), CC BY 4.0"
    assert waarde("AantalInwoners", "NL01").waarde == 17942942
    assert "tmap" in waarde("AantalInwoners", "GM0153", "2022").bron  # Enschede: not downloaded, as loaded
    # The 2022 edition lacks the surface measures: no value, never a 0, and the summary says so.
    assert not Waarde.objects.filter(indicator__code="OppervlakteWater", periode="2022").exists()
    regel_2022 = next(r for r in uit.splitlines() if r.strip().startswith("85318NED"))
    assert "niet in deze editie:" in regel_2022 and "OppervlakteWater" in regel_2022
    # The police table: one indicator per SoortMisdrijf category, named from the table's metadata.
    assert waarde("GeregistreerdeMisdrijven", "BU01640000", "2023").waarde == 717
    inbraak = Indicator.objects.get(code="GeregistreerdeMisdrijven.DiefstalInbraakWoning")
    assert inbraak.naam == "Geregistreerde misdrijven: 1.1.1 Diefstal/inbraak woning"
    assert inbraak.domein.code == "veiligheid"
    leeg = waarde("GeregistreerdeMisdrijven.VernielingCqZaakbeschadiging", "BU01640000", "2023")
    assert (leeg.waarde, leeg.status) == (None, Status.ONBEKEND)
    # No wijk or gemeente rows in this answer: the sum of all buurten, said so.
    hengelo = waarde("GeregistreerdeMisdrijven", "GM0164", "2023")
    assert (hengelo.waarde, hengelo.toelichting) == (3665, "som van alle 62 buurten")
    assert not Waarde.objects.filter(
        indicator__code="GeregistreerdeMisdrijven.VernielingCqZaakbeschadiging", gebied__code="GM0164"
    ).exists()  # never a sum of unknowns
    # The solar series, by its CBS title onto the portal's indicator.
    assert waarde("ZonnestroomVermogenWoningen", "BU01640300", "2019").waarde == 480
    assert "Samenvatting:" in uit and "47018NED (politie): 186 gelezen" in uit
    assert json.loads((tmp_path / "cbs" / "load_cbs_status_GM0164.json").read_text())["tabellen"].keys() == {
        "84583NED",
        "85318NED",
        "85984NED",
        "47018NED",
        "85010NED",
    }


def test_load_cbs_again_changes_nothing(cbs_alles, tmp_path):
    load_cbs(tmp_path)
    voor, verzoeken = _alle_waarden(), len(cbs_alles.verzoeken)

    uit = load_cbs(tmp_path)

    assert _alle_waarden() == voor
    assert len(cbs_alles.verzoeken) == verzoeken  # every table was done: nothing downloaded
    assert uit.count("al geladen") == 5

    uit = load_cbs(tmp_path, opnieuw=True)  # downloads and imports everything again: still no change

    assert _alle_waarden() == voor
    assert uit.count(" 0 nieuw, 0 gewijzigd") >= 5


def test_load_cbs_5xx_halfway_is_a_clear_error_and_a_rerun_resumes(cbs_alles, tmp_path, monkeypatch):
    monkeypatch.setattr(odata, "PAGINA", 5)
    cbs_alles.fout, cbs_alles.fout_tabel = ("TypedDataSet", 5, 503), "85318NED"
    Waarde.objects.filter(periode="2022", gebied__code__contains="0164").delete()
    voor = _alle_waarden()

    with pytest.raises(CommandError) as fout:
        load_cbs(tmp_path)

    melding = str(fout.value)
    assert "CBS OData antwoordde 503 op" in melding and "85318NED" in melding
    assert "1 eerdere tabel(len) wel" in melding and "opnieuw" in melding
    status = json.loads((tmp_path / "cbs" / "load_cbs_status_GM0164.json").read_text())
    assert set(status["tabellen"]) == {"84583NED"}
    # Nothing of 85318NED was written: no values, no key mapping, no files.
    nu = _alle_waarden()
    assert not {w for w in nu - voor if "85318NED" in w[6]}
    assert not CbsSleutel.objects.filter(tabel="85318NED").exists()
    assert not (tmp_path / "cbs" / "85318NED" / "85318NED_GM0164_TypedDataSet.json").exists()

    cbs_alles.fout = None
    uit = load_cbs(tmp_path)

    assert "84583NED (KWB 2019): al geladen" in uit
    assert waarde("AantalInwoners", "WK016403", "2022").waarde == 12030
    assert set(json.loads((tmp_path / "cbs" / "load_cbs_status_GM0164.json").read_text())["tabellen"]) == {
        "84583NED",
        "85318NED",
        "85984NED",
        "47018NED",
        "85010NED",
    }


def test_older_editions_map_renamed_keys_onto_one_code():
    from indicatoren.cbs import lees_dataproperties

    maten = lees_dataproperties(
        [
            _groep(0, "Wonen"),
            _topic(1, "GemiddeldeWoningwaarde_35", "Gemiddelde woningwaarde", "x 1 000 euro", 0),
            _topic(2, "Woningvoorraad_31", "Woningvoorraad", "aantal", 0),
        ]
    )
    assert [m.code for m in maten] == ["GemiddeldeWOZWaardeVanWoningen", "Woningvoorraad"]


def test_import_cbs_kwb_downloads_a_table_with_an_extra_dimension(cbs_alles, tmp_path):
    Waarde.objects.filter(indicator__code="GeregistreerdeMisdrijven", gebied__niveau="buurt").delete()
    uit = io.StringIO()
    call_command(
        "import_cbs_kwb",
        download="47018NED",
        gemeente="GM0164",
        map=str(tmp_path / "p"),
        stdout=uit,
        stderr=io.StringIO(),
    )

    assert "186 gelezen: 186 nieuw" in uit.getvalue()  # 62 totals and the null rows of two more categories
    assert json.loads((tmp_path / "p" / "47018NED_SoortMisdrijf.json").read_text())["value"][0]["Title"] == (
        "Totaal misdrijven"
    )
    assert len(json.loads((tmp_path / "p" / "47018NED_Perioden.json").read_text())["value"]) == 12  # 2012-2023
    assert waarde("GeregistreerdeMisdrijven", "BU01640309", "2023").waarde == int(
        next(
            r
            for r in _csv_rijen(FIXTURES / "politie" / "bernasco_PolRegCrime47018_2023_hengelo_buurten.csv")
            if r["WijkenEnBuurten"] == "BU01640309"
        )["GeregistreerdeMisdrijven_1"]
    )
    assert Indicator.objects.filter(code__startswith="GeregistreerdeMisdrijven.").count() == 2
    assert not Indicator.objects.filter(code="GeregistreerdeMisdrijven.Mishandeling").exists()  # not in the answer


@pytest.mark.parametrize(
    ("opties", "melding"),
    [
        ({"gemeente": "WK016403"}, "geen gemeentecode"),
        ({"tabel": ["85010NED"]}, "verwacht ID=JAAR"),
        ({"tabel": ["85010NED=twee"]}, "verwacht ID=JAAR"),
    ],
)
def test_load_cbs_bad_arguments_are_clear_errors(tmp_path, opties, melding):
    with pytest.raises(CommandError, match=melding):
        call_command("load_cbs", map=str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO(), **opties)


def test_load_cbs_a_damaged_state_file_is_a_clear_error(cbs_alles, tmp_path):
    (tmp_path / "cbs").mkdir()
    (tmp_path / "cbs" / "load_cbs_status_GM0164.json").write_text("{niet json", encoding="utf-8")
    with pytest.raises(CommandError, match="geen geldige statusfile; verwijder hem of gebruik --opnieuw"):
        load_cbs(tmp_path)
    assert cbs_alles.verzoeken == []
