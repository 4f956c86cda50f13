from django.urls import path

from . import views

app_name = "toegang"
urlpatterns = [
    path("inloggen/", views.InlogView.as_view(), name="inloggen"),
    path("uitloggen/", views.UitlogView.as_view(), name="uitloggen"),
]
