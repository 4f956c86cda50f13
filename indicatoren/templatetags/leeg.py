"""{% laad_uitleg titel uitleg %}: the empty state of includes/leeg.html with the CBS and partner load paths,
for pages whose view has no empty state of its own (the texts come from indicatoren/leeg.py)."""

from django import template
from django.conf import settings

from ..leeg import Leeg, cbs_laden, kwb_laden, partner_laden

register = template.Library()


@register.inclusion_tag("includes/leeg.html", takes_context=True)
def laad_uitleg(context, titel: str, uitleg: str):
    code = settings.GEMEENTE_CODE
    return {
        "leeg": Leeg(titel, uitleg, (cbs_laden(code), kwb_laden(code), partner_laden())),
        "user": context.get("user"),
    }
