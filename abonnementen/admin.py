"""Beheer: recipients and their subscriptions (a resident's address is personal data: beheerders only),
and what was sent (read-only: the record keeps an item from being sent twice)."""

from django.contrib import admin

from .models import Abonnement, Digest, Ontvanger


class AbonnementInline(admin.TabularInline):
    model = Abonnement
    extra = 0
    fields = ["soorten", "ritme", "gebieden", "categorieen", "standaard", "afgemeld_op"]
    readonly_fields = ["afgemeld_op"]


@admin.register(Ontvanger)
class OntvangerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "bevestigd_op", "standaard_gezet_op", "aangemaakt_op"]
    search_fields = ["gebruiker__username", "email"]
    readonly_fields = ["bevestig_token", "bevestigd_op", "standaard_gezet_op", "aangemaakt_op"]
    inlines = [AbonnementInline]


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["verzonden_op", "ontvanger", "ritme", "periode_van", "aantal", "onderwerp"]
    list_filter = ["ritme"]
    readonly_fields = [f.name for f in Digest._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
