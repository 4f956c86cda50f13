from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Wijkportaal Hengelo: beheer"
admin.site.site_title = "Wijkportaal beheer"

urlpatterns = [
    path("", include("toegang.urls")),
    path("", include("wijken.urls")),
    path("", include("indicatoren.urls")),
    path("", include("signalen.urls")),
    path("", include("wijkagenda.urls")),
    path("", include("abonnementen.urls")),
    path("api/", include("wijkportaal.api_urls")),
    path("open311/v2/", include("open311.urls")),
    path("beheer/", admin.site.urls),
]
