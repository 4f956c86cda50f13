"""Admin for every model of the wijkagenda. Changes made here bypass the portfolio check of the services
(only beheerders reach the admin), but keep the models' own validation (full_clean via ModelForm)."""

from django.contrib import admin

from .models import Actie, Bespreking, NetwerkContact, Opgave


class ActieInline(admin.TabularInline):
    model = Actie
    extra = 0
    fields = ["omschrijving", "eigenaar", "startdatum", "streefdatum", "status"]


@admin.register(Opgave)
class OpgaveAdmin(admin.ModelAdmin):
    list_display = ["titel", "wijk", "domein", "status", "geopend_op", "afgerond_op"]
    list_filter = ["status", "domein", "wijk"]
    list_select_related = ["wijk", "domein"]
    search_fields = ["titel", "beschrijving", "wijk__naam", "wijk__code"]
    autocomplete_fields = ["indicatoren"]
    filter_horizontal = ["signaalcategorieen", "partners"]
    raw_id_fields = ["wijk"]
    readonly_fields = ["aangemaakt_door", "bijgewerkt_op"]
    inlines = [ActieInline]


@admin.register(Actie)
class ActieAdmin(admin.ModelAdmin):
    list_display = ["omschrijving", "opgave", "eigenaar", "startdatum", "streefdatum", "status"]
    list_filter = ["status", "eigenaar"]
    list_select_related = ["opgave", "opgave__wijk", "eigenaar"]
    search_fields = ["omschrijving", "opgave__titel"]
    raw_id_fields = ["opgave"]


@admin.register(Bespreking)
class BesprekingAdmin(admin.ModelAdmin):
    list_display = ["wijk", "datum", "vastgelegd_door"]
    list_filter = ["wijk"]
    list_select_related = ["wijk", "vastgelegd_door"]
    search_fields = ["besproken", "besluiten"]
    raw_id_fields = ["wijk"]
    filter_horizontal = ["opgaven"]
    readonly_fields = ["vastgelegd_door"]


@admin.register(NetwerkContact)
class NetwerkContactAdmin(admin.ModelAdmin):
    list_display = ["organisatie", "rol", "contactpersoon", "wijk", "overlegritme"]
    list_filter = ["organisatie", "overlegritme", "wijk"]
    list_select_related = ["organisatie", "wijk"]
    search_fields = ["rol", "contactpersoon", "organisatie__naam"]
    raw_id_fields = ["wijk"]
