from django import template

from ..teksten import getoond_tekst

register = template.Library()


@register.filter
def getal(getoond, decimalen=0):
    """A shown value in Dutch notation (with 'voorlopig' where it applies), or its status text."""
    tekst = getoond_tekst(getoond, int(decimalen or 0))
    if getoond is not None and getoond.waarde is not None and getoond.tekst.startswith(" ("):
        tekst += getoond.tekst
    return tekst
