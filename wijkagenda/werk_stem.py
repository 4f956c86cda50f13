"""The regisseur's tasks from the residents' voice (issue 13), for the home page worklist: open decisions on
"ik ook" (a concern reached the threshold) and herkenning rounds past their date without "wat doen we ermee"."""

from django.db.models import Q
from django.utils import timezone

from toegang.models import Rol
from toegang.regels import Toegang

from .herkenning import te_laat_voor
from .models import Besluit


def taken(toegang: Toegang, *, vandaag=None) -> dict:
    """2 queries."""
    besluiten = Besluit.objects.open().select_related("wijk", "categorie", "opgave")
    if toegang.rol != Rol.BEHEERDER:
        besluiten = besluiten.filter(Q(wijk_id__in=toegang.portefeuille))
    return {
        "open_besluiten": list(besluiten.order_by("aangemaakt_op", "id")[:20]),
        "rondes_te_laat": list(te_laat_voor(toegang, vandaag=vandaag or timezone.localdate())[:20]),
    }
