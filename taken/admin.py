from django.contrib import admin

from .models import Taak


@admin.register(Taak)
class TaakAdmin(admin.ModelAdmin):
    list_display = ["aangemaakt_op", "soort", "omschrijving", "status", "pogingen", "gestart_door", "klaar_op"]
    list_filter = ["status", "soort"]
    search_fields = ["omschrijving", "id"]
    readonly_fields = [f.name for f in Taak._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
