"""Who may see and do what: organisations, each user's role and portfolio, API tokens, audit log.

A base-layer app (it knows only `wijken`), so that indicatoren (dataset owners) and signalen
(escalations to partners, portfolios) can both refer to organisations and roles.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from wijken.models import Gebied, Niveau


class Organisatie(models.Model):
    class Soort(models.TextChoices):
        GEMEENTE = "gemeente", "Gemeente"
        PARTNER = "partner", "Partner"
        WIJKRAAD = "wijkraad", "Wijkraad"
        BRON = "bron", "Bron van open data"

    code = models.SlugField(max_length=40, unique=True)
    naam = models.CharField(max_length=150)
    soort = models.CharField(max_length=12, choices=Soort.choices)

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Rol(models.TextChoices):
    BELEIDSMEDEWERKER = "beleidsmedewerker", "Beleidsmedewerker"
    STADSDEELREGISSEUR = "stadsdeelregisseur", "Stadsdeelregisseur"
    PARTNER = "partner", "Partner"
    BEHEERDER = "beheerder", "Beheerder"


class Account(models.Model):
    """The portal-specific facts about a user: role, organisation, portfolio of wijken."""

    gebruiker = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account")
    rol = models.CharField(max_length=20, choices=Rol.choices)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="accounts")
    portefeuille = models.ManyToManyField(
        Gebied,
        blank=True,
        related_name="regisseurs",
        limit_choices_to={"niveau": Niveau.WIJK},
        help_text="De wijken waarin een stadsdeelregisseur signalen behandelt",
    )
    mag_persoonsgegevens_zien = models.BooleanField(
        default=False, help_text="Mag naam en contactgegevens van melders zien (alleen wie dat nodig heeft)"
    )

    class Meta:
        verbose_name = "account"
        verbose_name_plural = "accounts"
        constraints = [
            models.CheckConstraint(
                condition=~Q(rol=Rol.PARTNER) | Q(mag_persoonsgegevens_zien=False),
                name="account_partner_nooit_persoonsgegevens",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} ({self.get_rol_display()}, {self.organisatie})"


def _hash(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(ingetrokken_op__isnull=True)


class ApiToken(models.Model):
    """A machine client's key. Only its hash is stored; the key is shown once, at creation."""

    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    naam = models.CharField(max_length=100, help_text="Waarvoor, bijv. 'nachtelijke levering Welbions'")
    prefix = models.CharField(max_length=8, db_index=True)
    sleutel_hash = models.CharField(max_length=64, unique=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    laatst_gebruikt_op = models.DateTimeField(null=True, blank=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API-sleutel"
        verbose_name_plural = "API-sleutels"
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.prefix}…)"

    @staticmethod
    def nieuwe_sleutel() -> tuple[str, str, str]:
        """(key, prefix, hash): the key goes to the user once, the hash to the database."""
        sleutel = secrets.token_urlsafe(32)
        return sleutel, sleutel[:8], _hash(sleutel)

    @staticmethod
    def hash_van(sleutel: str) -> str:
        return _hash(sleutel)


class AuditRegel(models.Model):
    """Who read or changed what through the API (partner data is shared under agreements), and who saw
    residents' personal data or downloaded figures on the pages."""

    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    gebruikersnaam = models.CharField(
        max_length=150, blank=True, help_text="Wie (bewaard, ook als het account later wordt verwijderd)"
    )
    token = models.ForeignKey(ApiToken, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    methode = models.CharField(max_length=8)
    pad = models.CharField(max_length=500)
    parameters = models.CharField(max_length=1000, blank=True)
    status = models.PositiveSmallIntegerField()
    aantal = models.PositiveIntegerField(null=True, blank=True, help_text="Aantal geleverde of geschreven rijen")
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = "auditregel"
        verbose_name_plural = "auditlog"
        ordering = ["-tijdstip"]

    def __str__(self) -> str:
        wie = self.gebruikersnaam or self.gebruiker or "anoniem"
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {wie} {self.methode} {self.pad} {self.status}"
