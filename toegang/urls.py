from django.urls import path

from . import views

app_name = "toegang"
urlpatterns = [
    path("inloggen/", views.InlogView.as_view(), name="inloggen"),
    path("uitloggen/", views.UitlogView.as_view(), name="uitloggen"),
    path("wachtwoord/wijzigen/", views.WachtwoordWijzigenView.as_view(), name="wachtwoord_wijzigen"),
    path("wachtwoord/gewijzigd/", views.WachtwoordGewijzigdView.as_view(), name="wachtwoord_gewijzigd"),
    path("wachtwoord/vergeten/", views.WachtwoordVergetenView.as_view(), name="wachtwoord_vergeten"),
    path("wachtwoord/vergeten/verstuurd/", views.WachtwoordVerstuurdView.as_view(), name="wachtwoord_verstuurd"),
    path(
        "wachtwoord/herstellen/<uidb64>/<token>/",
        views.WachtwoordHerstellenView.as_view(),
        name="wachtwoord_herstellen",
    ),
    path("wachtwoord/hersteld/", views.WachtwoordHersteldView.as_view(), name="wachtwoord_hersteld"),
]
