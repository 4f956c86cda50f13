from django.urls import path

from .views import agenda, analyse, openbaar, start

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
    path("openbaar/", openbaar.index, name="openbaar"),
    path("openbaar/gebied/<str:code>/", openbaar.gebied, name="openbaar_gebied"),
]
