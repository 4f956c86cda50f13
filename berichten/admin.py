"""Beheer: the outbox, read-only (a message is changed by sending it, never by hand)."""

from django.contrib import admin

from .models import Bericht


@admin.register(Bericht)
class BerichtAdmin(admin.ModelAdmin):
    list_display = ["aangemaakt_op", "onderwerp", "status", "pogingen", "verstuurd_op"]
    list_filter = ["status"]
    search_fields = ["sleutel", "onderwerp"]
    readonly_fields = [f.name for f in Bericht._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
