"""Public-space reports (MOR: meldingen openbare ruimte) from the municipality's reporting system.

One row per report of an external system (Signalen, Fixi, ...): its source and id (unique together, so a
re-import changes nothing), its category mapped onto the portal's MOR categories, when it was made, and the
buurt it lies in with the boundary year used. No personal data: the importers read no reporter, no
description and no address.
"""

from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from wijken.models import Gebied


class MeldingQuerySet(models.QuerySet):
    def per_maand(self):
        """Rows (wijk id, buurt id, first day of the month, MOR category, count) in one grouped query."""
        return (
            self.annotate(maand=TruncMonth("gemeld_op"))
            .values_list("wijk_id", "buurt_id", "maand", "categorie")
            .annotate(aantal=Count("id"))
            .order_by()
        )


class Melding(models.Model):
    bron = models.SlugField(max_length=30, help_text="Het systeem waar de melding vandaan komt, bijv. signalen of fixi")
    extern_id = models.CharField(max_length=100, help_text="Het nummer van de melding in dat systeem")
    categorie = models.SlugField(max_length=40, help_text="De MOR-categorie van het Wijkportaal")
    extern_categorie = models.CharField(max_length=200, help_text="De categorie zoals het systeem haar noemt")
    gemeld_op = models.DateTimeField(db_index=True)
    lon = models.FloatField(null=True, blank=True, help_text="WGS84; leeg als de bron een buurtcode gaf")
    lat = models.FloatField(null=True, blank=True)
    buurt = models.ForeignKey(Gebied, on_delete=models.PROTECT, related_name="mor_meldingen")
    wijk = models.ForeignKey(Gebied, on_delete=models.PROTECT, related_name="+")
    grens_jaar = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Jaar van de buurtgrenzen waarmee het punt is ingedeeld"
    )
    geimporteerd_op = models.DateTimeField()

    objects = MeldingQuerySet.as_manager()

    class Meta:
        verbose_name = "melding openbare ruimte"
        verbose_name_plural = "meldingen openbare ruimte"
        ordering = ["-gemeld_op", "id"]
        constraints = [
            models.UniqueConstraint(fields=["bron", "extern_id"], name="mor_melding_uniek_per_bron"),
            models.CheckConstraint(
                condition=Q(lon__isnull=True, lat__isnull=True) | Q(lon__isnull=False, lat__isnull=False),
                name="mor_lon_lat_samen",
            ),
            models.CheckConstraint(
                condition=Q(lon__isnull=True) | Q(grens_jaar__isnull=False), name="mor_punt_heeft_grensjaar"
            ),
        ]
        indexes = [models.Index(fields=["buurt", "gemeld_op"], name="mor_buurt_gemeld")]

    def __str__(self) -> str:
        return f"{self.bron}:{self.extern_id} {self.categorie} ({self.gemeld_op:%Y-%m-%d})"
