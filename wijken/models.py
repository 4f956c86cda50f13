from django.db import models
from django.db.models import OuterRef, Q, Subquery

from . import codes


class Niveau(models.TextChoices):
    LAND = codes.LAND, "Nederland"
    GEMEENTE = codes.GEMEENTE, "Gemeente"
    STADSDEEL = codes.STADSDEEL, "Stadsdeel"
    WIJK = codes.WIJK, "Wijk"
    BUURT = codes.BUURT, "Buurt"
    SUBBUURT = codes.SUBBUURT, "Subbuurt"


class GebiedQuerySet(models.QuerySet):
    def wijken_met_buurten(self, gemeente_code: str):
        """The wijken of one gemeente, each with its buurten prefetched (2 queries)."""
        buurten = Gebied.objects.filter(niveau=Niveau.BUURT).order_by("code")
        return (
            self.filter(niveau=Niveau.WIJK, ouder__code=gemeente_code)
            .order_by("code")
            .prefetch_related(models.Prefetch("kinderen", queryset=buurten, to_attr="buurten"))
        )

    def op_niveau(self, niveau: str, gemeente_code: str | None):
        """The wijken or buurten of one gemeente, by code hierarchy; without gemeente_code at
        gemeente level: all gemeenten of the country."""
        if niveau == Niveau.WIJK:
            return self.filter(niveau=niveau, ouder__code=gemeente_code)
        if niveau == Niveau.BUURT:
            return self.filter(niveau=niveau, ouder__ouder__code=gemeente_code)
        if niveau == Niveau.GEMEENTE and gemeente_code is None:
            return self.filter(niveau=niveau)
        return self.filter(code=gemeente_code)

    def met_ouders(self):
        return self.select_related("ouder", "ouder__ouder")

    def met_geometrie(self):
        """Each area with the GeoJSON of its latest boundary version as `geo` (None without one), in the same query."""
        laatste = GebiedVersie.objects.filter(gebied=OuterRef("pk")).order_by("-jaar").values("geometrie")[:1]
        return self.annotate(geo=Subquery(laatste))


class Gebied(models.Model):
    """An area by its stable CBS code; its boundary per indeling year lives in GebiedVersie.

    The parent is fixed by the code (BU01640305 is always in WK016403), so it is stored here,
    not per year. See docs/adr/0001-gebied-en-versies.md.
    """

    code = models.CharField(max_length=16, unique=True, help_text="CBS-code, bijv. GM0164, WK016403")
    niveau = models.CharField(max_length=12, choices=Niveau.choices, db_index=True)
    naam = models.CharField(max_length=200, blank=True, help_text="Naam in de meest recente indeling")
    ouder = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="kinderen")

    objects = GebiedQuerySet.as_manager()

    class Meta:
        verbose_name = "gebied"
        verbose_name_plural = "gebieden"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(niveau__in=[codes.LAND, codes.GEMEENTE]) | Q(ouder__isnull=False),
                name="gebied_ouder_verplicht_onder_gemeente",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weergavenaam} ({self.code})"

    @property
    def weergavenaam(self) -> str:
        return self.naam or self.code


class GebiedVersieQuerySet(models.QuerySet):
    def geldig_in(self, jaar: int):
        """Per gebied the version in force in `jaar`: the latest indeling at or before it.

        Areas only known from later indelingen fall back to their earliest version.
        """
        laatste = (
            GebiedVersie.objects.filter(gebied=OuterRef("gebied"), jaar__lte=jaar).order_by("-jaar").values("jaar")[:1]
        )
        eerste = GebiedVersie.objects.filter(gebied=OuterRef("gebied")).order_by("jaar").values("jaar")[:1]
        return self.annotate(_geldig=models.functions.Coalesce(Subquery(laatste), Subquery(eerste))).filter(
            jaar=models.F("_geldig")
        )


class GebiedVersie(models.Model):
    """A gebied as it was drawn in one indeling year (CBS Wijk- en buurtkaart)."""

    gebied = models.ForeignKey(Gebied, on_delete=models.CASCADE, related_name="versies")
    jaar = models.PositiveSmallIntegerField(help_text="Jaar van de indeling (de kaart)")
    naam = models.CharField(max_length=200)
    geometrie = models.JSONField(null=True, blank=True, help_text="GeoJSON-geometrie in WGS84 (lon/lat)")
    kaartvorm = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="De grens vereenvoudigd voor de kaart (per niveau, coördinaten afgerond); zie wijken.geo.kaartvorm",
    )
    bron = models.CharField(max_length=300, blank=True)

    objects = GebiedVersieQuerySet.as_manager()

    class Meta:
        verbose_name = "gebiedsversie (indeling)"
        verbose_name_plural = "gebiedsversies (indelingen)"
        ordering = ["gebied__code", "jaar"]
        constraints = [
            models.UniqueConstraint(fields=["gebied", "jaar"], name="gebiedversie_uniek_per_jaar"),
            models.CheckConstraint(condition=Q(jaar__gte=1900, jaar__lte=2100), name="gebiedversie_jaar"),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.gebied.code}, {self.jaar})"
