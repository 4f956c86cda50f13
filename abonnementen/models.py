"""Who wants to hear what, how often, and what they were sent.

- `Ontvanger`: one per recipient: a user of the portal, or a resident known only by a confirmed e-mail
  address (nothing is sent before the address is confirmed).
- `Abonnement`: areas (wijken or buurten; none: all the recipient may see), signal categories (none: all),
  kinds of event, and the rhythm (at once, daily, weekly). Each has its own unsubscribe token: the link in
  every mail turns that subscription off, once, without logging in.
- `Digest` and `Verzonden`: one row per mail sent for a period, one row per item in it. The unique keys
  make a rerun of a digest job send nothing new and keep an item out of the next digest.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from signalen.models import Categorie
from wijken.models import Gebied


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


class Ritme(models.TextChoices):
    DIRECT = "direct", "Direct"
    DAGELIJKS = "dagelijks", "Dagelijks (om 07:00)"
    WEKELIJKS = "wekelijks", "Wekelijks (maandag 07:00)"


class Soort(models.TextChoices):
    NIEUW_SIGNAAL = "nieuw_signaal", "Nieuwe signalen"
    ESCALATIE = "escalatie", "Escalaties naar mijn organisatie"
    TE_LAAT = "te_laat", "Signalen en escalaties over de streefdatum"
    STATUS = "status", "Statuswijzigingen"
    AGENDA = "agenda", "Nieuwe resultaten op de wijkagenda"
    EDITIE = "editie", "Nieuwe cijfers voor mijn wijk"
    HERINNERING = "herinnering", "Herinnering vóór en op de streefdatum van onze escalaties"
    TE_LAAT_LIJST = "te_laat_lijst", "Lijst van escalaties over de streefdatum bij partners"


# Kinds that are a digest of events; the other two are reminders (sent by the reminder job, daily).
GEBEURTENISSEN = (Soort.NIEUW_SIGNAAL, Soort.ESCALATIE, Soort.TE_LAAT, Soort.STATUS, Soort.AGENDA, Soort.EDITIE)
HERINNERINGEN = (Soort.HERINNERING, Soort.TE_LAAT_LIJST)
# What a resident without an account may follow: the wijk's public figures.
OPENBAAR = (Soort.EDITIE,)


class OntvangerQuerySet(models.QuerySet):
    def actief(self):
        """Recipients that may be mailed: users with an account and an address, confirmed residents."""
        return self.filter(
            Q(gebruiker__isnull=False, gebruiker__is_active=True) & ~Q(gebruiker__email="")
            | Q(gebruiker__isnull=True, bevestigd_op__isnull=False)
        )


class Ontvanger(models.Model):
    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="ontvanger"
    )
    email = models.EmailField(blank=True, help_text="Alleen voor bewoners zonder account (persoonsgegevens)")
    bevestigd_op = models.DateTimeField(null=True, blank=True, help_text="Bewoners: wanneer het adres is bevestigd")
    bevestig_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    standaard_gezet_op = models.DateTimeField(
        null=True, blank=True, help_text="Wanneer de standaardabonnementen van de rol zijn aangemaakt (eens)"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    objects = OntvangerQuerySet.as_manager()

    class Meta:
        verbose_name = "ontvanger"
        verbose_name_plural = "ontvangers"
        constraints = [
            models.CheckConstraint(
                condition=Q(gebruiker__isnull=False, email="") | Q(gebruiker__isnull=True) & ~Q(email=""),
                name="ontvanger_gebruiker_of_email",
            ),
            models.UniqueConstraint(
                fields=["email"], condition=Q(gebruiker__isnull=True), name="ontvanger_email_uniek"
            ),
        ]

    def __str__(self) -> str:
        return self.gebruiker.get_username() if self.gebruiker is not None else "bewoner (e-mail)"

    @property
    def adres(self) -> str:
        return self.gebruiker.email if self.gebruiker is not None else self.email


class AbonnementQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(afgemeld_op__isnull=True)

    def met_alles(self):
        return self.prefetch_related(
            models.Prefetch("gebieden", queryset=Gebied.objects.only("id", "code", "naam", "niveau", "ouder_id")),
            models.Prefetch("categorieen", queryset=Categorie.objects.only("id", "naam")),
        )


class Abonnement(models.Model):
    ontvanger = models.ForeignKey(Ontvanger, on_delete=models.CASCADE, related_name="abonnementen")
    soorten = models.JSONField(default=list, help_text="Soorten gebeurtenissen (abonnementen.models.Soort)")
    ritme = models.CharField(max_length=10, choices=Ritme.choices, default=Ritme.DAGELIJKS)
    gebieden = models.ManyToManyField(
        Gebied, blank=True, related_name="+", help_text="Wijken of buurten; leeg: alles wat u mag zien"
    )
    categorieen = models.ManyToManyField(
        Categorie,
        blank=True,
        related_name="+",
        limit_choices_to={"hoofdcategorie__isnull": True},
        help_text="Hoofdcategorieën van signalen; leeg: alle",
    )
    standaard = models.BooleanField(default=False, help_text="Aangemaakt als standaard van de rol")
    afmeld_token = models.CharField(max_length=64, unique=True, default=nieuw_token)
    afgemeld_op = models.DateTimeField(null=True, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    objects = AbonnementQuerySet.as_manager()

    class Meta:
        verbose_name = "abonnement"
        verbose_name_plural = "abonnementen"
        ordering = ["aangemaakt_op", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ritme__in=Ritme.values), name="abonnement_ritme_geldig"),
        ]

    def __str__(self) -> str:
        return f"{self.ontvanger}: {', '.join(self.soorten)} ({self.get_ritme_display().lower()})"

    @property
    def soort_labels(self) -> list[str]:
        return [Soort(s).label for s in self.soorten if s in Soort.values]


class Digest(models.Model):
    """One mail sent to one recipient for one period (or one immediate mail, or one day's reminders)."""

    ontvanger = models.ForeignKey(Ontvanger, on_delete=models.CASCADE, related_name="digests")
    ritme = models.CharField(max_length=16, help_text="direct, dagelijks, wekelijks of herinnering")
    periode_van = models.DateTimeField()
    periode_tot = models.DateTimeField()
    aantal = models.PositiveIntegerField()
    onderwerp = models.CharField(max_length=200)
    bericht_sleutel = models.CharField(max_length=200, unique=True)
    verzonden_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "verzonden samenvatting"
        verbose_name_plural = "verzonden samenvattingen"
        ordering = ["-verzonden_op", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["ontvanger", "ritme", "periode_van"], name="digest_een_per_periode"),
        ]

    def __str__(self) -> str:
        return f"{self.ontvanger} {self.ritme} {self.periode_van:%Y-%m-%d %H:%M}: {self.aantal}"


class Verzonden(models.Model):
    """An item that went out to a recipient: it never goes out again in the same rhythm."""

    ontvanger = models.ForeignKey(Ontvanger, on_delete=models.CASCADE, related_name="+")
    ritme = models.CharField(max_length=16)
    sleutel = models.CharField(
        max_length=200, help_text="Welk item, bijv. historie:123 of te-laat:escalatie:4:2026-03-02"
    )
    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="items")
    titel = models.CharField(max_length=300)
    tijdstip = models.DateTimeField()

    class Meta:
        verbose_name = "verzonden item"
        verbose_name_plural = "verzonden items"
        constraints = [
            models.UniqueConstraint(fields=["ontvanger", "ritme", "sleutel"], name="verzonden_item_eens"),
        ]

    def __str__(self) -> str:
        return self.sleutel
