"""Public pages of the residents' voice (issue 13): the ledger and open concerns on the public wijk page,
"ik ook" with its confirmation link, and taking part in a herkenning round. No log-in; no personal data or
residents' free text is ever shown (a herkenning comment is only read internally)."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from signalen.models import Categorie
from toegang.regels import ANONIEM
from wijken import codes

from .. import herkenning, resultaten, steun
from ..models import Herkenningsronde, Oordeel, Opgave, Participatieniveau


def wijkstem(gebied) -> dict:
    """What the public wijk page adds (issue 13): the published ledger, open concerns with their support and
    decisions, and the herkenning rounds of the area. Queries: see resultaten.grootboek and steun.open_zorgen;
    rounds (1)."""
    context = {"rondes": list(Herkenningsronde.objects.filter(gebied=gebied).order_by("-geopend_op", "-id"))}
    if gebied.niveau != codes.WIJK:
        return context
    regels = resultaten.grootboek(gebied, toegang=ANONIEM, vandaag=timezone.localdate(), openbaar=True)
    besluiten = steun.besluiten_voor(gebied)
    return {
        **context,
        "regels": regels,
        "tabel": resultaten.grootboek_tabel(regels, gebied),
        "zorgen": steun.open_zorgen(gebied, besluiten=besluiten),
        "drempel": steun.drempel_van(gebied.id),
        "besluiten": [b for b in besluiten if b.besloten_op],
        "stem": True,
    }


@require_POST
@login_not_required
def ik_ook(request, code: str):
    from .openbaar import _openbaar_gebied_of_404  # openbaar imports this module for its wijk page

    wijk = _openbaar_gebied_of_404(code)
    if wijk.niveau != codes.WIJK:
        raise Http404("'Ik ook' kan bij een wijk.")
    soort, _, pk = (request.POST.get("onderwerp") or "").partition("-")
    opgave = categorie = None
    if soort == "opgave" and pk.isdigit():
        opgave = Opgave.objects.select_related("resultaat").filter(pk=int(pk), wijk=wijk).first()
    elif soort == "categorie" and pk.isdigit():
        categorie = Categorie.objects.filter(pk=int(pk), hoofdcategorie__isnull=True).first()
    if opgave is None and categorie is None:
        return render(request, "wijkagenda/ik_ook.html", {"wijk": wijk, "fout": "Onbekend onderwerp."}, status=400)
    try:
        steun.steun_aanvragen(wijk=wijk, email=request.POST.get("email", ""), opgave=opgave, categorie=categorie)
    except ValidationError as fout:
        return render(request, "wijkagenda/ik_ook.html", {"wijk": wijk, "fout": " ".join(fout.messages)}, status=400)
    # The same answer whether or not this address supported before: it reveals nobody's support.
    return render(request, "wijkagenda/ik_ook.html", {"wijk": wijk, "aangevraagd": True})


@never_cache
@login_not_required
def ik_ook_bevestigen(request, token: str):
    """GET shows a button (a mail scanner opening the link confirms nothing); POST confirms once."""
    s, fout = steun.steun_bekijken(token)
    if request.method == "POST" and not fout:
        try:
            s = steun.steun_bevestigen(token=token)
        except steun.SteunlinkOngeldig as exc:
            fout = " ".join(exc.messages)
        else:
            return render(request, "wijkagenda/ik_ook.html", {"wijk": s.wijk, "bevestigd": True})
    return render(
        request,
        "wijkagenda/ik_ook.html",
        {"wijk": s.wijk if s else None, "steun": s, "fout": fout, "bevestigen": not fout},
        status=410 if fout else 200,
    )


@login_not_required
def ronde(request, pk: int):
    """A herkenning round: the statements with their results (from MIN_REACTIES on), the form while it is open,
    "wat doen we ermee" once published. Queries: round + area (1), results (1)."""
    r = get_object_or_404(Herkenningsronde.objects.select_related("gebied"), pk=pk)
    fouten, bedankt, oordelen = {}, False, {}
    if request.method == "POST":
        oordelen = {s["sleutel"]: request.POST.get(f"o-{s['sleutel']}", "") for s in r.stellingen}
        opmerkingen = {s["sleutel"]: request.POST.get(f"m-{s['sleutel']}", "") for s in r.stellingen}
        try:
            herkenning.reageren(ronde_id=r.pk, oordelen=oordelen, opmerkingen=opmerkingen, door=request.user)
        except ValidationError as fout:
            fouten = fout.message_dict
        else:
            bedankt, oordelen = True, {}
    return render(
        request,
        "wijkagenda/ronde_openbaar.html",
        {
            "ronde": r,
            "uitslag": herkenning.uitslag(r),
            "oordelen": Oordeel.choices,
            "gekozen": oordelen,
            "fouten": fouten,
            "algemeen": fouten.get("__all__", []),
            "bedankt": bedankt,
            "min_reacties": herkenning.MIN_REACTIES,
            "niveaus": Participatieniveau,
            "vandaag": timezone.localdate(),
        },
        status=400 if fouten else 200,
    )
