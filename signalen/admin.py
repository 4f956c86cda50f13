"""Beheer: beheerders maintain the category tree here. Signals, escalations and their history are
shown read-only: changes go through the workflow (signalen.services), never around it."""

from django.contrib import admin

from toegang.audit import audit_pagina

from .modellen_terugkoppeling import Antwoordlink, Terugkoppeling, Uitlegsjabloon
from .models import Categorie, Escalatie, Historie, MaandTelling, Signaal


class SubcategorieInline(admin.TabularInline):
    model = Categorie
    fk_name = "hoofdcategorie"
    fields = ["code", "naam", "standaard_partner", "afhandeltermijn", "volgorde", "actief"]
    extra = 0
    show_change_link = True


@admin.register(Categorie)
class CategorieAdmin(admin.ModelAdmin):
    list_display = ["__str__", "code", "standaard_partner", "afhandeltermijn", "volgorde", "actief"]
    list_editable = ["afhandeltermijn", "volgorde", "actief"]
    list_filter = ["actief", "standaard_partner", ("hoofdcategorie", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["hoofdcategorie", "standaard_partner"]
    search_fields = ["naam", "code", "hoofdcategorie__naam"]
    prepopulated_fields = {"code": ["naam"]}
    ordering = ["hoofdcategorie__volgorde", "hoofdcategorie__naam", "volgorde", "naam"]

    def get_inlines(self, request, obj):
        # Only a main category has subcategories (two levels).
        return [SubcategorieInline] if obj is not None and obj.hoofdcategorie_id is None else []


class AlleenLezen:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EscalatieInline(AlleenLezen, admin.TabularInline):
    model = Escalatie
    fields = readonly_fields = ("partner", "status", "streefdatum", "referentie_partner", "gevraagde_actie")
    extra = 0


class HistorieInline(AlleenLezen, admin.TabularInline):
    model = Historie
    fields = readonly_fields = ("tijdstip", "door_naam", "soort", "van", "naar", "notitie", "escalatie")
    extra = 0


@admin.register(Signaal)
class SignaalAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["id", "gemeld_op", "categorie", "wijk", "buurt", "status", "bron", "synthetisch"]
    list_filter = ["status", "synthetisch", "bron", "categorie__hoofdcategorie", "wijk"]
    list_select_related = ["categorie", "categorie__hoofdcategorie", "wijk", "buurt"]
    search_fields = ["=id", "omschrijving", "adres"]
    date_hierarchy = "gemeld_op"
    inlines = [EscalatieInline, HistorieInline]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def change_view(self, request, object_id, form_url="", extra_context=None):
        antwoord = super().change_view(request, object_id, form_url, extra_context)
        if antwoord.status_code == 200:
            audit_pagina(request)  # the admin shows the reporter's name and contact details
        return antwoord


@admin.register(Escalatie)
class EscalatieAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["id", "signaal", "partner", "status", "streefdatum", "referentie_partner"]
    list_filter = ["status", "partner"]
    list_select_related = [
        "signaal",
        "signaal__categorie",
        "signaal__categorie__hoofdcategorie",
        "signaal__wijk",
        "partner",
    ]
    raw_id_fields = ["signaal"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(MaandTelling)
class MaandTellingAdmin(AlleenLezen, admin.ModelAdmin):
    """The monthly aggregate, to look at: written only by its trigger (migration 0003)."""

    list_display = ["maand", "wijk", "buurt", "categorie", "bron", "synthetisch", "aantal"]
    list_filter = ["synthetisch", "bron", "wijk"]
    list_select_related = ["wijk", "buurt", "categorie"]
    date_hierarchy = "maand"

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(Uitlegsjabloon)
class UitlegsjabloonAdmin(admin.ModelAdmin):
    """The start text per category for the explanation to the reporter (it must be edited before closing)."""

    list_display = ["categorie", "tekst"]
    list_select_related = ["categorie", "categorie__hoofdcategorie"]


@admin.register(Terugkoppeling)
class TerugkoppelingAdmin(AlleenLezen, admin.ModelAdmin):
    """Explanations given at closing, to look at: written only by the closing service."""

    list_display = ["signaal", "naar", "categorie", "partner", "tijdstip", "gemaild"]
    list_filter = ["naar", "gemaild", "partner"]
    list_select_related = ["signaal", "categorie", "categorie__hoofdcategorie", "partner"]
    raw_id_fields = ["signaal"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(Antwoordlink)
class AntwoordlinkAdmin(AlleenLezen, admin.ModelAdmin):
    """The reporter's single-use answer links (only a hash of the token is stored)."""

    list_display = ["terugkoppeling", "verloopt_op", "gebruikt_op", "antwoord"]
    exclude = ["token_hash"]
    raw_id_fields = ["terugkoppeling"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
