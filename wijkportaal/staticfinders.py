"""Serve plotly.js from the copy inside the installed plotly package (no CDN, no vendored copy).

Only plotly.min.js is exposed: the package's data folder also holds 34 MB of datasets and
templates that collectstatic must not copy.
"""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

MAP = Path(plotly.__file__).resolve().parent / "package_data"
BESTAND = "plotly.min.js"
PAD = f"plotly/{BESTAND}"


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=str(MAP))
        self.storage.prefix = "plotly"

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        find_all = find_all or kwargs.get("all", False)
        if path != PAD:
            return [] if find_all else None
        gevonden = str(MAP / BESTAND)
        return [gevonden] if find_all else gevonden

    def list(self, ignore_patterns):
        yield BESTAND, self.storage
