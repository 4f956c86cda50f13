"""The REST API under /api/: v1 endpoints, the OpenAPI schema and its documentation page.

All views are `login_not_required`: the site-wide LoginRequiredMiddleware would redirect machine
clients to the log-in page, while DRF does its own authentication (token or session) and answers
401/403 itself.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from indicatoren.api import views as indicatoren
from signalen import api as signalen
from taken import api as taken
from toegang import api as toegang


@method_decorator(ensure_csrf_cookie, name="get")
class ApiDocs(SpectacularSwaggerView):
    """Swagger UI from the sidecar's static files, started by a static script (CSP: script-src 'self').

    The stock template starts Swagger UI with an inline script; ours passes the schema URL in a data
    attribute to static/js/api-docs.js, which also sends the CSRF token for "Try it out" with a session.
    """

    template_name = "api/swagger_ui.html"


def _open(view):
    return login_not_required(view)


app_name = "api"
urlpatterns = [
    path("v1/gebieden/", _open(indicatoren.GebiedenView.as_view()), name="gebieden"),
    path("v1/gebieden/<str:code>/", _open(indicatoren.GebiedView.as_view()), name="gebied"),
    path("v1/indicatoren/", _open(indicatoren.IndicatorenView.as_view()), name="indicatoren"),
    path("v1/indicatoren/<str:code>/", _open(indicatoren.IndicatorView.as_view()), name="indicator"),
    path("v1/waarden/", _open(indicatoren.WaardenView.as_view()), name="waarden"),
    path("v1/waarden/upload/", _open(indicatoren.LeveringView.as_view()), name="waarden-upload"),
    path("v1/tokens/", _open(toegang.TokensView.as_view()), name="tokens"),
    path("v1/tokens/<str:token_id>/", _open(toegang.TokenView.as_view()), name="token"),
    path("v1/signalen/", _open(signalen.SignalenView.as_view()), name="signalen"),
    path("v1/signalen/<str:signaal_id>/", _open(signalen.SignaalView.as_view()), name="signaal"),
    path("v1/signaal-aggregaten/", _open(signalen.SignaalAggregatenView.as_view()), name="signaal-aggregaten"),
    path("v1/taken/<str:taak_id>/", _open(taken.TaakView.as_view()), name="taak"),
    path("schema/", _open(SpectacularAPIView.as_view()), name="schema"),
    path("docs/", _open(ApiDocs.as_view(url_name="api:schema")), name="docs"),
]
