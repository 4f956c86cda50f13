"""Feedback to the reporter (issue 13): the explanation written at closing, the single-use answer link
"Is het opgelost? ja / nee", and the per-category starting text. Imported by signalen.models.

Writes go through `signalen.terugkoppeling`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Uitlegsjabloon(models.Model):
    """A starting text for the explanation to the reporter, per category: it must be edited before closing."""

    categorie = models.OneToOneField("signalen.Categorie", on_delete=models.CASCADE, related_name="uitlegsjabloon")
    tekst = models.TextField(max_length=2000)

    class Meta:
        verbose_name = "uitlegsjabloon"
        verbose_name_plural = "uitlegsjablonen (terugkoppeling)"

    def __str__(self) -> str:
        return f"Sjabloon {self.categorie}"


class Terugkoppeling(models.Model):
    """One closure of a signal and the explanation for the reporter written with it (append-only)."""

    signaal = models.ForeignKey("signalen.Signaal", on_delete=models.CASCADE, related_name="terugkoppelingen")
    naar = models.CharField(max_length=16, help_text="De status waarmee het signaal werd afgesloten")
    uitleg = models.TextField(max_length=3000, help_text="Geschreven voor de melder")
    tekst_hash = models.CharField(
        max_length=64, db_index=True, help_text="Hash van de genormaliseerde uitleg: vindt gelijke standaardteksten"
    )
    categorie = models.ForeignKey("signalen.Categorie", on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey(
        "toegang.Organisatie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="De partner van de laatste escalatie (leeg: de gemeente handelde het zelf af)",
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tijdstip = models.DateTimeField(default=timezone.now)
    gemaild = models.BooleanField(default=False, help_text="De melder kreeg de uitkomst per e-mail")

    class Meta:
        verbose_name = "terugkoppeling"
        verbose_name_plural = "terugkoppelingen"
        ordering = ["-tijdstip", "-id"]

    def __str__(self) -> str:
        return f"Terugkoppeling #{self.signaal_id} {self.tijdstip:%Y-%m-%d}"


class Antwoord(models.TextChoices):
    JA = "ja", "Ja, opgelost"
    NEE = "nee", "Nee, niet opgelost"


class AntwoordlinkQuerySet(models.QuerySet):
    def geldig(self, nu=None):
        return self.filter(gebruikt_op__isnull=True, verloopt_op__gt=nu or timezone.now())


class Antwoordlink(models.Model):
    """The single-use link "Is het opgelost?" in the e-mail to the reporter: only the token's hash is kept."""

    terugkoppeling = models.OneToOneField(Terugkoppeling, on_delete=models.CASCADE, related_name="link")
    token_hash = models.CharField(max_length=64, unique=True)
    verloopt_op = models.DateTimeField()
    gebruikt_op = models.DateTimeField(null=True, blank=True)
    antwoord = models.CharField(max_length=3, choices=Antwoord.choices, blank=True)

    objects = AntwoordlinkQuerySet.as_manager()

    class Meta:
        verbose_name = "antwoordlink"
        verbose_name_plural = "antwoordlinks"
        constraints = [
            models.CheckConstraint(
                condition=Q(gebruikt_op__isnull=True, antwoord="")
                | Q(gebruikt_op__isnull=False, antwoord__in=["ja", "nee"]),
                name="antwoordlink_gebruikt_met_antwoord",
            ),
        ]

    def __str__(self) -> str:
        return f"Link bij terugkoppeling {self.terugkoppeling_id}"
