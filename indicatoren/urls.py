from django.urls import path

from .views import combineer, gegevens, kaart, profiel, trend, vergelijk, vergelijkbaar

app_name = "indicatoren"
urlpatterns = [
    path("gebied/<str:code>/", profiel.gebied, name="gebied"),
    path("gebied/<str:code>/trend/<str:indicator>/", trend.trend, name="trend"),
    path("combineer/", combineer.combineer, name="combineer"),
    path("gebied/<str:code>/index/", combineer.index, name="index"),
    path("vergelijk/", vergelijk.vergelijk, name="vergelijk"),
    path("gebied/<str:code>/vergelijkbaar/", vergelijkbaar.vergelijkbaar, name="vergelijkbaar"),
    path("kaart/", kaart.kaart, name="kaart"),
    # Not under /beheer/: that is the Django admin.
    path("gegevensoverzicht/", gegevens.gegevensoverzicht, name="gegevensoverzicht"),
]
