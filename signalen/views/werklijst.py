"""The worklist: the signals this user may see, filtered and paged."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from ..filters import SignaalFilter
from ..models import Categorie, Signaal
from ..regels import mag_signaalcijfers_zien, mag_signalen_melden
from .gedeeld import gebieden, toegang_of_403, zonder

PER_PAGINA = 50


@login_required
def werklijst(request):
    """The signals this user may see; a stadsdeelregisseur's own wijken by default.

    Queries (fixed, whatever the number of signals or the filters): session, user, account and portfolio
    (toegang_van), categories, wijken+buurten (filter choices), count, the page of signals with their
    category, wijk, buurt, open/overdue escalations and duplicate group as annotations."""
    toegang = toegang_of_403(request)
    vandaag = timezone.localdate()
    categorieen = list(Categorie.objects.boom())
    alle_gebieden = gebieden()
    filterset = SignaalFilter(
        request.GET,
        queryset=Signaal.objects.zichtbaar_voor(toegang).met_lijstgegevens(vandaag=vandaag),
        toegang=toegang,
        categorieen=categorieen,
        gebieden=alle_gebieden,
        vandaag=vandaag,
    )
    pagina = Paginator(filterset.qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "signalen/werklijst.html",
        {
            "filter": filterset,
            "pagina": pagina,
            "signalen": list(pagina.object_list),
            "vandaag": vandaag,
            "querystring": zonder(request, "pagina"),
            "mag_melden": mag_signalen_melden(toegang),
            "is_partner": toegang.is_partner,
            "mag_cijfers": mag_signaalcijfers_zien(toegang),
        },
    )
