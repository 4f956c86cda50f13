"""Residents' voice (issue 13), the wijkagenda side: signals linked to opgaven, what is published as
"Jij zei, wij deden", "ik ook" support with its decision tasks, and herkenning rounds on the wijkanalyse.
Imported by wijkagenda.models. Writes: `wijkagenda.resultaten`, `wijkagenda.steun`, `wijkagenda.herkenning`.

Nothing here holds a reporter's personal data: a supporter is kept as a keyed hash of the address, the
link tokens as hashes; the e-mail itself lives only in the outbox (berichten).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from wijken.models import Niveau

STEUNDREMPEL_STANDAARD = 10


class SignaalKoppeling(models.Model):
    """Signals an opgave answers: one signal, or a cluster (a main category in a buurt, or in the whole wijk
    when buurt is empty, from a date on)."""

    opgave = models.ForeignKey("wijkagenda.Opgave", on_delete=models.CASCADE, related_name="signaalkoppelingen")
    signaal = models.ForeignKey(
        "signalen.Signaal", null=True, blank=True, on_delete=models.CASCADE, related_name="opgavekoppelingen"
    )
    categorie = models.ForeignKey(
        "signalen.Categorie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"hoofdcategorie__isnull": True},
    )
    buurt = models.ForeignKey(
        "wijken.Gebied",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"niveau": Niveau.BUURT},
    )
    vanaf = models.DateField(null=True, blank=True, help_text="Cluster: signalen met een voorval vanaf deze datum")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "signaalkoppeling"
        verbose_name_plural = "signaalkoppelingen"
        ordering = ["aangemaakt_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(signaal__isnull=False, categorie__isnull=True, buurt__isnull=True)
                | Q(signaal__isnull=True, categorie__isnull=False),
                name="signaalkoppeling_signaal_of_cluster",
            ),
            models.UniqueConstraint(
                fields=["opgave", "signaal"], condition=Q(signaal__isnull=False), name="signaalkoppeling_signaal_uniek"
            ),
            models.UniqueConstraint(
                fields=["opgave", "categorie", "buurt"],
                condition=Q(categorie__isnull=False),
                name="signaalkoppeling_cluster_uniek",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"Koppeling bij opgave {self.opgave_id}"


class Resultaat(models.Model):
    """What the public sees of an opgave in "Jij zei, wij deden": chosen by the stadsdeelregisseur."""

    opgave = models.OneToOneField("wijkagenda.Opgave", on_delete=models.CASCADE, related_name="resultaat")
    gepubliceerd = models.BooleanField(default=False)
    samenvatting = models.TextField(
        max_length=2000, blank=True, help_text="Voor bewoners: wat is er gedaan (geen namen, geen meldingsteksten)"
    )
    gepubliceerd_op = models.DateTimeField(null=True, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "resultaat (openbaar)"
        verbose_name_plural = "resultaten (jij zei, wij deden)"

    def __str__(self) -> str:
        return f"Resultaat van opgave {self.opgave_id}"


class Wijkinstelling(models.Model):
    wijk = models.OneToOneField(
        "wijken.Gebied",
        on_delete=models.CASCADE,
        related_name="stem_instelling",
        limit_choices_to={"niveau": Niveau.WIJK},
    )
    steundrempel = models.PositiveSmallIntegerField(
        default=STEUNDREMPEL_STANDAARD,
        help_text="Bij zoveel bevestigde 'ik ook' moet de stadsdeelregisseur besluiten of het op de agenda komt",
    )

    class Meta:
        verbose_name = "wijkinstelling (bewonersstem)"
        verbose_name_plural = "wijkinstellingen (bewonersstem)"
        constraints = [models.CheckConstraint(condition=Q(steundrempel__gte=1), name="wijkinstelling_drempel_positief")]

    def __str__(self) -> str:
        return f"Drempel {self.steundrempel} ({self.wijk_id})"


def _een_onderwerp(naam: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(opgave__isnull=False, categorie__isnull=True) | Q(opgave__isnull=True, categorie__isnull=False),
        name=naam,
    )


class SteunQuerySet(models.QuerySet):
    def bevestigd(self):
        return self.filter(bevestigd_op__isnull=False)


class Steun(models.Model):
    """One resident's "ik ook" for a concern: an open concern (a main category in the wijk) or a published
    result (opgave). Counted once per address; only a keyed hash of the address is kept."""

    wijk = models.ForeignKey("wijken.Gebied", on_delete=models.CASCADE, related_name="+")
    opgave = models.ForeignKey(
        "wijkagenda.Opgave", null=True, blank=True, on_delete=models.CASCADE, related_name="steun"
    )
    categorie = models.ForeignKey(
        "signalen.Categorie", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adres_hash = models.CharField(max_length=64)
    token_hash = models.CharField(max_length=64, unique=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    verloopt_op = models.DateTimeField()
    bevestigd_op = models.DateTimeField(null=True, blank=True)

    objects = SteunQuerySet.as_manager()

    class Meta:
        verbose_name = "steunbetuiging (ik ook)"
        verbose_name_plural = "steunbetuigingen (ik ook)"
        constraints = [
            _een_onderwerp("steun_een_onderwerp"),
            models.UniqueConstraint(
                fields=["wijk", "opgave", "categorie", "adres_hash"], name="steun_een_per_adres", nulls_distinct=False
            ),
        ]

    def __str__(self) -> str:
        return f"Ik ook ({self.wijk_id}, {self.opgave_id or self.categorie_id})"


class BesluitQuerySet(models.QuerySet):
    def open(self):
        return self.filter(besloten_op__isnull=True)


class Besluit(models.Model):
    """A decision task: a concern reached the wijk's support threshold; the stadsdeelregisseur decides whether
    it goes on the agenda, with a public reason. Exactly one per concern."""

    wijk = models.ForeignKey("wijken.Gebied", on_delete=models.CASCADE, related_name="+")
    opgave = models.ForeignKey("wijkagenda.Opgave", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    categorie = models.ForeignKey(
        "signalen.Categorie", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    steun_bij_drempel = models.PositiveIntegerField()
    besloten_op = models.DateTimeField(null=True, blank=True)
    op_agenda = models.BooleanField(null=True, blank=True)
    reden = models.TextField(max_length=2000, blank=True, help_text="Openbaar: waarom wel of niet op de agenda")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = BesluitQuerySet.as_manager()

    class Meta:
        verbose_name = "besluit (ik ook)"
        verbose_name_plural = "besluiten (ik ook)"
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            _een_onderwerp("besluit_een_onderwerp"),
            models.UniqueConstraint(
                fields=["wijk", "opgave", "categorie"], name="besluit_een_per_onderwerp", nulls_distinct=False
            ),
            models.CheckConstraint(
                condition=Q(besloten_op__isnull=True) | (Q(op_agenda__isnull=False) & ~Q(reden="")),
                name="besluit_met_reden",
            ),
        ]

    def __str__(self) -> str:
        return f"Besluit ({self.wijk_id}, {self.opgave_id or self.categorie_id})"


class Participatieniveau(models.TextChoices):
    """The rungs of the Denkkader Participatie: how much say residents get in this round."""

    INFORMEREN = "informeren", "Informeren"
    RAADPLEGEN = "raadplegen", "Raadplegen"
    ADVISEREN = "adviseren", "Adviseren"
    COPRODUCEREN = "coproduceren", "Coproduceren"
    MEEBESLISSEN = "meebeslissen", "Meebeslissen"


class HerkenningsrondeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(gesloten_op__isnull=True)

    def te_laat(self, vandaag=None):
        """Past the promised feedback date without a published "wat doen we ermee"."""
        return self.filter(gepubliceerd_op__isnull=True, terugkoppeldatum__lt=vandaag or timezone.localdate())


class Herkenningsronde(models.Model):
    """Residents and partners say whether they recognise the statements of a draft wijkanalyse. The statements
    are kept as they were when the round opened, so a closed round stays readable with its analysis."""

    gebied = models.ForeignKey("wijken.Gebied", on_delete=models.PROTECT, related_name="herkenningsrondes")
    niveau = models.CharField("participatieniveau", max_length=16, choices=Participatieniveau.choices)
    terugkoppeldatum = models.DateField(help_text="Uiterlijk dan horen deelnemers wat we met hun reacties doen")
    stellingen = models.JSONField(help_text="[{sleutel, deel, tekst}] zoals in de analyse bij het openen")
    geopend_op = models.DateTimeField(default=timezone.now)
    geopend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gesloten_op = models.DateTimeField(null=True, blank=True)
    wat_doen_we_ermee = models.TextField(max_length=4000, blank=True)
    gepubliceerd_op = models.DateTimeField(null=True, blank=True)

    objects = HerkenningsrondeQuerySet.as_manager()

    class Meta:
        verbose_name = "herkenningsronde"
        verbose_name_plural = "herkenningsrondes"
        ordering = ["-geopend_op", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(niveau__in=Participatieniveau.values), name="ronde_niveau_geldig"),
            models.CheckConstraint(
                condition=Q(gepubliceerd_op__isnull=True) | ~Q(wat_doen_we_ermee=""),
                name="ronde_publicatie_heeft_tekst",
            ),
        ]

    def __str__(self) -> str:
        return f"Herkenningsronde {self.gebied_id} {self.geopend_op:%d-%m-%Y}"

    @property
    def is_open(self) -> bool:
        return self.gesloten_op is None

    def is_te_laat(self, vandaag=None) -> bool:
        return self.gepubliceerd_op is None and self.terugkoppeldatum < (vandaag or timezone.localdate())


class Oordeel(models.TextChoices):
    HERKEN = "herken", "Herken ik"
    DEELS = "deels", "Deels"
    HERKEN_NIET = "niet", "Herken ik niet"


class Herkenningsreactie(models.Model):
    """One participant's mark on one statement. Rows of one submission share `inzending`."""

    class Soort(models.TextChoices):
        BEWONER = "bewoner", "Bewoner"
        PARTNER = "partner", "Partner"

    ronde = models.ForeignKey(Herkenningsronde, on_delete=models.CASCADE, related_name="reacties")
    inzending = models.UUIDField(db_index=True)
    stelling = models.CharField(max_length=100)
    oordeel = models.CharField(max_length=8, choices=Oordeel.choices)
    opmerking = models.TextField(max_length=1000, blank=True, help_text="Alleen intern zichtbaar")
    soort = models.CharField(max_length=8, choices=Soort.choices, default=Soort.BEWONER)
    organisatie = models.ForeignKey(
        "toegang.Organisatie", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "herkenningsreactie"
        verbose_name_plural = "herkenningsreacties"
        constraints = [
            models.CheckConstraint(condition=Q(oordeel__in=Oordeel.values), name="reactie_oordeel_geldig"),
            models.UniqueConstraint(fields=["inzending", "stelling"], name="reactie_een_per_stelling"),
        ]

    def __str__(self) -> str:
        return f"{self.get_oordeel_display()} ({self.ronde_id}/{self.stelling})"
