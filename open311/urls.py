"""/open311/v2/: every call as <call>.json and <call>.xml (GeoReport v2). Machine clients: no log-in redirect."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import operaties as views

app_name = "open311"


def _beide(route: str, views_per_formaat: dict, naam: str) -> list:
    return [
        path(f"{route}.{formaat}", login_not_required(klasse.as_view()), name=f"{naam}-{formaat}")
        for formaat, klasse in views_per_formaat.items()
    ]


urlpatterns = [
    *_beide("discovery", views.DISCOVERY, "discovery"),
    *_beide("services", views.SERVICES, "services"),
    *_beide("services/<str:service_code>", views.SERVICE, "service"),
    *_beide("requests", views.VERZOEKEN, "requests"),
    *_beide("requests/<str:service_request_id>", views.VERZOEK, "request"),
    *_beide("tokens/<str:token>", views.TOKEN, "token"),
]
