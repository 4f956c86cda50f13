from django.urls import path

from . import views, views_cijfers, views_terugkoppeling

app_name = "signalen"
urlpatterns = [
    path("signalen/", views.werklijst, name="werklijst"),
    path("signalen/nieuw/", views.melden, name="melden"),
    path("signalen/hotspots/", views.hotspots, name="hotspots"),
    path("signalen/cijfers/", views_cijfers.cijfers, name="cijfers"),
    path("signalen/<int:pk>/", views.detail, name="detail"),
    path("signalen/<int:pk>/status/", views.status_wijzigen, name="status"),
    path("signalen/<int:pk>/escaleren/", views.escaleren, name="escaleren"),
    path("signalen/<int:pk>/duplicaat/", views.duplicaat, name="duplicaat"),
    path("signalen/escalatie/<int:pk>/", views.escalatie_bijwerken, name="escalatie"),
    path("signalen/terugkoppeling/", views_terugkoppeling.cijfers, name="terugkoppeling"),
    path("terugkoppeling/<str:token>/", views_terugkoppeling.antwoord, name="antwoord"),
]
