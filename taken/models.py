"""A background job as the portal sees it: one row per job, readable by whoever started it.

The row is the truth about a job (the broker's message only says "run job <id>"): its status, the
final report or error report, how many attempts it took. Progress while a job runs lives in the cache
(`taken.voortgang`): a job writes its data in one transaction, so a progress line written to this row
would not be visible until the end.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class TaakStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", "In de wachtrij"
    BEZIG = "bezig", "Bezig"
    KLAAR = "klaar", "Klaar"
    MISLUKT = "mislukt", "Mislukt"


AFGELOPEN = (TaakStatus.KLAAR, TaakStatus.MISLUKT)


class TaakSoort(models.TextChoices):
    LEVERING = "levering", "Levering van waarden (upload)"
    CBS_LADEN = "cbs_laden", "CBS-gegevens laden (load_cbs)"
    SIGNALEN_PUBLICEREN = "signalen_publiceren", "Signaaltellingen publiceren"
    ANONIMISEREN = "anonimiseren", "Persoonsgegevens van signalen verwijderen"
    DIGESTS = "digests", "Samenvattingen versturen"
    HERINNERINGEN = "herinneringen", "Herinneringen versturen"


class TaakQuerySet(models.QuerySet):
    def van(self, gebruiker):
        """The jobs a user may follow: their own; a beheerder all."""
        from toegang.regels import toegang_van

        if toegang_van(gebruiker).rol == "beheerder":
            return self
        return self.filter(gestart_door=gebruiker)

    def recent(self):
        return self.select_related("gestart_door").order_by("-aangemaakt_op")


class Taak(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    soort = models.CharField(max_length=24, choices=TaakSoort.choices)
    omschrijving = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=TaakStatus.choices, default=TaakStatus.WACHTRIJ)
    parameters = models.JSONField(default=dict, blank=True)
    voortgang = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Procent, als bekend")
    voortgang_tekst = models.CharField(max_length=300, blank=True)
    resultaat = models.JSONField(null=True, blank=True, help_text="Het verslag van een geslaagde taak")
    fout = models.JSONField(
        null=True, blank=True, help_text="Waarom de taak mislukte: detail, aantal_fouten, fouten (regel, melding)"
    )
    pogingen = models.PositiveSmallIntegerField(default=0)
    sleutel = models.CharField(
        max_length=200, null=True, blank=True, unique=True, help_text="Dezelfde sleutel: dezelfde taak (idempotent)"
    )
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="taken"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True, db_index=True)
    gestart_op = models.DateTimeField(null=True, blank=True)
    klaar_op = models.DateTimeField(null=True, blank=True)

    objects = TaakQuerySet.as_manager()

    class Meta:
        verbose_name = "taak"
        verbose_name_plural = "taken"
        ordering = ["-aangemaakt_op"]
        indexes = [models.Index(fields=["status", "aangemaakt_op"], name="taak_status_aangemaakt")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=TaakStatus.values), name="taak_status_geldig"),
            models.CheckConstraint(
                condition=Q(voortgang__isnull=True) | Q(voortgang__lte=100), name="taak_voortgang_procent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.get_status_display()}, {self.aangemaakt_op:%Y-%m-%d %H:%M})"

    @property
    def is_afgelopen(self) -> bool:
        return self.status in AFGELOPEN


class TaakBestand(models.Model):
    """The uploaded file of a job, kept in the database so any worker on any machine can read it; removed
    in the same transaction that finishes the job."""

    taak = models.OneToOneField(Taak, on_delete=models.CASCADE, related_name="bestand", primary_key=True)
    naam = models.CharField(max_length=255)
    inhoud = models.BinaryField()

    class Meta:
        verbose_name = "bestand van een taak"
        verbose_name_plural = "bestanden van taken"

    def __str__(self) -> str:
        return self.naam
