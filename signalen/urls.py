from django.urls import path

from .views import cijfers, hotspots, melden, signaal, terugkoppeling, werklijst

app_name = "signalen"
urlpatterns = [
    path("signalen/", werklijst.werklijst, name="werklijst"),
    path("signalen/nieuw/", melden.melden, name="melden"),
    path("signalen/hotspots/", hotspots.hotspots, name="hotspots"),
    path("signalen/cijfers/", cijfers.cijfers, name="cijfers"),
    path("signalen/<int:pk>/", signaal.detail, name="detail"),
    path("signalen/<int:pk>/status/", signaal.status_wijzigen, name="status"),
    path("signalen/<int:pk>/escaleren/", signaal.escaleren, name="escaleren"),
    path("signalen/<int:pk>/duplicaat/", signaal.duplicaat, name="duplicaat"),
    path("signalen/escalatie/<int:pk>/", signaal.escalatie_bijwerken, name="escalatie"),
    path("signalen/terugkoppeling/", terugkoppeling.cijfers, name="terugkoppeling"),
    path("terugkoppeling/<str:token>/", terugkoppeling.antwoord, name="antwoord"),
]
