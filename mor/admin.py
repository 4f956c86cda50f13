from django.contrib import admin

from .models import Melding


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    """Read-only: reports come from the importer (import_mor), never typed in by hand."""

    list_display = ["bron", "extern_id", "categorie", "extern_categorie", "gemeld_op", "buurt", "grens_jaar"]
    list_filter = ["bron", "categorie"]
    search_fields = ["extern_id", "buurt__code"]
    list_select_related = ["buurt"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
