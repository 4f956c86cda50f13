from django.contrib import admin

from wijken.models import Gebied, Niveau

from .models import CbsSleutel, Dataset, Domein, Indicator, KernsetItem, Waarde


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "zichtbaarheid", "eigenaar", "levering", "licentie"]
    list_filter = ["zichtbaarheid", "eigenaar", "levering"]
    list_select_related = ["eigenaar"]
    search_fields = ["naam", "code"]
    prepopulated_fields = {"code": ["naam"]}


@admin.register(Domein)
class DomeinAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "volgorde"]
    list_editable = ["volgorde"]
    prepopulated_fields = {"code": ["naam"]}


class CbsSleutelInline(admin.TabularInline):
    model = CbsSleutel
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "domein", "dataset", "eenheid", "polariteit", "soort", "onthullingsdrempel"]
    list_filter = ["domein", "dataset", "soort", "polariteit"]
    list_editable = ["polariteit"]
    search_fields = ["code", "naam", "definitie"]
    list_select_related = ["domein", "dataset"]
    inlines = [CbsSleutelInline]
    fieldsets = [
        (None, {"fields": ["code", "naam", "domein", "dataset", "eenheid", "decimalen", "volgorde", "absoluut"]}),
        ("Betekenis en bron", {"fields": ["definitie", "bron", "cbs_groep"]}),
        ("Beleid", {"fields": ["polariteit", "onthullingsdrempel"]}),
        ("Berekening", {"fields": ["soort", "formule"]}),
    ]

    def save_model(self, request, obj, form, change):
        from .services import afgeleide_herberekenen

        super().save_model(request, obj, form, change)
        # A formula or a threshold changed: who may see each derived value, and whether it is withheld
        # because an input is below its threshold, follow at once.
        gewijzigd = {"formule", "soort", "onthullingsdrempel", "dataset"} & set(form.changed_data)
        if obj.soort == "afgeleid" or (change and gewijzigd):
            afgeleide_herberekenen()


@admin.register(CbsSleutel)
class CbsSleutelAdmin(admin.ModelAdmin):
    list_display = ["tabel", "sleutel", "indicator"]
    list_filter = ["tabel"]
    search_fields = ["sleutel", "indicator__code"]
    list_select_related = ["indicator"]
    raw_id_fields = ["indicator"]


@admin.register(Waarde)
class WaardeAdmin(admin.ModelAdmin):
    list_display = ["indicator", "gebied", "periode", "waarde", "status", "bron"]
    list_filter = ["status", "periode", "indicator__domein", "gebied__niveau"]
    search_fields = ["indicator__code", "gebied__code", "gebied__naam"]
    list_select_related = ["indicator", "gebied"]
    raw_id_fields = ["indicator", "gebied"]
    readonly_fields = ["bijgewerkt_op"]


@admin.register(KernsetItem)
class KernsetItemAdmin(admin.ModelAdmin):
    """The first screen of each wijk: the default set (no gebied) and per-wijk overrides per domain."""

    list_display = ["indicator", "domein", "gebied", "volgorde"]
    list_editable = ["volgorde"]
    list_filter = [("gebied", admin.EmptyFieldListFilter), "indicator__domein"]
    list_select_related = ["indicator", "indicator__domein", "gebied"]
    autocomplete_fields = ["indicator"]
    raw_id_fields = ["gebied"]
    search_fields = ["indicator__code", "indicator__naam", "gebied__code", "gebied__naam"]

    @admin.display(description="domein", ordering="indicator__domein__volgorde")
    def domein(self, obj):
        return obj.indicator.domein

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "gebied":
            kwargs["queryset"] = Gebied.objects.filter(niveau=Niveau.WIJK)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
