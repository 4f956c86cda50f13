from django.db import models
from django.db.models import Q

from wijken.models import Gebied

PERIODE_REGEX = r"^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$"


class Domein(models.Model):
    """A policy domain agreed across departments (bevolking, wonen, veiligheid, ...)."""

    code = models.SlugField(max_length=40, unique=True)
    naam = models.CharField(max_length=100)
    volgorde = models.PositiveSmallIntegerField(default=0)
    beschrijving = models.TextField(blank=True)

    class Meta:
        verbose_name = "domein"
        verbose_name_plural = "domeinen"
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Zichtbaarheid(models.TextChoices):
    OPENBAAR = "openbaar", "Openbaar: iedereen, ook zonder inloggen"
    PARTNERS = "partners", "Partners: medewerkers en alle partners"
    INTERN = "intern", "Intern: medewerkers van de gemeente en de eigenaar"


class Levering(models.TextChoices):
    """Who may write a dataset's values by upload (API or file); see `indicatoren.regels.mag_leveren`."""

    EIGENAAR = "eigenaar", "Per upload: partners en beleidsmedewerkers van de eigenaar, en beheerders"
    DIENST = "dienst", "Alleen het Wijkportaal zelf (import, berekening, publicatie), nooit per upload"


class DatasetQuerySet(models.QuerySet):
    def zichtbaar_voor(self, toegang):
        from .regels import dataset_filter

        return self.filter(dataset_filter(toegang))


class Dataset(models.Model):
    """A set of indicators shared under one agreement: who owns it and who may see it."""

    code = models.SlugField(max_length=60, unique=True)
    naam = models.CharField(max_length=200)
    zichtbaarheid = models.CharField(max_length=10, choices=Zichtbaarheid.choices, default=Zichtbaarheid.INTERN)
    eigenaar = models.ForeignKey("toegang.Organisatie", on_delete=models.PROTECT, related_name="datasets")
    beschrijving = models.TextField(blank=True)
    licentie = models.CharField(max_length=200, blank=True, help_text="Bijv. CC BY 4.0, of de naam van de afspraak")
    levering = models.CharField(
        max_length=10,
        choices=Levering.choices,
        default=Levering.EIGENAAR,
        help_text="Wie de waarden per upload mag leveren. 'Alleen het Wijkportaal' voor wat het portaal zelf "
        "schrijft (CBS-import, afgeleide cijfers, de signalencijfers): dan overschrijft geen upload die waarden.",
    )

    objects = DatasetQuerySet.as_manager()

    class Meta:
        verbose_name = "dataset"
        verbose_name_plural = "datasets"
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_zichtbaarheid_display().split(':')[0].lower()})"


class Polariteit(models.TextChoices):
    HOGER_BETER = "hoger_beter", "Hoger is beter"
    HOGER_SLECHTER = "hoger_slechter", "Hoger is slechter"
    NEUTRAAL = "neutraal", "Neutraal"


class Soort(models.TextChoices):
    BASIS = "basis", "Gemeten (uit een bron)"
    AFGELEID = "afgeleid", "Afgeleid (formule over andere indicatoren)"


class IndicatorQuerySet(models.QuerySet):
    def afgeleid(self):
        return self.filter(soort=Soort.AFGELEID)

    def zichtbaar_voor(self, toegang):
        """Indicators of datasets this access may read; a derived indicator only when every indicator its
        value depends on is readable too (it would give the input away: 1000 * Inbraken / Inwoners)."""
        from .regels import dataset_filter

        qs = self.filter(dataset_filter(toegang, prefix="dataset__"))
        if toegang.is_medewerker:
            return qs
        return qs.exclude(invoer__in=Indicator.objects.onleesbaar_voor(toegang))

    def onleesbaar_voor(self, toegang):
        """The ids of the indicators in datasets this access may not read (a subquery)."""
        from .regels import dataset_filter

        return Indicator.objects.exclude(dataset_filter(toegang, prefix="dataset__")).values("id")

    def per_code(self) -> dict[str, "Indicator"]:
        return {i.code: i for i in self}


class Indicator(models.Model):
    code = models.CharField(
        max_length=100, unique=True, help_text="Bijv. AantalInwoners (CBS-sleutel zonder volgnummer)"
    )
    naam = models.CharField(max_length=200)
    domein = models.ForeignKey(Domein, on_delete=models.PROTECT, related_name="indicatoren")
    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="indicatoren")
    eenheid = models.CharField(max_length=60, blank=True)
    decimalen = models.PositiveSmallIntegerField(default=0)
    definitie = models.TextField(blank=True)
    bron = models.CharField(max_length=300, blank=True)
    cbs_groep = models.CharField(
        max_length=300, blank=True, help_text="Plaats in de CBS-tabel, bijv. Bevolking / Leeftijdsgroepen"
    )
    polariteit = models.CharField(max_length=16, choices=Polariteit.choices, default=Polariteit.NEUTRAAL)
    onthullingsdrempel = models.FloatField(
        null=True,
        blank=True,
        help_text="Waarden kleiner dan deze drempel worden niet getoond (bijv. 10 voor kleine aantallen)",
    )
    absoluut = models.BooleanField(
        default=False,
        help_text="Een aantal of totaal (inwoners, hectare): groeit met de omvang van het gebied en wordt "
        "daarom niet beoordeeld tegen Hengelo of Nederland",
    )
    soort = models.CharField(max_length=10, choices=Soort.choices, default=Soort.BASIS)
    formule = models.CharField(
        max_length=500,
        blank=True,
        help_text="Alleen voor afgeleide indicatoren, bijv. AantalInwoners / Woningvoorraad",
    )
    volgorde = models.PositiveIntegerField(default=0)
    venster = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Voortschrijdend venster in maanden (bijv. 12): elke waarde telt de maanden tot en met haar "
        "periode, die de laatste maand van het venster is. Leeg: de waarde geldt voor haar eigen periode.",
    )
    invoer = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="afgeleiden",
        help_text="Alleen bij een afgeleide indicator: alle indicatoren waar de uitkomst van afhangt, ook via andere "
        "afgeleide. Het portaal houdt dit bij uit de formules; wie één invoer niet mag zien, ziet de uitkomst niet.",
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = "indicator"
        verbose_name_plural = "indicatoren"
        ordering = ["domein__volgorde", "volgorde", "code"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(soort=Soort.AFGELEID) & ~Q(formule="")) | (Q(soort=Soort.BASIS) & Q(formule="")),
                name="indicator_formule_alleen_bij_afgeleid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"

    def clean(self):
        from django.core.exceptions import ValidationError

        from .formules import FormuleFout, parse_formule

        if self.soort == Soort.AFGELEID:
            try:
                namen = parse_formule(self.formule).namen
            except FormuleFout as exc:
                raise ValidationError({"formule": str(exc)}) from exc
            if self.code in namen:
                raise ValidationError({"formule": "een indicator kan niet van zichzelf afhangen"})
            onbekend = namen - set(Indicator.objects.filter(code__in=namen).values_list("code", flat=True))
            if onbekend:
                raise ValidationError({"formule": f"onbekende indicator(en): {', '.join(sorted(onbekend))}"})


class KernsetItemQuerySet(models.QuerySet):
    def voor_wijk(self, wijk_id: int | None):
        """The default kernset plus the override of one wijk (1 query); see `kernset_codes`."""
        filt = Q(gebied__isnull=True)
        if wijk_id is not None:
            filt |= Q(gebied_id=wijk_id)
        return self.filter(filt).select_related("indicator").order_by("volgorde", "indicator__code")


class KernsetItem(models.Model):
    """An indicator on a wijk's first screen. Without gebied: the default for all wijken.

    A wijk with its own items in a domain uses those instead of the default for that domain
    (each wijk has different problems); buurten follow their wijk.
    """

    gebied = models.ForeignKey(
        Gebied,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="kernset",
        help_text="Leeg: standaard voor alle wijken. Gevuld: eigen keuze voor deze wijk.",
    )
    indicator = models.ForeignKey("Indicator", on_delete=models.CASCADE, related_name="kernset_items")
    volgorde = models.PositiveSmallIntegerField(default=0)

    objects = KernsetItemQuerySet.as_manager()

    class Meta:
        verbose_name = "kernset-indicator"
        verbose_name_plural = "kernset (eerste scherm per wijk)"
        ordering = ["gebied__code", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["gebied", "indicator"], name="kernset_uniek_per_wijk"),
            models.UniqueConstraint(
                fields=["indicator"], condition=Q(gebied__isnull=True), name="kernset_standaard_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} ({self.gebied.code if self.gebied is not None else 'standaard'})"


class CbsSleutel(models.Model):
    """Which column of which CBS table feeds an indicator (the suffix differs per edition)."""

    tabel = models.CharField(max_length=20, help_text="CBS-tabel, bijv. 85984NED")
    sleutel = models.CharField(max_length=120, help_text="Kolom in die tabel, bijv. AantalInwoners_5")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="cbs_sleutels")

    class Meta:
        verbose_name = "CBS-sleutel"
        verbose_name_plural = "CBS-sleutels"
        constraints = [models.UniqueConstraint(fields=["tabel", "sleutel"], name="cbssleutel_uniek")]

    def __str__(self) -> str:
        return f"{self.tabel}.{self.sleutel} -> {self.indicator.code}"


class Status(models.TextChoices):
    """The state of one value, keeping CBS's statistical symbols as their meaning."""

    BESCHIKBAAR = "beschikbaar", "beschikbaar"
    VOORLOPIG = "voorlopig", "voorlopig cijfer (CBS *)"
    NADER_VOORLOPIG = "nader_voorlopig", "nader voorlopig cijfer (CBS **)"
    ONBEKEND = "onbekend", "onbekend, onvoldoende betrouwbaar of geheim (CBS .)"
    GEHEIM = "geheim", "geheim (CBS x)"
    NIHIL = "nihil", "nihil (CBS -)"
    ONBETROUWBAAR = "onbetrouwbaar", "cijfer onbetrouwbaar (CBS ?)"
    ONDER_DREMPEL = "onder_drempel", "onder de onthullingsdrempel (niet geleverd)"


# Statuses that carry a number; every other status stores an empty value.
STATUS_MET_WAARDE = (Status.BESCHIKBAAR, Status.VOORLOPIG, Status.NADER_VOORLOPIG)


class WaardeQuerySet(models.QuerySet):
    def zichtbaar_voor(self, toegang):
        """Only values of datasets this access may read (the same rule as pages and API), and of derived
        indicators only when every input is readable too (see IndicatorQuerySet.zichtbaar_voor)."""
        from .regels import dataset_filter

        qs = self.filter(dataset_filter(toegang, prefix="indicator__dataset__"))
        if toegang.is_medewerker:
            return qs
        return qs.exclude(indicator__invoer__in=Indicator.objects.onleesbaar_voor(toegang))

    def in_gebieden(self, gebieden):
        """Values of the areas a Gebied queryset selects, as `gebied_id IN (SELECT id ...)`.

        The selection runs on the small area table with its own indexes; the value table is then
        read by its (gebied, periode) index. A filter that ORs conditions on the joined area table
        (`Q(gebied_id__in=ids) | Q(gebied__niveau=...)`) cannot use any index and scans every value
        (1.2 s at national size, see bench/RESULTS.md)."""
        return self.filter(gebied_id__in=gebieden.order_by().values("id"))

    def met_land(self, gebied_ids):
        """Values of these areas and of Nederland (whose id is looked up in the same query)."""
        from wijken import codes

        return self.in_gebieden(Gebied.objects.filter(Q(id__in=list(gebied_ids)) | Q(niveau=codes.LAND)))

    def voor_profiel(self, gebied_ids):
        """The rows of a profile: the values of these areas and of Nederland, with indicator and domain and
        the area's level as `niveau` (1 query; Nederland is found by `niveau`)."""
        from django.db.models import F

        return (
            self.met_land(gebied_ids)
            .select_related("indicator", "indicator__domein")
            .annotate(niveau=F("gebied__niveau"))
        )

    def op_niveau(self, *, niveau: str, gemeente_code: str | None, indicator_ids=None, periode: str | None = None):
        """Values of all wijken or buurten of one gemeente (by code hierarchy), of that gemeente itself,
        of all gemeenten (niveau gemeente without a gemeente_code) or of Nederland, with indicator
        and gebied loaded: the rows behind maps, scatters and indices (1 query)."""
        from wijken import codes

        qs = self.filter(gebied__niveau=niveau).select_related("indicator", "indicator__domein", "gebied")
        if niveau == codes.WIJK:
            qs = qs.filter(gebied__ouder__code=gemeente_code)
        elif niveau == codes.BUURT:
            qs = qs.filter(gebied__ouder__ouder__code=gemeente_code)
        elif niveau == codes.LAND or (niveau == codes.GEMEENTE and gemeente_code is None):
            pass  # Nederland, or all gemeenten of the country (the national map)
        else:
            qs = qs.filter(gebied__code=gemeente_code)
        if indicator_ids is not None:
            qs = qs.filter(indicator_id__in=indicator_ids)
        if periode is not None:
            qs = qs.filter(periode=periode)
        return qs.order_by("gebied__code", "indicator_id", "periode")

    def voor_gebieden(self, gebied_ids, *, indicator_ids=None):
        """Values of a set of gebieden (a comparison), with indicator, domain and gebied (1 query)."""
        qs = self.filter(gebied_id__in=gebied_ids).select_related("indicator", "indicator__domein", "gebied")
        if indicator_ids is not None:
            qs = qs.filter(indicator_id__in=indicator_ids)
        return qs.order_by("indicator__domein__volgorde", "indicator__volgorde", "indicator__code", "periode")

    def perioden(self) -> list[str]:
        return sorted(set(self.values_list("periode", flat=True).distinct()))

    def dekking(self, gemeente_code: str):
        """Per indicator, level, own-or-other and period: areas with a number, areas with a row, latest write
        (1 query; the rows behind the Gegevensoverzicht, as many as indicators x levels x periods, not values).
        'Own' is the gemeente `gemeente_code` with its wijken and buurten, and Nederland; other gemeenten
        (loaded for comparison) are counted apart."""
        from django.db.models import BooleanField, Case, Count, Max, Value, When

        eigen = (
            Q(gebied__code=gemeente_code)
            | Q(gebied__ouder__code=gemeente_code)
            | Q(gebied__ouder__ouder__code=gemeente_code)
            | Q(gebied__niveau="land")
        )
        return (
            self.annotate(eigen=Case(When(eigen, then=Value(True)), default=Value(False), output_field=BooleanField()))
            .values_list("indicator_id", "gebied__niveau", "eigen", "periode")
            .annotate(
                met_getal=Count("id", filter=Q(status__in=STATUS_MET_WAARDE)),
                rijen=Count("id"),
                laatst=Max("bijgewerkt_op"),
            )
            .order_by()
        )

    def export(self, *, gebied_code=None, indicator_code=None, periode=None):
        qs = self.select_related("indicator", "gebied").order_by("indicator__code", "gebied__code", "periode")
        if gebied_code:
            qs = qs.filter(gebied__code=gebied_code)
        if indicator_code:
            qs = qs.filter(indicator__code=indicator_code)
        if periode:
            qs = qs.filter(periode=periode)
        return qs


class Waarde(models.Model):
    # No separate FK indexes: waarde_uniek (indicator, gebied, periode) and waarde_gebied_periode cover
    # both lookups, and every extra index slows a national import (bench/RESULTS.md).
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="waarden", db_index=False)
    gebied = models.ForeignKey(Gebied, on_delete=models.PROTECT, related_name="waarden", db_index=False)
    periode = models.CharField(max_length=10, help_text="Jaar (2024), maand (2024-03) of kwartaal (2024-Q1)")
    waarde = models.FloatField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.BESCHIKBAAR)
    bron = models.CharField(max_length=300, blank=True)
    toelichting = models.CharField(max_length=300, blank=True, help_text="Reden bij een status, bijv. invoer ontbreekt")
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    objects = WaardeQuerySet.as_manager()

    class Meta:
        verbose_name = "waarde"
        verbose_name_plural = "waarden"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "gebied", "periode"], name="waarde_uniek"),
            models.CheckConstraint(
                condition=(Q(status__in=STATUS_MET_WAARDE) & Q(waarde__isnull=False))
                | (~Q(status__in=STATUS_MET_WAARDE) & Q(waarde__isnull=True)),
                name="waarde_alleen_bij_status_met_getal",
            ),
            models.CheckConstraint(condition=Q(periode__regex=PERIODE_REGEX), name="waarde_periode_formaat"),
        ]
        indexes = [
            models.Index(fields=["gebied", "periode"], name="waarde_gebied_periode"),
            # One indicator in one period over many areas (similar areas, national maps): an index-only
            # scan instead of reading the indicator's every period from the heap (bench/RESULTS.md).
            models.Index(
                fields=["indicator", "periode", "gebied"], include=["waarde"], name="waarde_indicator_periode"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.gebied_id} {self.periode}: {self.waarde} ({self.status})"
