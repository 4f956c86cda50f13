"""Helpers shared by the browser tests (Playwright + Debian's chromium); not a test module."""

import json
from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe" / "axe.min.js"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def sessie_cookie(gebruiker, live_server) -> dict:
    """A session cookie for `gebruiker` on the live server (logged in by Django's test client)."""
    from django.test import Client

    client = Client()
    client.force_login(gebruiker)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


def axe_context(browser, live_server, gebruiker=None):
    """A browser context for axe checks, logged in as `gebruiker` when given. axe is injected as a script,
    which the portal's Content-Security-Policy rightly forbids: bypassed here only."""
    context = browser.new_context(bypass_csp=True)
    if gebruiker is not None:
        context.add_cookies([sessie_cookie(gebruiker, live_server)])
    return context


def wacht_op_grafieken(page, aantal: int):
    page.wait_for_function(f"document.querySelectorAll('.grafiek__vlak--klaar').length >= {aantal}", timeout=20000)


def axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    resultaat = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG21_AA
    )
    return [
        {"id": v["id"], "impact": v["impact"], "doelen": [n["target"] for n in v["nodes"]][:5]}
        for v in resultaat["violations"]
    ]


def geen_overtredingen(page, url: str):
    """Open `url`, wait for its charts, and assert that axe finds no WCAG 2.1 A/AA violation."""
    page.goto(url)
    if page.locator("[data-grafiek]").count():
        wacht_op_grafieken(page, page.locator("[data-grafiek]").count())
    overtredingen = axe(page)
    assert overtredingen == [], f"{url}:\n{json.dumps(overtredingen, indent=1, ensure_ascii=False)}"
