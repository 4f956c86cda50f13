from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError

from .adres import gebruikersnaam_normaal
from .models import Account, ApiToken, AuditRegel, Organisatie
from .views import BeheerInlogFormulier

# Failed log-ins on the admin's own page count towards the same throttle as /inloggen/.
admin.site.login_form = BeheerInlogFormulier


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "soort"]
    list_filter = ["soort"]
    search_fields = ["naam", "code"]
    prepopulated_fields = {"code": ["naam"]}


class AccountInline(admin.StackedInline):
    model = Account
    can_delete = False
    filter_horizontal = ["portefeuille"]
    fk_name = "gebruiker"


admin.site.unregister(get_user_model())


class _NormaleNaam:
    """A new or renamed account gets its user name in the canonical form (NFKC, case-folded), and a
    name that is another account's in that form is refused: one person, one name, one log-in brake."""

    def clean_username(self):
        naam = gebruikersnaam_normaal(self.cleaned_data.get("username"))
        User = get_user_model()
        anderen = User._default_manager.filter(username__iexact=naam)
        if self.instance.pk:
            anderen = anderen.exclude(pk=self.instance.pk)
        if any(gebruikersnaam_normaal(u.username) == naam for u in anderen):
            raise ValidationError("Er is al een account met deze gebruikersnaam (hoofdletters tellen niet mee).")
        return naam


class GebruikerAanmaakFormulier(_NormaleNaam, AdminUserCreationForm):
    pass


class GebruikerWijzigFormulier(_NormaleNaam, UserChangeForm):
    pass


@admin.register(get_user_model())
class GebruikerAdmin(UserAdmin):
    add_form = GebruikerAanmaakFormulier
    form = GebruikerWijzigFormulier
    inlines = [AccountInline]
    list_display = ["username", "first_name", "last_name", "rol", "organisatie", "is_active"]
    list_select_related = ["account", "account__organisatie"]
    list_filter = ["account__rol", "account__organisatie", "is_active", "is_superuser"]

    @admin.display(description="rol", ordering="account__rol")
    def rol(self, obj):
        return obj.account.get_rol_display() if hasattr(obj, "account") else "—"

    @admin.display(description="organisatie", ordering="account__organisatie__naam")
    def organisatie(self, obj):
        return obj.account.organisatie if hasattr(obj, "account") else "—"


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "rol", "organisatie", "mag_persoonsgegevens_zien"]
    list_filter = ["rol", "organisatie"]
    list_select_related = ["gebruiker", "organisatie"]
    filter_horizontal = ["portefeuille"]
    raw_id_fields = ["gebruiker"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Keys are created by their owners through the API; the admin can only see and revoke them."""

    list_display = ["naam", "gebruiker", "prefix", "aangemaakt_op", "laatst_gebruikt_op", "ingetrokken_op"]
    list_filter = ["ingetrokken_op"]
    list_select_related = ["gebruiker"]
    readonly_fields = ["gebruiker", "naam", "prefix", "sleutel_hash", "aangemaakt_op", "laatst_gebruikt_op"]

    def has_add_permission(self, request):
        return False


@admin.register(AuditRegel)
class AuditRegelAdmin(admin.ModelAdmin):
    """Append-only: nobody edits or deletes the audit log in the admin."""

    list_display = ["tijdstip", "gebruikersnaam", "methode", "pad", "status", "aantal"]
    list_filter = ["methode", "status"]
    search_fields = ["pad", "gebruikersnaam"]
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
