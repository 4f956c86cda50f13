"""The reporter's answer page (public, reached through the single-use link in the e-mail) and the staff page
that catches generic replies. Thin: rules and writes in signalen.terugkoppeling."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from toegang.regels import toegang_van

from .. import terugkoppeling
from ..models import Antwoord
from ..regels import mag_signaalcijfers_zien


@never_cache
@login_not_required
def antwoord(request, token: str):
    """GET shows the question (a mail scanner opening the link changes nothing); POST answers it once.
    Shows the category and wijk of the signal, never its description or the reporter's details."""
    if request.method == "POST":
        keuze = request.POST.get("antwoord", "")
        try:
            link = terugkoppeling.antwoord_geven(token=token, antwoord=keuze)
        except terugkoppeling.LinkOngeldig as fout:
            return _pagina(request, None, fout=" ".join(fout.messages), status=410)
        except ValidationError:
            stand = terugkoppeling.link_bekijken(token)
            return _pagina(request, stand.link, fout="Kies ja of nee.", status=400)
        return _pagina(request, link, klaar=True)
    stand = terugkoppeling.link_bekijken(token)
    return _pagina(request, stand.link, fout=stand.fout, status=410 if stand.fout else 200)


def _pagina(request, link, *, fout="", klaar=False, status=200):
    signaal = link.terugkoppeling.signaal if link is not None else None
    return render(
        request,
        "signalen/antwoord.html",
        {
            "link": link,
            "categorie": signaal.categorie if signaal else None,
            "wijk": signaal.wijk.weergavenaam if signaal else "",
            "uitleg": link.terugkoppeling.uitleg if link is not None and not fout else "",
            "fout": fout,
            "klaar": klaar,
            "nee": Antwoord.NEE,
            "ja": Antwoord.JA,
        },
        status=status,
    )


def cijfers(request):
    """Per partner and main category: the share of closures with a text another closure also used, and the
    share of "nee" answers. Medewerkers only. Queries: session, user, account, repeated texts, groups."""
    if not mag_signaalcijfers_zien(toegang_van(request.user)):
        raise PermissionDenied("Alleen medewerkers van de gemeente zien deze cijfers.")
    rijen = terugkoppeling.terugkoppelcijfers()
    return render(
        request,
        "signalen/terugkoppeling.html",
        {
            "rijen": rijen,
            "totaal": sum(r.afsluitingen for r in rijen),
            "drempel_gelijk": 0.5,
            "drempel_nee": 0.3,
        },
    )
