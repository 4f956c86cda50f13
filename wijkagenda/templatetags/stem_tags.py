"""The herkenning hook of the wijkanalyse page (issue 13): its rounds and, for the regisseur, "open a round".
A tag, so the analysis view itself needs no change: 1 query."""

from django import template
from django.utils import timezone

from toegang.regels import toegang_van

from ..herkenning import mag_ronde_beheren
from ..models import Herkenningsronde

register = template.Library()


@register.inclusion_tag("wijkagenda/_herkenning_hook.html", takes_context=True)
def herkenningsrondes(context, gebied):
    toegang = toegang_van(context["request"].user)
    rondes = list(Herkenningsronde.objects.filter(gebied=gebied).order_by("-geopend_op", "-id"))
    return {
        "gebied": gebied,
        "rondes": rondes,
        "mag_openen": mag_ronde_beheren(toegang, gebied) and not any(r.is_open for r in rondes),
        "vandaag": timezone.localdate(),
    }
