"""Writes of the subscriptions app: one function per use case (keyword-only, validated, atomic).

Mail goes through the outbox (`berichten.services.bericht_versturen`): written in the same transaction,
sent after the commit, never twice for the same key.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from signalen.models import Categorie
from toegang.models import Rol
from toegang.regels import toegang_van
from wijken.models import Gebied, Niveau

from .models import GEBEURTENISSEN, HERINNERINGEN, OPENBAAR, Abonnement, Ontvanger, Ritme, Soort, nieuw_token

# Sensible defaults per role: (kinds, rhythm, the portfolio as areas?).
STANDAARD: dict[str, list[tuple[list[Soort], Ritme, bool]]] = {
    Rol.STADSDEELREGISSEUR: [
        ([Soort.NIEUW_SIGNAAL, Soort.TE_LAAT], Ritme.DAGELIJKS, True),
        ([Soort.TE_LAAT_LIJST], Ritme.DAGELIJKS, True),
    ],
    Rol.PARTNER: [
        ([Soort.ESCALATIE], Ritme.DIRECT, False),
        ([Soort.TE_LAAT], Ritme.DAGELIJKS, False),
        ([Soort.HERINNERING], Ritme.DAGELIJKS, False),
    ],
    Rol.BELEIDSMEDEWERKER: [([Soort.EDITIE], Ritme.WEKELIJKS, False)],
    Rol.BEHEERDER: [],
}


def soorten_voor(rol: str | None) -> list[str]:
    """The kinds of event a role can usefully subscribe to (a partner never sees new signals that were not
    escalated to it; a resident follows public figures only)."""
    if rol is None:
        return list(OPENBAAR)
    if rol == Rol.PARTNER:
        return [Soort.ESCALATIE, Soort.TE_LAAT, Soort.STATUS, Soort.AGENDA, Soort.EDITIE, Soort.HERINNERING]
    if rol == Rol.STADSDEELREGISSEUR:
        return [*GEBEURTENISSEN, Soort.TE_LAAT_LIJST]
    return list(GEBEURTENISSEN)


def ontvanger_van(gebruiker) -> Ontvanger:
    ontvanger, _ = Ontvanger.objects.get_or_create(gebruiker=gebruiker, defaults={"bevestigd_op": timezone.now()})
    return ontvanger


def standaard_zetten(*, gebruiker, opnieuw: bool = False) -> list[Abonnement]:
    """The role's default subscriptions, once per user (a user who removed them keeps them removed), or
    again on request (`opnieuw`: the earlier defaults are replaced). Once set, a single read."""
    if not opnieuw and Ontvanger.objects.filter(gebruiker=gebruiker, standaard_gezet_op__isnull=False).exists():
        return []
    return _standaard_zetten(gebruiker=gebruiker, opnieuw=opnieuw)


@transaction.atomic
def _standaard_zetten(*, gebruiker, opnieuw: bool) -> list[Abonnement]:
    ontvanger = Ontvanger.objects.select_for_update().filter(pk=ontvanger_van(gebruiker).pk).get()
    if ontvanger.standaard_gezet_op is not None and not opnieuw:
        return []
    toegang = toegang_van(gebruiker)
    if opnieuw:
        ontvanger.abonnementen.filter(standaard=True).delete()
    nieuw = []
    for soorten, ritme, portefeuille in STANDAARD.get(toegang.rol, []) if toegang.rol is not None else []:
        abonnement = Abonnement.objects.create(ontvanger=ontvanger, soorten=list(soorten), ritme=ritme, standaard=True)
        if portefeuille and toegang.portefeuille:
            abonnement.gebieden.set(toegang.portefeuille)
        nieuw.append(abonnement)
    ontvanger.standaard_gezet_op = timezone.now()
    ontvanger.save(update_fields=["standaard_gezet_op"])
    return nieuw


def standaard_voor_iedereen() -> int:
    """Defaults for every user with a role who has none yet (run before each digest: a new
    stadsdeelregisseur gets the morning digest without visiting any page)."""
    from toegang.models import Account

    nieuw = 0
    zonder = Account.objects.exclude(gebruiker__ontvanger__standaard_gezet_op__isnull=False).select_related("gebruiker")
    for account in zonder.filter(gebruiker__is_active=True):
        nieuw += len(standaard_zetten(gebruiker=account.gebruiker))
    return nieuw


def _controleer(*, soorten, ritme, gebied_ids, categorie_ids, toegestaan) -> tuple[list, list, list]:
    fouten: dict[str, list[str]] = {}
    soorten = list(dict.fromkeys(soorten or []))
    if not soorten:
        fouten["soorten"] = ["Kies minstens één soort melding."]
    elif onbekend := [s for s in soorten if s not in toegestaan]:
        fouten["soorten"] = [f"Deze soort kunt u niet volgen: {', '.join(map(str, onbekend))}."]
    if ritme not in Ritme.values:
        fouten["ritme"] = ["Kies direct, dagelijks of wekelijks."]
    gebieden = list(Gebied.objects.filter(pk__in=list(gebied_ids or []), niveau__in=[Niveau.WIJK, Niveau.BUURT]))
    if len(gebieden) != len(set(gebied_ids or [])):
        fouten["gebieden"] = ["Kies wijken of buurten uit de lijst."]
    categorieen = list(Categorie.objects.filter(pk__in=list(categorie_ids or []), hoofdcategorie__isnull=True))
    if len(categorieen) != len(set(categorie_ids or [])):
        fouten["categorieen"] = ["Kies hoofdcategorieën uit de lijst."]
    if fouten:
        raise ValidationError(fouten)
    return soorten, gebieden, categorieen


@transaction.atomic
def abonnement_aanmaken(*, gebruiker, soorten, ritme: str, gebied_ids=(), categorie_ids=()) -> Abonnement:
    toegang = toegang_van(gebruiker)
    soorten, gebieden, categorieen = _controleer(
        soorten=soorten,
        ritme=ritme,
        gebied_ids=gebied_ids,
        categorie_ids=categorie_ids,
        toegestaan=soorten_voor(toegang.rol),
    )
    ontvanger = ontvanger_van(gebruiker)
    if ontvanger.standaard_gezet_op is None:  # choosing yourself counts as having seen the defaults
        ontvanger.standaard_gezet_op = timezone.now()
        ontvanger.save(update_fields=["standaard_gezet_op"])
    abonnement = Abonnement(ontvanger=ontvanger, soorten=soorten, ritme=ritme)
    abonnement.full_clean()
    abonnement.save()
    abonnement.gebieden.set(gebieden)
    abonnement.categorieen.set(categorieen)
    return abonnement


@transaction.atomic
def abonnement_verwijderen(*, gebruiker, abonnement_id) -> None:
    aantal, _ = Abonnement.objects.filter(pk=abonnement_id, ontvanger__gebruiker=gebruiker).delete()
    if not aantal:
        raise ValidationError("Dit abonnement bestaat niet (meer).")


@transaction.atomic
def afmelden(*, token: str) -> Abonnement | None:
    """The unsubscribe link of a mail: turns that subscription off. Works once: a link already used, or
    unknown, returns None. No log-in: the token is the proof."""
    abonnement = (
        Abonnement.objects.select_for_update().filter(afmeld_token=token, afgemeld_op__isnull=True).first()
        if token
        else None
    )
    if abonnement is None:
        return None
    abonnement.afgemeld_op = timezone.now()
    abonnement.save(update_fields=["afgemeld_op"])
    return abonnement


# --- residents -------------------------------------------------------------------------------------------


@transaction.atomic
def bewoner_aanmelden(*, email: str, wijk: Gebied) -> None:
    """A resident follows a wijk's public figures: a confirmation mail first (nothing else is sent until
    the address is confirmed). The answer is the same whether the address was known or not."""
    from berichten.services import bericht_versturen, portaal_url

    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": ["Vul een geldig e-mailadres in."]}) from exc
    if wijk.niveau != Niveau.WIJK:
        raise ValidationError({"wijk": ["Volgen kan per wijk."]})
    ontvanger, _ = Ontvanger.objects.select_for_update().get_or_create(gebruiker=None, email=email)
    if not ontvanger.abonnementen.actief().filter(gebieden=wijk).exists():
        abonnement = Abonnement.objects.create(ontvanger=ontvanger, soorten=list(OPENBAAR), ritme=Ritme.WEKELIJKS)
        abonnement.gebieden.set([wijk])
    if ontvanger.bevestigd_op is not None:
        return
    ontvanger.bevestig_token = nieuw_token()
    ontvanger.save(update_fields=["bevestig_token"])
    bericht_versturen(
        aan=email,
        onderwerp=f"Bevestig: cijfers van {wijk.weergavenaam} volgen",
        sjabloon="abonnementen/bevestigen",
        context={
            "wijk": wijk.weergavenaam,
            "link": portaal_url(f"/abonnementen/bevestigen/{ontvanger.bevestig_token}/"),
        },
        sleutel=f"bevestigen-{ontvanger.pk}-{ontvanger.bevestig_token[:16]}",
    )


@transaction.atomic
def bevestigen(*, token: str) -> Ontvanger | None:
    """The confirmation link: works once (the token is spent), no log-in."""
    ontvanger = Ontvanger.objects.select_for_update().filter(bevestig_token=token).first() if token else None
    if ontvanger is None:
        return None
    ontvanger.bevestigd_op = ontvanger.bevestigd_op or timezone.now()
    ontvanger.bevestig_token = None
    ontvanger.save(update_fields=["bevestigd_op", "bevestig_token"])
    return ontvanger


__all__ = [
    "HERINNERINGEN",
    "STANDAARD",
    "abonnement_aanmaken",
    "abonnement_verwijderen",
    "afmelden",
    "bevestigen",
    "bewoner_aanmelden",
    "ontvanger_van",
    "soorten_voor",
    "standaard_voor_iedereen",
    "standaard_zetten",
]
