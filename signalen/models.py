"""Residents' signals: what stadsdeelregisseurs hear in the wijk, where it is, who picked it up.

Writes go through `signalen.services` (one function per use case); the models hold the data,
the constraints the database can check, and the read-side QuerySet methods of the pages.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Exists, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from lib import perioden
from toegang.models import Organisatie
from wijken import codes
from wijken.models import Gebied

OMSCHRIJVING_MAX = 5000
NOTITIE_MAX = 5000
MAX_BEWONERS = 10_000
MAX_WERKDAGEN = 250


class Bron(models.TextChoices):
    BEWONER = "bewoner", "Bewoner"
    PROFESSIONAL = "professional", "Professional"
    PARTNER = "partner", "Partner"
    WIJKRONDE = "wijkronde", "Wijkronde"
    BEWONERSAVOND = "bewonersavond", "Bewonersavond"
    TELEFOON = "telefoon", "Telefoon"


# Residents' concerns and professionals' observations differ; dashboards show them side by side.
# A wijkronde is walked by professionals; bewonersavond and telefoon are residents speaking.
BRONGROEPEN = {
    "bewoners": ("Bewoners", (Bron.BEWONER, Bron.BEWONERSAVOND, Bron.TELEFOON)),
    "professionals": ("Professionals en partners", (Bron.PROFESSIONAL, Bron.PARTNER, Bron.WIJKRONDE)),
}


def brongroep_van(bron: str) -> str:
    for code, (_, bronnen) in BRONGROEPEN.items():
        if bron in bronnen:
            return code
    raise ValueError(f"onbekende bron {bron!r}")


class Status(models.TextChoices):
    GEMELD = "gemeld", "Gemeld"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    DOORGEZET = "doorgezet", "Doorgezet naar partner"
    AFGEHANDELD = "afgehandeld", "Afgehandeld"
    GEANNULEERD = "geannuleerd", "Geannuleerd"
    HEROPEND = "heropend", "Heropend"


GESLOTEN = (Status.AFGEHANDELD, Status.GEANNULEERD)
OPEN = tuple(s for s in Status.values if s not in GESLOTEN)


class EscalatieStatus(models.TextChoices):
    VERSTUURD = "verstuurd", "Verstuurd"
    IN_BEHANDELING = "in_behandeling", "In behandeling bij partner"
    AFGEROND = "afgerond", "Afgerond"
    AFGEWEZEN = "afgewezen", "Afgewezen"


ESCALATIE_OPEN = (EscalatieStatus.VERSTUURD, EscalatieStatus.IN_BEHANDELING)


class CategorieQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(actief=True)

    def boom(self):
        """Main categories first, each followed by its subcategories (1 query, parents loaded)."""
        return self.select_related("hoofdcategorie", "standaard_partner").order_by(
            Coalesce("hoofdcategorie__volgorde", "volgorde"),
            Coalesce("hoofdcategorie__naam", "naam"),
            F("hoofdcategorie").asc(nulls_first=True),
            "volgorde",
            "naam",
        )


class Categorie(models.Model):
    """A main category (hoofdcategorie empty) or one of its subcategories: two levels, no deeper."""

    code = models.SlugField(max_length=60, unique=True, help_text="Vaste sleutel, bijv. zwerfvuil-volle-afvalbak")
    naam = models.CharField(max_length=100)
    hoofdcategorie = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subcategorieen",
        limit_choices_to={"hoofdcategorie__isnull": True},
    )
    standaard_partner = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Wie dit soort signalen normaal oppakt (voorgesteld bij doorzetten)",
    )
    afhandeltermijn = models.PositiveSmallIntegerField(
        help_text="Werkdagen (zonder weekend en feestdagen) waarbinnen het signaal is opgepakt"
    )
    beschrijving = models.CharField(max_length=300, blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)
    actief = models.BooleanField(default=True, help_text="Uitgezet: niet meer te kiezen bij nieuwe signalen")

    objects = CategorieQuerySet.as_manager()

    class Meta:
        verbose_name = "categorie"
        verbose_name_plural = "categorieën"
        ordering = ["volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["hoofdcategorie", "naam"], name="categorie_uniek_per_hoofd"),
            models.CheckConstraint(
                condition=Q(afhandeltermijn__gte=1, afhandeltermijn__lte=250), name="categorie_termijn_redelijk"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hoofdcategorie.naam} / {self.naam}" if self.hoofdcategorie is not None else self.naam

    @property
    def hoofd_id(self) -> int:
        return self.hoofdcategorie_id or self.id

    def clean(self):
        if self.hoofdcategorie_id:
            if self.hoofdcategorie_id == self.id:
                raise ValidationError({"hoofdcategorie": "Een categorie kan niet haar eigen hoofdcategorie zijn."})
            if self.hoofdcategorie.hoofdcategorie_id:
                raise ValidationError(
                    {"hoofdcategorie": "Kies een hoofdcategorie: de boom heeft twee niveaus, niet meer."}
                )
            if self.pk and self.subcategorieen.exists():
                raise ValidationError(
                    {"hoofdcategorie": "Deze categorie heeft zelf subcategorieën en kan geen subcategorie worden."}
                )


class TellingQuerySet(models.QuerySet):
    """Reads over count rows: fields wijk, buurt, categorie, bron, maand (first day of the month of the event),
    synthetisch and aantal (what a count sums). Both the trigger-kept aggregate (MaandTelling) and the live
    rows of `Signaal.objects.per_maand()` on a filtered queryset or SQLite (one row per signal) have them."""

    def in_maanden(self, van: str | None = None, tot: str | None = None):
        """Months `van` up to and including `tot` ('YYYY-MM'; None: open-ended)."""
        qs = self
        if van:
            qs = qs.filter(maand__gte=perioden.maand_begin(van))
        if tot:
            qs = qs.filter(maand__lt=perioden.maand_begin(perioden.maand_verschuif(tot, 1)))
        return qs

    def met_hoofd(self, *, op: str = "code"):
        """`hoofd`: the main category's code (or id, `op="id"`); a main category is its own."""
        if op == "id":
            return self.annotate(hoofd=Coalesce("categorie__hoofdcategorie_id", "categorie_id"))
        return self.annotate(hoofd=Coalesce("categorie__hoofdcategorie__code", "categorie__code"))

    def per(self, *velden: str):
        """The number of signals grouped by `velden`: tuples (*velden, n), in no particular order."""
        return self.values_list(*velden).annotate(n=Sum("aantal")).order_by()

    def per_gebied(
        self, *, niveau: str, maand_van: str | None = None, maand_tot: str | None = None, categorieen=None
    ) -> list[dict]:
        """Counts per gemeente, wijk or buurt, month of the event and main category, with how many of them
        are synthetic (one grouped query). Months are 'YYYY-MM'."""
        veld = {codes.GEMEENTE: "wijk__ouder__code", codes.WIJK: "wijk__code", codes.BUURT: "buurt__code"}[niveau]
        qs = self.filter(buurt__isnull=False) if niveau == codes.BUURT else self
        qs = qs.in_maanden(maand_van, maand_tot).met_hoofd()
        if categorieen:
            qs = qs.filter(hoofd__in=list(categorieen))
        rijen = (
            qs.values_list(veld, "maand", "hoofd")
            .annotate(n=Sum("aantal"), s=Coalesce(Sum("aantal", filter=Q(synthetisch=True)), 0))
            .order_by(veld, "maand", "hoofd")
        )
        return [
            {"gebied": code, "maand": perioden.maand_van(maand), "categorie": hoofd, "aantal": n, "synthetisch": s}
            for code, maand, hoofd, n, s in rijen
        ]


class SignaalQuerySet(TellingQuerySet):
    def telbaar(self, *, met_synthetisch: bool = True):
        """The signals that count: not cancelled, not a duplicate (a group counts once); without the
        synthetic demo signals when asked."""
        qs = self.filter(duplicaat_van__isnull=True).exclude(status=Status.GEANNULEERD)
        return qs if met_synthetisch else qs.filter(synthetisch=False)

    def per_maand(self, *, met_synthetisch: bool = True):
        """The count rows every signal count reads (see TellingQuerySet): the one home of counting signals
        per month. For all signals on PostgreSQL: the monthly aggregate MaandTelling, kept by a trigger (the
        fast path: 1M signals take 0.3-0.5 s to count, the aggregate a fraction of that). For a filtered
        queryset, or on SQLite (no trigger), the countable signals themselves, one row per signal with
        `aantal` 1, so every reader works on both and gets the same numbers."""
        if connection.vendor == "postgresql" and not self.query.where:
            qs = MaandTelling.objects.all()
        else:
            een = Value(1, output_field=IntegerField())
            qs = self.telbaar().annotate(maand=TruncMonth("datum_voorval"), aantal=een)
        return qs if met_synthetisch else qs.filter(synthetisch=False)

    def open(self):
        return self.filter(status__in=OPEN)

    def zichtbaar_voor(self, toegang):
        from .regels import signalen_filter

        voorwaarde = signalen_filter(toegang)
        if not voorwaarde:
            return self
        # The partner rule joins the escalations; a signal escalated twice to the same partner (one closed,
        # one open) must still be one row, so the rule is applied in a subquery rather than as a join.
        return self.filter(pk__in=Signaal.objects.filter(voorwaarde).values("pk"))

    def met_lijstgegevens(self, *, vandaag=None):
        """What a worklist row shows, in the one query of the page: category, wijk, buurt, open and
        overdue escalations, and the duplicate group (number of signals, residents)."""
        vandaag = vandaag or timezone.localdate()
        open_esc = Escalatie.objects.filter(signaal=OuterRef("pk"), status__in=ESCALATIE_OPEN)
        groep = (
            Signaal.objects.filter(duplicaat_van=OuterRef("pk"))
            .order_by()
            .values("duplicaat_van")
            .annotate(n=models.Count("id"), b=Sum("aantal_bewoners"))
        )
        return self.select_related("categorie", "categorie__hoofdcategorie", "wijk", "buurt").annotate(
            open_escalaties=Coalesce(
                Subquery(open_esc.order_by().values("signaal").annotate(n=models.Count("id")).values("n")),
                Value(0),
            ),
            escalatie_te_laat=Exists(open_esc.filter(streefdatum__lt=vandaag)),
            aantal_duplicaten=Coalesce(Subquery(groep.values("n")), Value(0)),
            bewoners_groep=F("aantal_bewoners") + Coalesce(Subquery(groep.values("b")), Value(0)),
        )

    def te_laat(self, *, vandaag=None):
        """Open signals past their own handling term, or with an open escalation past its due date."""
        vandaag = vandaag or timezone.localdate()
        esc = Escalatie.objects.filter(signaal=OuterRef("pk"), status__in=ESCALATIE_OPEN, streefdatum__lt=vandaag)
        return self.filter(status__in=OPEN).filter(Q(streefdatum__lt=vandaag) | Exists(esc))


class Signaal(models.Model):
    omschrijving = models.CharField(max_length=OMSCHRIJVING_MAX)
    categorie = models.ForeignKey(Categorie, on_delete=models.PROTECT, related_name="signalen")
    bron = models.CharField(max_length=16, choices=Bron.choices)
    aantal_bewoners = models.PositiveIntegerField(default=1, help_text="Hoeveel bewoners dit aankaartten")
    datum_voorval = models.DateField(help_text="Datum van het voorval (niet in de toekomst)")

    # Location: an address text and/or a point; the buurt follows from the point, the wijk from the buurt's code.
    adres = models.CharField(max_length=200, blank=True)
    lon = models.FloatField(null=True, blank=True, help_text="Lengtegraad WGS84")
    lat = models.FloatField(null=True, blank=True, help_text="Breedtegraad WGS84")
    buurt = models.ForeignKey(Gebied, null=True, blank=True, on_delete=models.PROTECT, related_name="signalen_in_buurt")
    wijk = models.ForeignKey(Gebied, on_delete=models.PROTECT, related_name="signalen_in_wijk")
    grens_jaar = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Jaar van de buurtgrenzen waarmee het punt is ingedeeld"
    )

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.GEMELD)
    versie = models.PositiveIntegerField(
        default=1, help_text="Verhoogd bij elke wijziging (optimistische vergrendeling)"
    )
    streefdatum = models.DateField(help_text="Gemeld plus de afhandeltermijn van de categorie, in werkdagen")
    gemeld_op = models.DateTimeField(default=timezone.now, db_index=True)
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    afgesloten_op = models.DateTimeField(null=True, blank=True)
    duplicaat_van = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicaten"
    )

    # Personal data of the reporter: optional, shown only to roles allowed to, blanked after the retention term.
    melder_naam = models.CharField(max_length=150, blank=True)
    melder_telefoon = models.CharField(max_length=30, blank=True)
    melder_email = models.EmailField(blank=True)
    melder_toestemming = models.BooleanField(
        default=False, help_text="De melder wil de uitkomst per e-mail horen (issue 13: terugkoppeling)"
    )
    geanonimiseerd_op = models.DateTimeField(null=True, blank=True)

    synthetisch = models.BooleanField(
        default=False, help_text="Gegenereerde demo-data, geen echte melding van een bewoner"
    )

    objects = SignaalQuerySet.as_manager()

    # Set on the rows of the API's queryset (signalen/api.py: annotations and a Prefetch to_attr), not columns.
    api_escalaties: list["Escalatie"]
    aantal_duplicaten: int
    bewoners_groep: int

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        ordering = ["-gemeld_op", "-id"]
        indexes = [
            models.Index(fields=["wijk", "status"], name="signaal_wijk_status"),
            models.Index(fields=["buurt", "categorie", "datum_voorval"], name="signaal_buurt_cat_datum"),
            models.Index(fields=["categorie", "status", "gemeld_op"], name="signaal_cat_status_gemeld"),
            # The dashboards count groups once: only signals that are not a duplicate.
            models.Index(
                fields=["wijk", "datum_voorval"],
                name="signaal_wijk_datum_uniek",
                condition=Q(duplicaat_van__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(lon__isnull=True, lat__isnull=True) | Q(lon__isnull=False, lat__isnull=False),
                name="signaal_lon_lat_samen",
            ),
            models.CheckConstraint(
                condition=Q(lon__isnull=True) | Q(buurt__isnull=False, grens_jaar__isnull=False),
                name="signaal_punt_heeft_buurt",
            ),
            models.CheckConstraint(condition=Q(aantal_bewoners__gte=1), name="signaal_minstens_een_bewoner"),
            models.CheckConstraint(condition=~Q(omschrijving=""), name="signaal_omschrijving_verplicht"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="signaal_status_geldig"),
            models.CheckConstraint(condition=Q(bron__in=Bron.values), name="signaal_bron_geldig"),
            models.CheckConstraint(condition=~Q(duplicaat_van=F("id")), name="signaal_niet_eigen_duplicaat"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.categorie} in {self.wijk.weergavenaam}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def heeft_persoonsgegevens(self) -> bool:
        return bool(self.melder_naam or self.melder_telefoon or self.melder_email)

    def is_te_laat(self, vandaag=None) -> bool:
        return self.is_open and self.streefdatum < (vandaag or timezone.localdate())

    def clean(self):
        """A new signal's rules that the database cannot check: how many residents, and an event date between
        2000 and the day it was logged. Judged once, when the signal is logged (neither changes afterwards)."""
        if not self._state.adding:
            return
        fouten: dict[str, list[str]] = {}
        if self.aantal_bewoners is None or not 1 <= self.aantal_bewoners <= MAX_BEWONERS:
            fouten["aantal_bewoners"] = [f"Aantal bewoners moet een geheel getal van 1 tot en met {MAX_BEWONERS} zijn."]
        if self.datum_voorval is not None:
            vandaag = timezone.localdate(self.gemeld_op)
            if self.datum_voorval > vandaag:
                fouten["datum_voorval"] = [
                    f"De datum van het voorval ({self.datum_voorval:%d-%m-%Y}) ligt in de toekomst; "
                    f"vandaag is {vandaag:%d-%m-%Y}."
                ]
            elif self.datum_voorval.year < 2000:
                fouten["datum_voorval"] = ["De datum van het voorval ligt vóór 2000; klopt het jaar?"]
        if fouten:
            raise ValidationError(fouten)


class Escalatie(models.Model):
    """A signal passed to one partner: what is asked, by when, the partner's own reference and status."""

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="escalaties")
    partner = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="escalaties",
        limit_choices_to={"soort__in": [Organisatie.Soort.PARTNER, Organisatie.Soort.GEMEENTE]},
    )
    gevraagde_actie = models.CharField(max_length=1000)
    werkdagen = models.PositiveSmallIntegerField(help_text="Termijn in werkdagen")
    streefdatum = models.DateField()
    referentie_partner = models.CharField(max_length=100, blank=True, help_text="Het zaaknummer bij de partner")
    status = models.CharField(max_length=16, choices=EscalatieStatus.choices, default=EscalatieStatus.VERSTUURD)
    versie = models.PositiveIntegerField(default=1)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    afgerond_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "escalatie"
        verbose_name_plural = "escalaties"
        ordering = ["aangemaakt_op", "id"]
        indexes = [models.Index(fields=["partner", "status", "streefdatum"], name="escalatie_partner_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["signaal", "partner"],
                condition=Q(status__in=ESCALATIE_OPEN),
                name="escalatie_een_open_per_partner",
            ),
            models.CheckConstraint(condition=Q(status__in=EscalatieStatus.values), name="escalatie_status_geldig"),
        ]

    def __str__(self) -> str:
        return f"Signaal #{self.signaal_id} → {self.partner} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in ESCALATIE_OPEN

    def is_te_laat(self, vandaag=None) -> bool:
        return self.is_open and self.streefdatum < (vandaag or timezone.localdate())

    def clean(self):
        if self._state.adding and (self.werkdagen is None or not 1 <= self.werkdagen <= MAX_WERKDAGEN):
            raise ValidationError(
                {"werkdagen": [f"De termijn is een geheel aantal werkdagen van 1 tot {MAX_WERKDAGEN}."]}
            )


class HistorieQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("De historie van signalen wordt alleen aangevuld, nooit gewijzigd.")

    def notitie_redigeren(self, pk: int, notitie: str) -> None:
        """The one change history allows: a note with a reporter's personal data in it is redacted at the end
        of the retention term (signalen.anonimiseren.persoonsgegevens_verwijderen), which writes a history row
        saying so. Nothing else of the row changes."""
        models.QuerySet.update(self.filter(pk=pk), notitie=notitie)

    def delete(self):
        raise TypeError("De historie van signalen wordt alleen aangevuld, nooit verwijderd.")


class Historie(models.Model):
    """Append-only: every change of a signal or one of its escalations, who made it and why."""

    class Soort(models.TextChoices):
        STATUS = "status", "Status signaal"
        ESCALATIE = "escalatie", "Escalatie"
        DUPLICAAT = "duplicaat", "Duplicaat"
        ANONIMISERING = "anonimisering", "Persoonsgegevens verwijderd"

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="historie")
    escalatie = models.ForeignKey(Escalatie, null=True, blank=True, on_delete=models.CASCADE, related_name="historie")
    soort = models.CharField(max_length=16, choices=Soort.choices)
    tijdstip = models.DateTimeField(default=timezone.now)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    door_naam = models.CharField(max_length=150, help_text="Wie (bewaard ook als het account verdwijnt); 'systeem'")
    van = models.CharField(max_length=16, blank=True)
    naar = models.CharField(max_length=16, blank=True)
    notitie = models.TextField(blank=True)

    objects = HistorieQuerySet.as_manager()

    class Meta:
        verbose_name = "historieregel"
        verbose_name_plural = "historie"
        ordering = ["tijdstip", "id"]

    def __str__(self) -> str:
        return f"#{self.signaal_id} {self.tijdstip:%Y-%m-%d %H:%M} {self.van or '—'} → {self.naar} ({self.door_naam})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("De historie van signalen wordt alleen aangevuld, nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("De historie van signalen wordt alleen aangevuld, nooit verwijderd.")

    def status_label(self, waarde: str) -> str:
        tabel = EscalatieStatus if self.escalatie_id else Status
        try:
            return str(tabel(waarde).label)
        except ValueError:
            return waarde

    @property
    def van_label(self) -> str:
        return self.status_label(self.van) if self.van else ""

    @property
    def naar_label(self) -> str:
        return self.status_label(self.naar) if self.naar else ""


class MaandTelling(models.Model):
    """How many signals count (not cancelled, not a duplicate) per wijk, buurt, category, source, month of
    the event and synthetic flag: the aggregate behind every signal count.

    Kept up to date by a PostgreSQL trigger on the signal table (migration 0003), so that every write
    (the services, bulk updates, the admin, a raw UPDATE, a delete) changes it in the same transaction;
    `tests/signalen/test_aggregaat.py` checks it against a recount after each kind of write. Counting
    1M signals per wijk and month takes 0.3-0.5 s; reading this table takes a fraction of that
    (bench/RESULTS.md). Never written by the application itself."""

    wijk = models.ForeignKey(Gebied, on_delete=models.CASCADE, related_name="+", db_index=False)
    buurt = models.ForeignKey(Gebied, null=True, on_delete=models.CASCADE, related_name="+", db_index=False)
    categorie = models.ForeignKey(Categorie, on_delete=models.CASCADE, related_name="+", db_index=False)
    bron = models.CharField(max_length=16)
    maand = models.DateField(help_text="De eerste dag van de maand van het voorval")
    synthetisch = models.BooleanField()
    aantal = models.PositiveIntegerField()

    objects = TellingQuerySet.as_manager()  # read through Signaal.objects.per_maand()

    class Meta:
        verbose_name = "signalen per maand (aggregaat)"
        verbose_name_plural = "signalen per maand (aggregaat)"
        constraints = [
            models.UniqueConstraint(
                fields=["wijk", "buurt", "categorie", "bron", "maand", "synthetisch"],
                name="maandtelling_uniek",
                nulls_distinct=False,
            ),
        ]
        indexes = [models.Index(fields=["maand", "wijk"], name="maandtelling_maand_wijk")]

    def __str__(self) -> str:
        return f"{self.wijk_id}/{self.buurt_id} {self.maand:%Y-%m} {self.categorie_id} {self.bron}: {self.aantal}"


# Feedback to the reporter (issue 13) lives in its own module; imported here so Django registers the models.
from .modellen_terugkoppeling import Antwoord, Antwoordlink, Terugkoppeling, Uitlegsjabloon  # noqa: E402, F401
