"""Assets come from this server only: plotly.js from the plotly package, nothing from a CDN."""

import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command


def test_plotly_js_is_found_in_the_installed_package():
    pad = finders.find("plotly/plotly.min.js")
    assert pad and pad.endswith("plotly.min.js")


def test_collectstatic_copies_plotly_js_but_not_the_package_datasets(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--noinput", verbosity=0, stdout=io.StringIO())
    assert (tmp_path / "plotly" / "plotly.min.js").stat().st_size > 1_000_000
    assert not (tmp_path / "plotly" / "datasets").exists()
    assert (tmp_path / "js" / "grafieken.js").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/gebied/GM0164/", "/gebied/WK016403/", "/gebied/BU01640300/trend/ZonnestroomVermogenWoningen/"]
)
def test_pages_load_nothing_from_another_host(client, url):
    html = client.get(url).content.decode()
    extern = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert extern == []
