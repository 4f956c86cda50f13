from django.urls import path

from . import views

app_name = "abonnementen"
urlpatterns = [
    path("mijn/abonnementen/", views.mijn_abonnementen, name="mijn"),
    path("mijn/meldingen/", views.mijn_meldingen, name="meldingen"),
    path("beheer-taken/", views.wachtrij_overzicht, name="wachtrij"),
    path("openbaar/gebied/<str:code>/volgen/", views.volgen, name="volgen"),
    path("abonnementen/bevestigen/<str:token>/", views.bevestigen, name="bevestigen"),
    path("abonnementen/afmelden/<str:token>/", views.afmelden, name="afmelden"),
]
