from django.contrib import admin

from .models import Gebied, GebiedVersie


class GebiedVersieInline(admin.TabularInline):
    model = GebiedVersie
    fields = readonly_fields = ("jaar", "naam", "bron")
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Gebied)
class GebiedAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "niveau", "ouder"]
    list_filter = ["niveau"]
    search_fields = ["code", "naam"]
    list_select_related = ["ouder"]
    raw_id_fields = ["ouder"]
    inlines = [GebiedVersieInline]


@admin.register(GebiedVersie)
class GebiedVersieAdmin(admin.ModelAdmin):
    list_display = ["gebied", "jaar", "naam", "bron"]
    list_filter = ["jaar", "gebied__niveau"]
    search_fields = ["gebied__code", "naam"]
    list_select_related = ["gebied"]
    raw_id_fields = ["gebied"]
