from django.urls import path

from .views import agenda, analyse, herkenning, openbaar, resultaten, start, stem_openbaar

app_name = "wijkagenda"
urlpatterns = [
    path("", start.start, name="start"),
    path("gebied/<str:code>/analyse/", analyse.analyse, name="analyse"),
    path("gebied/<str:code>/agenda/", agenda.agenda, name="agenda"),
    path("gebied/<str:code>/agenda/opgave/nieuw/", agenda.opgave, name="opgave_nieuw"),
    path("gebied/<str:code>/agenda/opgave/<int:pk>/", agenda.opgave, name="opgave"),
    path("gebied/<str:code>/agenda/opgave/<int:opgave_pk>/actie/nieuw/", agenda.actie, name="actie_nieuw"),
    path("gebied/<str:code>/agenda/actie/<int:pk>/", agenda.actie, name="actie"),
    path("gebied/<str:code>/agenda/actie/<int:pk>/voortgang/", agenda.voortgang, name="voortgang"),
    path("gebied/<str:code>/agenda/bespreking/nieuw/", agenda.bespreking, name="bespreking_nieuw"),
    path("gebied/<str:code>/netwerk/", agenda.netwerk, name="netwerk"),
    path("gebied/<str:code>/netwerk/nieuw/", agenda.contact, name="contact_nieuw"),
    path("gebied/<str:code>/netwerk/<int:pk>/", agenda.contact, name="contact"),
    path("gebied/<str:code>/netwerk/<int:pk>/verwijderen/", agenda.contact_verwijderen, name="contact_verwijderen"),
    path("gebied/<str:code>/resultaten/", resultaten.overzicht, name="resultaten"),
    path("gebied/<str:code>/resultaten/opgave/<int:opgave_pk>/koppelen/", resultaten.koppelen, name="koppelen"),
    path("gebied/<str:code>/resultaten/koppeling/<int:pk>/verwijderen/", resultaten.ontkoppelen, name="ontkoppelen"),
    path("gebied/<str:code>/resultaten/opgave/<int:opgave_pk>/publiceren/", resultaten.publiceren, name="publiceren"),
    path("gebied/<str:code>/resultaten/besluit/<int:pk>/", resultaten.besluiten, name="besluiten"),
    path("gebied/<str:code>/herkenning/nieuw/", herkenning.nieuw, name="ronde_nieuw"),
    path("gebied/<str:code>/herkenning/<int:pk>/", herkenning.ronde, name="ronde"),
    path("openbaar/", openbaar.index, name="openbaar"),
    path("openbaar/gebied/<str:code>/ik-ook/", stem_openbaar.ik_ook, name="ik_ook"),
    path("openbaar/ik-ook/<str:token>/", stem_openbaar.ik_ook_bevestigen, name="ik_ook_bevestigen"),
    path("openbaar/herkenning/<int:pk>/", stem_openbaar.ronde, name="ronde_openbaar"),
    path("openbaar/gebied/<str:code>/", openbaar.gebied, name="openbaar_gebied"),
]
