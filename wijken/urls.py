from django.urls import path

from . import views

app_name = "wijken"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
]
