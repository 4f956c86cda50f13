""" "Jij zei, wij deden" (issue 13, item 1): what residents raised, what was agreed, what was done, and how the
figures moved, per wijk. The stadsdeelregisseur links signals (one, or a cluster: a main category in a buurt
or the whole wijk) to an opgave and chooses which opgaven are published.

What the public sees is built from counts, opgave titles, actions, owner organisations, dates and the
summary the regisseur wrote: never a signal's description, the reporter's details or a free text of a
resident. The same rows feed the internal page and the CSV export.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from indicatoren.models import Indicator, Waarde
from indicatoren.weergave import toon_waarde
from lib.perioden import maand_van, maand_verschuif
from lib.tabellen import Paginatabel
from signalen.models import Categorie, Signaal
from toegang.regels import ANONIEM, Toegang, toegang_van
from wijken import codes
from wijken.models import Gebied

from . import voortgang
from .models import Actie, ActieStatus, Opgave, Resultaat, SignaalKoppeling, Steun
from .regels import mag_agenda_bewerken

SAMENVATTING_MAX = 2000


def mag_resultaten_beheren(toegang: Toegang, wijk_id: int) -> bool:
    """Link signals, publish results, decide on "ik ook": the stadsdeelregisseur of the wijk, and beheerders."""
    return mag_agenda_bewerken(toegang, wijk_id)


def _controleer(door, wijk_id: int) -> None:
    if not mag_resultaten_beheren(toegang_van(door), wijk_id):
        raise PermissionDenied(
            "Alleen de stadsdeelregisseur van deze wijk (of een beheerder) koppelt signalen, publiceert resultaten "
            "en besluit over steun van bewoners."
        )


# --- writes ----------------------------------------------------------------------------------------------


@transaction.atomic
def signalen_koppelen(
    *,
    door,
    opgave: Opgave,
    signaal: Signaal | None = None,
    categorie: Categorie | None = None,
    buurt: Gebied | None = None,
    vanaf: date | None = None,
) -> SignaalKoppeling:
    """Link one signal, or a cluster (a main category, optionally one buurt, optionally from a date) to an opgave."""
    opgave = Opgave.objects.select_for_update().select_related("wijk").get(pk=opgave.pk)
    _controleer(door, opgave.wijk_id)
    fouten: dict[str, list[str]] = {}
    if (signaal is None) == (categorie is None):
        raise ValidationError({"__all__": ["Kies één signaal, of een categorie (met eventueel een buurt)."]})
    if signaal is not None:
        if signaal.wijk_id != opgave.wijk_id:
            fouten["signaal"] = [f"Signaal #{signaal.pk} ligt niet in {opgave.wijk.weergavenaam}."]
        elif SignaalKoppeling.objects.filter(opgave=opgave, signaal=signaal).exists():
            fouten["signaal"] = [f"Signaal #{signaal.pk} is al aan deze opgave gekoppeld."]
    else:
        assert categorie is not None  # exactly one of signaal/categorie is set (checked above)
        if categorie.hoofdcategorie_id is not None:
            fouten["categorie"] = ["Kies een hoofdcategorie: een cluster omvat al haar subcategorieën."]
        if buurt is not None and (buurt.niveau != codes.BUURT or buurt.ouder_id != opgave.wijk_id):
            fouten["buurt"] = [f"{buurt.weergavenaam} is geen buurt van {opgave.wijk.weergavenaam}."]
        if SignaalKoppeling.objects.filter(opgave=opgave, categorie=categorie, buurt=buurt).exists():
            fouten["categorie"] = ["Dit cluster is al aan deze opgave gekoppeld."]
        if vanaf is not None and vanaf > timezone.localdate():
            fouten["vanaf"] = ["De datum 'vanaf' ligt in de toekomst."]
    if fouten:
        raise ValidationError(fouten)
    koppeling = SignaalKoppeling(
        opgave=opgave,
        signaal=signaal,
        categorie=categorie,
        buurt=buurt,
        vanaf=vanaf if signaal is None else None,
        door=door,
    )
    koppeling.full_clean()
    koppeling.save()
    return koppeling


@transaction.atomic
def koppeling_verwijderen(*, door, koppeling_id: int) -> None:
    koppeling = SignaalKoppeling.objects.select_related("opgave").filter(pk=koppeling_id).first()
    if koppeling is None:
        raise ValidationError({"__all__": [f"Er is geen koppeling met nummer {koppeling_id}."]})
    _controleer(door, koppeling.opgave.wijk_id)
    koppeling.delete()


@transaction.atomic
def resultaat_publiceren(*, door, opgave: Opgave, gepubliceerd: bool, samenvatting: str = "") -> Resultaat:
    """Choose whether an opgave appears in the public "Jij zei, wij deden", with a summary for residents."""
    opgave = Opgave.objects.select_for_update().get(pk=opgave.pk)
    _controleer(door, opgave.wijk_id)
    samenvatting = (samenvatting or "").strip()
    if len(samenvatting) > SAMENVATTING_MAX:
        raise ValidationError({"samenvatting": [f"Maximaal {SAMENVATTING_MAX} tekens ({len(samenvatting)})."]})
    if gepubliceerd and not samenvatting:
        raise ValidationError(
            {"samenvatting": ["Schrijf voor bewoners in een paar zinnen wat er is gedaan; die tekst is openbaar."]}
        )
    resultaat, _ = Resultaat.objects.get_or_create(opgave=opgave)
    resultaat.samenvatting = samenvatting
    resultaat.door = door
    if gepubliceerd and not resultaat.gepubliceerd:
        resultaat.gepubliceerd_op = timezone.now()
    resultaat.gepubliceerd = bool(gepubliceerd)
    resultaat.full_clean()
    resultaat.save()
    return resultaat


# --- reads -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gemeld:
    categorie: str
    aantal: int
    synthetisch: int


@dataclass
class Regel:
    opgave: Opgave
    resultaat: Resultaat | None
    gemeld: list[Gemeld]
    acties: list[Actie]
    indicatoren: list  # voortgang.IndicatorBeweging
    signalen: list  # voortgang.SignaalBeweging, per linked cluster
    koppelingen: list[SignaalKoppeling]
    steun: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def gepubliceerd(self) -> bool:
        return self.resultaat is not None and self.resultaat.gepubliceerd

    @property
    def totaal_gemeld(self) -> int:
        return sum(g.aantal for g in self.gemeld)

    @property
    def afgerond(self) -> int:
        return sum(1 for a in self.acties if a.status == ActieStatus.AFGEROND)


def _hoofd(prefix: str = "") -> Coalesce:
    return Coalesce(f"{prefix}categorie__hoofdcategorie_id", f"{prefix}categorie_id")


def _voorwaarde(koppelingen: list[SignaalKoppeling]) -> Q:
    """The signals of an opgave's links, as one condition on Signaal (annotated with `hoofd`)."""
    q = Q(pk__in=[])
    losse = [k.signaal_id for k in koppelingen if k.signaal_id]
    if losse:
        q |= Q(pk__in=losse)
    for k in koppelingen:
        if k.categorie_id:
            c = Q(hoofd=k.categorie_id)
            if k.buurt_id:
                c &= Q(buurt_id=k.buurt_id)
            if k.vanaf:
                c &= Q(datum_voorval__gte=k.vanaf)
            q |= c
    return q


def grootboek(wijk: Gebied, *, toegang: Toegang, vandaag: date | None = None, openbaar: bool = False) -> list[Regel]:
    """The ledger of a wijk: its opgaven (openbaar: only published ones, indicators of open datasets only) with
    what was raised, agreed and done and how the figures moved.

    Queries (fixed, whatever the number of opgaven): opgaven with their result + 3 prefetches (actions with
    owner, indicators, links); values of the indicators (1, if any); linked signals per main category (1, if
    any links); monthly counts of the linked clusters (1, if any clusters); main categories (1); support (1)."""
    vandaag = vandaag or timezone.localdate()
    lezer = ANONIEM if openbaar else toegang
    qs = Opgave.objects.filter(wijk=wijk).select_related("resultaat", "domein")
    qs = qs.filter(resultaat__gepubliceerd=True) if openbaar else qs.zichtbaar_voor(toegang)
    opgaven = list(
        qs.prefetch_related(
            Prefetch(
                "acties",
                queryset=Actie.objects.exclude(status=ActieStatus.VERVALLEN)
                .select_related("eigenaar")
                .order_by("startdatum", "id"),
                to_attr="ledger_acties",
            ),
            Prefetch(
                "indicatoren",
                queryset=Indicator.objects.zichtbaar_voor(lezer).order_by("domein__volgorde", "volgorde"),
                to_attr="ledger_indicatoren",
            ),
            Prefetch(
                "signaalkoppelingen",
                queryset=SignaalKoppeling.objects.select_related("categorie", "buurt").order_by("id"),
                to_attr="ledger_koppelingen",
            ),
        ).order_by("status", "-geopend_op", "id")
    )
    if not opgaven:
        return []
    reeksen: dict[int, dict] = {}
    indicator_ids = {i.id for o in opgaven for i in o.ledger_indicatoren}
    if indicator_ids:
        for w in (
            Waarde.objects.zichtbaar_voor(lezer)
            .filter(gebied=wijk, indicator_id__in=indicator_ids)
            .select_related("indicator")
        ):
            reeksen.setdefault(w.indicator_id, {})[w.periode] = toon_waarde(w)

    namen = dict(Categorie.objects.filter(hoofdcategorie__isnull=True).values_list("id", "naam"))
    gemeld: dict[int, list[Gemeld]] = {o.pk: [] for o in opgaven}
    met_koppeling = [o for o in opgaven if o.ledger_koppelingen]
    if met_koppeling:
        tellingen = {}
        for o in met_koppeling:
            q = _voorwaarde(o.ledger_koppelingen)
            tellingen[f"n{o.pk}"] = Count("id", filter=q)
            tellingen[f"s{o.pk}"] = Count("id", filter=q & Q(synthetisch=True))
        rijen = (
            Signaal.objects.telbaar()
            .filter(wijk=wijk)
            .annotate(hoofd=_hoofd())
            .values("hoofd")
            .annotate(**tellingen)
            .order_by()
        )
        for r in rijen:
            for o in met_koppeling:
                if r[f"n{o.pk}"]:
                    gemeld[o.pk].append(Gemeld(namen.get(r["hoofd"], "?"), r[f"n{o.pk}"], r[f"s{o.pk}"]))
        for lijst in gemeld.values():
            lijst.sort(key=lambda g: (-g.aantal, g.categorie))

    per_maand: dict[tuple[int, int | None], dict[str, int]] = {}
    clusters = {(k.categorie_id, k.buurt_id) for o in opgaven for k in o.ledger_koppelingen if k.categorie_id}
    if clusters:
        eerste = min(o.geopend_op for o in opgaven)
        van = maand_verschuif(maand_van(eerste), -voortgang.SIGNAAL_MAANDEN_VOOR)
        rijen = (
            Signaal.objects.per_maand()
            .filter(wijk=wijk)
            .in_maanden(van)
            .annotate(hoofd=_hoofd())
            .filter(hoofd__in={c for c, _ in clusters})
            .values_list("hoofd", "buurt_id", "maand")
            .annotate(n=Sum("aantal"))
            .order_by()
        )
        for hoofd, buurt_id, maand, n in rijen:
            m = maand_van(maand)
            for sleutel in ((hoofd, None), (hoofd, buurt_id)):
                if sleutel in clusters:
                    per_maand.setdefault(sleutel, {})
                    per_maand[sleutel][m] = per_maand[sleutel].get(m, 0) + n

    steun = dict(
        Steun.objects.bevestigd()
        .filter(opgave__in=opgaven)
        .values("opgave")
        .annotate(n=Count("id"))
        .values_list("opgave", "n")
        .order_by()
    )
    uit = []
    for o in opgaven:
        signalen = []
        for k in o.ledger_koppelingen:
            if k.categorie_id:
                label = k.categorie.naam + (f" in {k.buurt.weergavenaam}" if k.buurt_id else "")
                signalen.append(
                    voortgang.signaal_beweging(
                        label, per_maand.get((k.categorie_id, k.buurt_id), {}), o.geopend_op, vandaag
                    )
                )
        uit.append(
            Regel(
                opgave=o,
                resultaat=getattr(o, "resultaat", None),
                gemeld=gemeld[o.pk],
                acties=o.ledger_acties,
                indicatoren=[
                    voortgang.indicator_beweging(i, reeksen.get(i.id, {}), o.geopend_op, vandaag)
                    for i in o.ledger_indicatoren
                ],
                signalen=signalen,
                koppelingen=o.ledger_koppelingen,
                steun=steun.get(o.pk, 0),
            )
        )
    return uit


def grootboek_tabel(regels: list[Regel], wijk: Gebied) -> Paginatabel:
    """One row per action (an opgave without actions: one row), for the CSV/XLSX export."""
    kolommen = [
        "opgave",
        "status opgave",
        "geopend",
        "gepubliceerd",
        "wat bewoners aankaartten (signalen per categorie)",
        "signalen gekoppeld",
        "waarvan synthetisch (demo)",
        "actie",
        "eigenaar",
        "start",
        "streefdatum",
        "status actie",
        "cijfers voor en na",
        "ik ook",
    ]
    rijen = []
    for r in regels:
        o = r.opgave
        gemeld = "; ".join(f"{g.categorie}: {g.aantal}" for g in r.gemeld) or "geen signalen gekoppeld"
        trend = "; ".join(
            [f"{b.indicator.naam}: {b.tekst}" for b in r.indicatoren]
            + [
                f"signalen {s.categorie}: {s.voor} in {s.maanden_voor} mnd ervoor, "
                f"{s.sinds} in {s.maanden_sinds} mnd sinds"
                for s in r.signalen
            ]
        )
        basis = [
            o.titel,
            o.get_status_display(),
            o.geopend_op.isoformat(),
            "ja" if r.gepubliceerd else "nee",
            gemeld,
            r.totaal_gemeld,
            sum(g.synthetisch for g in r.gemeld),
        ]
        acties: list[Actie | None] = list(r.acties) or [None]
        for a in acties:
            actie = (
                [
                    a.omschrijving,
                    a.eigenaar.naam,
                    a.startdatum.isoformat(),
                    a.streefdatum.isoformat(),
                    a.get_status_display(),
                ]
                if a
                else ["", "", "", "", ""]
            )
            rijen.append(basis + actie + [trend, r.steun])
    return Paginatabel(
        "resultaten",
        f"Jij zei, wij deden: {wijk.weergavenaam}",
        kolommen,
        rijen,
        f"{len(regels)} opgave{'n' if len(regels) != 1 else ''} in {wijk.weergavenaam}.",
    )
