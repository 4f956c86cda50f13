"""Worklist filters (django-filter). Choices come from lists the view loaded once, and every filter
compares ids or codes, so the page costs the same number of queries whatever is selected."""

import django_filters
from django import forms
from django.db.models import Q

from .models import GESLOTEN, OPEN, Bron, Status


class SignaalFilter(django_filters.FilterSet):
    bereik = django_filters.ChoiceFilter(
        label="Wijken",
        choices=[("portefeuille", "Mijn wijken (portefeuille)"), ("alle", "Alle wijken")],
        method="filter_bereik",
        empty_label=None,
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[("open", "Alle open"), ("gesloten", "Alle gesloten"), *Status.choices],
        method="filter_status",
        empty_label="Alle",
    )
    categorie = django_filters.ChoiceFilter(label="Categorie", method="filter_categorie", empty_label="Alle")
    wijk = django_filters.ChoiceFilter(label="Wijk", field_name="wijk__code", empty_label="Alle")
    buurt = django_filters.ChoiceFilter(label="Buurt", field_name="buurt__code", empty_label="Alle")
    bron = django_filters.ChoiceFilter(label="Bron", choices=Bron.choices, empty_label="Alle")
    te_laat = django_filters.ChoiceFilter(
        label="Termijn",
        choices=[("ja", "Alleen over de termijn")],
        method="filter_te_laat",
        empty_label="Alle",
    )
    van = django_filters.DateFilter(
        label="Voorval vanaf",
        field_name="datum_voorval",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tot = django_filters.DateFilter(
        label="Voorval tot en met",
        field_name="datum_voorval",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    soort = django_filters.ChoiceFilter(
        label="Echt of demo",
        choices=[("echt", "Alleen echte signalen"), ("synthetisch", "Alleen synthetische (demo)")],
        method="filter_soort",
        empty_label="Alle",
    )
    sorteer = django_filters.OrderingFilter(
        label="Sorteren op",
        fields=(
            ("gemeld_op", "gemeld_op"),
            ("datum_voorval", "datum_voorval"),
            ("streefdatum", "streefdatum"),
            ("status", "status"),
            ("wijk__code", "wijk"),
            ("categorie__naam", "categorie"),
            ("bewoners_groep", "bewoners"),
        ),
        field_labels={
            "gemeld_op": "Gemeld (oud → nieuw)",
            "-gemeld_op": "Gemeld (nieuw → oud)",
            "datum_voorval": "Voorval (oud → nieuw)",
            "-datum_voorval": "Voorval (nieuw → oud)",
            "streefdatum": "Streefdatum (eerst)",
            "-streefdatum": "Streefdatum (laatst)",
            "status": "Status (a-z)",
            "-status": "Status (z-a)",
            "wijk": "Wijk (code)",
            "-wijk": "Wijk (code, aflopend)",
            "categorie": "Categorie (a-z)",
            "-categorie": "Categorie (z-a)",
            "bewoners": "Bewoners (weinig → veel)",
            "-bewoners": "Bewoners (veel → weinig)",
        },
        empty_label="Standaard (nieuwste eerst)",
    )

    def __init__(self, *args, toegang, categorieen=(), gebieden=(), vandaag=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.toegang = toegang
        self.vandaag = vandaag
        keuzes = []
        for c in categorieen:
            keuzes.append((str(c.id), c.naam if c.hoofdcategorie_id is None else f"— {c.naam}"))
        self.filters["categorie"].extra["choices"] = keuzes
        self.filters["wijk"].extra["choices"] = [(g.code, g.weergavenaam) for g in gebieden if g.niveau == "wijk"]
        self.filters["buurt"].extra["choices"] = [(g.code, g.weergavenaam) for g in gebieden if g.niveau == "buurt"]
        self.hoofd_van = {c.id: c.hoofdcategorie_id for c in categorieen}
        if not toegang.portefeuille:
            # Only a stadsdeelregisseur has a portfolio to limit the list to.
            del self.filters["bereik"]

    @property
    def portefeuille_actief(self) -> bool:
        if "bereik" not in self.filters:
            return False
        return (self.data.get("bereik") or "portefeuille") == "portefeuille"

    def filter_queryset(self, queryset):
        qs = super().filter_queryset(queryset)
        # The stadsdeelregisseur's wijken by default (the filter's method only runs for a given value).
        if "bereik" in self.filters and not self.data.get("bereik"):
            qs = self.filter_bereik(qs, "bereik", "portefeuille")
        return qs

    def filter_bereik(self, qs, naam, waarde):
        if waarde == "portefeuille":
            return qs.filter(wijk_id__in=self.toegang.portefeuille)
        return qs

    def filter_status(self, qs, naam, waarde):
        if waarde == "open":
            return qs.filter(status__in=OPEN)
        if waarde == "gesloten":
            return qs.filter(status__in=GESLOTEN)
        return qs.filter(status=waarde)

    def filter_categorie(self, qs, naam, waarde):
        pk = int(waarde)
        if self.hoofd_van.get(pk) is None:  # a main category includes its subcategories
            return qs.filter(Q(categorie_id=pk) | Q(categorie__hoofdcategorie_id=pk))
        return qs.filter(categorie_id=pk)

    def filter_te_laat(self, qs, naam, waarde):
        return qs.te_laat(vandaag=self.vandaag) if waarde == "ja" else qs

    def filter_soort(self, qs, naam, waarde):
        return qs.filter(synthetisch=(waarde == "synthetisch"))
