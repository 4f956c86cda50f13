"""The wijkagenda and wijknetwerk: what a wijk works on, with whom, and what was agreed.

Writes go through `wijkagenda.services`; who may see what is decided in `wijkagenda.regels` and applied by
the `zichtbaar_voor(toegang)` QuerySet methods here.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from indicatoren.models import Domein, Indicator
from signalen.models import Categorie
from toegang.models import Organisatie
from wijken.models import Gebied, Niveau


class OpgaveStatus(models.TextChoices):
    OPEN = "open", "Open"
    AFGEROND = "afgerond", "Afgerond"


class ActieStatus(models.TextChoices):
    GEPLAND = "gepland", "Gepland"
    LOPEND = "lopend", "Loopt"
    AFGEROND = "afgerond", "Afgerond"
    VERVALLEN = "vervallen", "Vervallen"


ACTIE_OPEN = (ActieStatus.GEPLAND, ActieStatus.LOPEND)


class Overlegritme(models.TextChoices):
    WEKELIJKS = "wekelijks", "Wekelijks"
    TWEEWEKELIJKS = "tweewekelijks", "Elke twee weken"
    MAANDELIJKS = "maandelijks", "Maandelijks"
    KWARTAAL = "kwartaal", "Elk kwartaal"
    HALFJAAR = "halfjaar", "Elk half jaar"
    OP_AFROEP = "op_afroep", "Op afroep"


class OpgaveQuerySet(models.QuerySet):
    def zichtbaar_voor(self, toegang):
        from .regels import opgaven_filter

        return self.filter(opgaven_filter(toegang)).distinct()

    def voor_agenda(self, wijk, toegang):
        """The opgaven of a wijk this access may see, with everything the agenda shows prefetched (the
        actions and linked indicators restricted to those the access may see: a partner in a shared opgave
        does not learn the name or code of another organisation's internal indicator): 1 query per
        relation, not per opgave."""
        from .regels import acties_filter

        acties = Actie.objects.filter(acties_filter(toegang)).select_related("eigenaar").order_by("streefdatum", "id")
        return (
            self.filter(wijk=wijk)
            .zichtbaar_voor(toegang)
            .select_related("domein")
            .prefetch_related(
                models.Prefetch(
                    "indicatoren",
                    queryset=Indicator.objects.zichtbaar_voor(toegang).order_by("domein__volgorde", "volgorde"),
                ),
                models.Prefetch("signaalcategorieen", queryset=Categorie.objects.order_by("volgorde", "naam")),
                "partners",
                models.Prefetch("acties", queryset=acties, to_attr="zichtbare_acties"),
            )
            .order_by("status", "-geopend_op", "id")
        )


class Opgave(models.Model):
    """A problem a wijk takes on: why (linked indicators and signal categories), with whom (partners)."""

    wijk = models.ForeignKey(
        Gebied, on_delete=models.PROTECT, related_name="opgaven", limit_choices_to={"niveau": Niveau.WIJK}
    )
    titel = models.CharField(max_length=200)
    domein = models.ForeignKey(Domein, on_delete=models.PROTECT, related_name="opgaven")
    beschrijving = models.TextField(blank=True)
    indicatoren = models.ManyToManyField(
        Indicator, blank=True, related_name="opgaven", help_text="De cijfers die laten zien waarom dit een opgave is"
    )
    signaalcategorieen = models.ManyToManyField(
        Categorie,
        blank=True,
        related_name="opgaven",
        limit_choices_to={"hoofdcategorie__isnull": True},
        verbose_name="signaalcategorieën",
        help_text="Hoofdcategorieën van signalen die bij deze opgave horen",
    )
    partners = models.ManyToManyField(
        Organisatie, blank=True, related_name="opgaven", help_text="Betrokken organisaties"
    )
    status = models.CharField(max_length=10, choices=OpgaveStatus.choices, default=OpgaveStatus.OPEN)
    geopend_op = models.DateField(default=timezone.localdate, help_text="Vanaf deze datum volgen we de cijfers")
    afgerond_op = models.DateField(null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    objects = OpgaveQuerySet.as_manager()

    class Meta:
        verbose_name = "opgave"
        verbose_name_plural = "opgaven"
        ordering = ["wijk__code", "-geopend_op", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=OpgaveStatus.values), name="opgave_status_geldig"),
            models.CheckConstraint(
                condition=Q(afgerond_op__isnull=True) | Q(afgerond_op__gte=F("geopend_op")),
                name="opgave_afgerond_na_geopend",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.wijk.weergavenaam})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.wijk_id and self.wijk.niveau != Niveau.WIJK:
            raise ValidationError({"wijk": "Een wijkagenda hoort bij een wijk."})


class ActieQuerySet(models.QuerySet):
    def zichtbaar_voor(self, toegang):
        from .regels import acties_filter

        return self.filter(acties_filter(toegang))

    def open(self):
        return self.filter(status__in=ACTIE_OPEN)

    def markeringen(self, *, wijk_id: int, indicator_id: int, toegang, signaalcategorie: str | None = None):
        """The actions of the wijk's opgaven linked to one indicator: markers on its trend chart (1 query).
        For a published signal count, also those of opgaven linked to its main category (`signaalcategorie`;
        "" for the totals over all categories: every opgave with a linked category)."""
        gekoppeld = Q(opgave__indicatoren__id=indicator_id)
        if signaalcategorie:
            gekoppeld |= Q(opgave__signaalcategorieen__code=signaalcategorie)
        elif signaalcategorie == "":
            gekoppeld |= Q(opgave__signaalcategorieen__isnull=False)
        return (
            self.zichtbaar_voor(toegang)
            .filter(gekoppeld, opgave__wijk_id=wijk_id)
            .exclude(status=ActieStatus.VERVALLEN)
            .select_related("eigenaar", "opgave")
            .order_by("startdatum", "id")
            .distinct()
        )


class Actie(models.Model):
    """An agreed action: who does it (owner organisation), from when, by when, and how far it is."""

    opgave = models.ForeignKey(Opgave, on_delete=models.CASCADE, related_name="acties")
    omschrijving = models.CharField(max_length=300)
    eigenaar = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="acties")
    startdatum = models.DateField(
        default=timezone.localdate, help_text="Vanaf wanneer de actie loopt: zo verschijnt zij op de trendgrafieken"
    )
    streefdatum = models.DateField()
    status = models.CharField(max_length=10, choices=ActieStatus.choices, default=ActieStatus.GEPLAND)
    toelichting = models.TextField(blank=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    objects = ActieQuerySet.as_manager()

    class Meta:
        verbose_name = "actie"
        verbose_name_plural = "acties"
        ordering = ["streefdatum", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ActieStatus.values), name="actie_status_geldig"),
            models.CheckConstraint(condition=Q(streefdatum__gte=F("startdatum")), name="actie_streefdatum_na_start"),
        ]

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.eigenaar})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.startdatum and self.streefdatum and self.streefdatum < self.startdatum:
            raise ValidationError({"streefdatum": "De streefdatum ligt niet voor de startdatum."})

    @property
    def is_open(self) -> bool:
        return self.status in ACTIE_OPEN

    def is_te_laat(self, vandaag=None) -> bool:
        return self.is_open and self.streefdatum < (vandaag or timezone.localdate())


class BesprekingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, toegang):
        from .regels import besprekingen_filter

        return self.filter(besprekingen_filter(toegang))


class Bespreking(models.Model):
    """One entry of the review log: when the agenda was discussed, what was discussed and decided."""

    wijk = models.ForeignKey(
        Gebied, on_delete=models.PROTECT, related_name="besprekingen", limit_choices_to={"niveau": Niveau.WIJK}
    )
    datum = models.DateField(default=timezone.localdate)
    besproken = models.TextField()
    besluiten = models.TextField(blank=True)
    opgaven = models.ManyToManyField(Opgave, blank=True, related_name="besprekingen")
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = BesprekingQuerySet.as_manager()

    class Meta:
        verbose_name = "bespreking"
        verbose_name_plural = "besprekingen (logboek)"
        ordering = ["-datum", "-id"]

    def __str__(self) -> str:
        return f"Bespreking {self.wijk.weergavenaam} {self.datum:%d-%m-%Y}"


class NetwerkContactQuerySet(models.QuerySet):
    def zichtbaar_voor(self, toegang):
        from .regels import netwerk_filter

        return self.filter(netwerk_filter(toegang))


class NetwerkContact(models.Model):
    """Who is involved in a wijk for an organisation: role, how to reach them, how often they meet."""

    wijk = models.ForeignKey(
        Gebied, on_delete=models.PROTECT, related_name="netwerk", limit_choices_to={"niveau": Niveau.WIJK}
    )
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="netwerk")
    rol = models.CharField(max_length=150, help_text="Bijv. wijkagent, wijkconsulent, opbouwwerker")
    contactpersoon = models.CharField(max_length=150, blank=True, help_text="Naam of functie; leeg voor een team")
    bereikbaar = models.CharField(
        "hoe bereikbaar", max_length=300, help_text="Bijv. telefoonnummer of mailadres van het team, spreekuur"
    )
    overlegritme = models.CharField(max_length=16, choices=Overlegritme.choices, default=Overlegritme.OP_AFROEP)
    overleg = models.CharField(max_length=200, blank=True, help_text="Welk overleg, bijv. wijkteamoverleg")
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    objects = NetwerkContactQuerySet.as_manager()

    class Meta:
        verbose_name = "netwerkcontact"
        verbose_name_plural = "wijknetwerk"
        ordering = ["wijk__code", "organisatie__naam", "rol", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(overlegritme__in=Overlegritme.values), name="netwerk_ritme_geldig"),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie}: {self.rol} ({self.wijk.weergavenaam})"


# Residents' voice (issue 13) in its own module; imported here so Django registers the models.
from .modellen_stem import (  # noqa: E402, F401
    Besluit,
    Herkenningsreactie,
    Herkenningsronde,
    Oordeel,
    Participatieniveau,
    Resultaat,
    SignaalKoppeling,
    Steun,
    Wijkinstelling,
)
