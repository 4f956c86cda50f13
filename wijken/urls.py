from django.urls import path

from . import views

app_name = "wijken"
urlpatterns = [
    path("wijken/", views.overzicht, name="overzicht"),
    path("zoeken/", views.zoeken, name="zoeken"),
    path("zoeken/adres.json", views.adres_json, name="adres_json"),
]
