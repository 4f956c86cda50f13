"""The outbox: one row per e-mail the portal sends, written in the transaction that decides to send it.

The row holds the rendered message (subject, plain text, HTML), so a retry sends exactly what was decided,
even when a template changes meanwhile. Its unique `sleutel` (idempotency key) makes asking twice for the
same message a no-op; its status says whether it went out.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class BerichtStatus(models.TextChoices):
    WACHTEND = "wachtend", "Wacht op verzending"
    MISLUKT = "mislukt", "Mislukt, wordt opnieuw geprobeerd"
    VERSTUURD = "verstuurd", "Verstuurd"
    OPGEGEVEN = "opgegeven", "Opgegeven na te veel pogingen"


TE_VERSTUREN = (BerichtStatus.WACHTEND, BerichtStatus.MISLUKT)


class BerichtQuerySet(models.QuerySet):
    def aan_de_beurt(self, nu=None):
        """Messages waiting or failed whose next attempt is due."""
        return self.filter(status__in=TE_VERSTUREN, volgende_poging_op__lte=nu or timezone.now())


class Bericht(models.Model):
    sleutel = models.CharField(
        max_length=200, unique=True, help_text="Idempotentiesleutel: hetzelfde bericht wordt maar één keer gemaakt"
    )
    aan = models.EmailField(help_text="Ontvanger (persoonsgegevens: niet tonen op openbare pagina's)")
    onderwerp = models.CharField(max_length=200)
    tekst = models.TextField(help_text="Platte tekst")
    html = models.TextField(help_text="HTML-deel")
    status = models.CharField(max_length=10, choices=BerichtStatus.choices, default=BerichtStatus.WACHTEND)
    pogingen = models.PositiveSmallIntegerField(default=0)
    laatste_fout = models.TextField(blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    volgende_poging_op = models.DateTimeField(default=timezone.now)
    verstuurd_op = models.DateTimeField(null=True, blank=True)

    objects = BerichtQuerySet.as_manager()

    class Meta:
        verbose_name = "bericht"
        verbose_name_plural = "berichten (uitgaande e-mail)"
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(
                fields=["volgende_poging_op"],
                name="bericht_te_versturen",
                condition=Q(status__in=["wachtend", "mislukt"]),
            )
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=BerichtStatus.values), name="bericht_status_geldig"),
            models.CheckConstraint(
                condition=~Q(status="verstuurd") | Q(verstuurd_op__isnull=False), name="bericht_verstuurd_heeft_tijd"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.onderwerp} ({self.get_status_display()})"
