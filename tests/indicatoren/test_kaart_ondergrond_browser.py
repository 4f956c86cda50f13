"""The map on a configured base layer in a real browser (Playwright + Debian's chromium), against a local tile
fake (no internet): MapLibre asks the fake for tiles, the areas and the legend with its class rule are drawn,
nothing sticks out at 390 px and axe-core finds no WCAG 2.1 A/AA violation. Screenshots are saved as test
artefacts (BROWSER_ARTEFACTEN, default /tmp/wijkportaal-browser/)."""

import http.server
import os
import struct
import threading
import zlib
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM
from tests.hulp.browser import axe, sessie_cookie, wacht_op_grafieken

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("hengelo_bewaard"),
]
ARTEFACTEN = Path(os.environ.get("BROWSER_ARTEFACTEN", "/tmp/wijkportaal-browser"))


def _png(kleur=(236, 240, 230), grootte=256) -> bytes:
    rij = b"\x00" + bytes(kleur) * grootte

    def blok(soort, data):
        return struct.pack(">I", len(data)) + soort + data + struct.pack(">I", zlib.crc32(soort + data) & 0xFFFFFFFF)

    kop = struct.pack(">IIBBBBB", grootte, grootte, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + blok(b"IHDR", kop) + blok(b"IDAT", zlib.compress(rij * grootte)) + blok(b"IEND", b"")


@pytest.fixture
def tegels():
    """A local tile server answering every /{z}/{x}/{y}.png with one light PNG; counts the requests."""
    tegel, gevraagd = _png(), []

    class Tegel(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            gevraagd.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(tegel)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Tegel)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", gevraagd
    server.shutdown()


def test_the_map_on_a_base_layer_loads_its_tiles_fits_a_phone_and_passes_axe(
    live_server, browser, maak_gebruiker, settings, tegels
):
    basis, gevraagd = tegels
    settings.KAART_ONDERGROND_URL = basis + "/{z}/{x}/{y}.png"
    settings.KAART_ONDERGROND_BRON = "Testondergrond (lokaal)"
    gebruiker = maak_gebruiker("beleid-kaart-ondergrond", "beleidsmedewerker")
    for breedte in (1366, 390):
        context = browser.new_context(viewport={"width": breedte, "height": 900}, bypass_csp=True)  # axe only
        context.add_cookies([sessie_cookie(gebruiker, live_server)])
        page = context.new_page()
        try:
            page.goto(f"{live_server.url}/kaart/?indicator=Bevolkingsdichtheid&niveau=wijk&jaar=2024")
            wacht_op_grafieken(page, 1)
            page.wait_for_selector("canvas.maplibregl-canvas", timeout=20000)
            page.wait_for_function("document.querySelector('.maplibregl-ctrl-attrib')", timeout=20000)
            page.wait_for_timeout(800)
            assert gevraagd, "MapLibre asked the local fake for no tile"
            assert "Testondergrond (lokaal)" in page.locator(".kaart-legenda").inner_text()
            assert "Indeling: " in page.locator(".kaart-legenda__regel").inner_text()
            breed, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert breed <= client, f"{breed} > {client} at {breedte} px"
            ARTEFACTEN.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTEFACTEN / f"kaart_ondergrond_{breedte}.png"), full_page=True)
            assert axe(page) == []
        finally:
            context.close()
