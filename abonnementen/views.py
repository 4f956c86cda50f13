"""Pages: a user's own subscriptions and notifications, residents following a wijk, the links in mails,
and the beheerder's view of the job queue. Views stay thin: the services write, the selectors read."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from taken.models import Taak
from toegang.regels import toegang_van
from wijken.models import Gebied, Niveau

from . import services, wachtrij
from .forms import AbonnementForm, VolgenForm
from .models import Abonnement, Digest, Ontvanger
from .versturen import te_laat_bij_partners


def _form(request, toegang, data=None):
    return AbonnementForm(data, soorten=services.soorten_voor(toegang.rol), gemeente_code=settings.GEMEENTE_CODE)


@require_http_methods(["GET", "POST"])
def mijn_abonnementen(request):
    """Queries: session, user, account + portfolio, recipient, (defaults on the first visit only),
    subscriptions with their areas and categories; the form's areas and categories."""
    toegang = toegang_van(request.user)
    if toegang.rol is None:
        raise PermissionDenied("Abonnementen zijn er voor accounts met een rol.")
    services.standaard_zetten(gebruiker=request.user)  # once; a no-op afterwards
    form = _form(request, toegang)
    if request.method == "POST":
        actie = request.POST.get("actie")
        try:
            if actie == "verwijderen":
                services.abonnement_verwijderen(gebruiker=request.user, abonnement_id=request.POST.get("abonnement"))
                messages.success(request, "Het abonnement is verwijderd.")
                return redirect("abonnementen:mijn")
            if actie == "standaard":
                services.standaard_zetten(gebruiker=request.user, opnieuw=True)
                messages.success(request, "De standaardabonnementen van uw rol staan er weer.")
                return redirect("abonnementen:mijn")
            form = _form(request, toegang, request.POST)
            if form.is_valid():
                services.abonnement_aanmaken(
                    gebruiker=request.user,
                    soorten=form.cleaned_data["soorten"],
                    ritme=form.cleaned_data["ritme"],
                    gebied_ids=[g.pk for g in form.cleaned_data["gebieden"]],
                    categorie_ids=[c.pk for c in form.cleaned_data["categorieen"]],
                )
                messages.success(request, "Het abonnement is toegevoegd.")
                return redirect("abonnementen:mijn")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    abonnementen = Abonnement.objects.filter(ontvanger__gebruiker=request.user).actief().met_alles()
    return render(
        request,
        "abonnementen/mijn_abonnementen.html",
        {"abonnementen": list(abonnementen), "form": form, "heeft_adres": bool(request.user.email)},
    )


def mijn_meldingen(request):
    """What was sent to me, my background jobs, and (staff) the escalations overdue at partners.
    Queries: session, user, account + portfolio, digests with their items, jobs, overdue escalations."""
    toegang = toegang_van(request.user)
    digests = (
        Digest.objects.filter(ontvanger__gebruiker=request.user)
        .prefetch_related("items")
        .order_by("-verzonden_op", "-id")[:20]
    )
    te_laat = None
    if toegang.is_medewerker:
        wijken = toegang.portefeuille or None
        te_laat = list(te_laat_bij_partners(wijk_ids=wijken)[:200])
    return render(
        request,
        "abonnementen/mijn_meldingen.html",
        {
            "digests": list(digests),
            "taken": list(Taak.objects.filter(gestart_door=request.user).recent()[:20]),
            "te_laat": te_laat,
            "portefeuille": bool(toegang.portefeuille),
        },
    )


def wachtrij_overzicht(request):
    """Beheerders: the queue's state (mode, broker, waiting messages), recent jobs and failures."""
    if toegang_van(request.user).rol != "beheerder":
        raise PermissionDenied("Alleen voor beheerders.")
    return render(request, "abonnementen/wachtrij.html", wachtrij.overzicht())


# --- residents and the links in mails (no log-in) ---------------------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def volgen(request, code: str):
    wijk = get_object_or_404(Gebied, code=code.upper(), niveau=Niveau.WIJK)
    form = VolgenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if wachtrij.te_vaak(request, "volgen"):
            form.add_error(None, "Te veel aanmeldingen vanaf dit adres; probeer het over een uur opnieuw.")
        else:
            try:
                services.bewoner_aanmelden(email=form.cleaned_data["email"], wijk=wijk)
            except ValidationError as exc:
                form.add_error("email", " ".join(exc.messages))
            else:
                return render(request, "abonnementen/volgen_verstuurd.html", {"wijk": wijk})
    return render(request, "abonnementen/volgen.html", {"wijk": wijk, "form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def bevestigen(request, token: str):
    """GET shows one button (a mail scanner opening the link confirms nothing); POST confirms, once."""
    if not Ontvanger.objects.filter(bevestig_token=token).exists():
        return render(request, "abonnementen/link_gebruikt.html", {"wat": "bevestigingslink"}, status=410)
    if request.method == "POST":
        services.bevestigen(token=token)
        return render(request, "abonnementen/bevestigd.html")
    return render(request, "abonnementen/bevestigen.html", {"token": token})


@csrf_exempt  # the token is the proof; mail programs post here directly (one-click, RFC 8058)
@login_not_required
@require_http_methods(["GET", "POST"])
def afmelden(request, token: str):
    abonnement = (
        Abonnement.objects.filter(afmeld_token=token, afgemeld_op__isnull=True)
        .prefetch_related(Prefetch("gebieden", queryset=Gebied.objects.only("id", "naam", "code")))
        .first()
    )
    if abonnement is None:
        return render(request, "abonnementen/link_gebruikt.html", {"wat": "afmeldlink"}, status=410)
    if request.method == "POST":
        if services.afmelden(token=token) is None:
            raise Http404
        return render(request, "abonnementen/afgemeld.html", {"abonnement": abonnement})
    return render(request, "abonnementen/afmelden.html", {"abonnement": abonnement, "token": token})
