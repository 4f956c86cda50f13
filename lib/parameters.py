"""Query parameters of pages: a parameter given without a value is an error with a clear message.

`?niveau=` or `?jaar=` used to be read as "not given" and silently became the default: a hand-made or
truncated link then showed something other than was asked. The portal's own forms never send an empty
value for these parameters (their selects have no empty option), so an empty one is always a mistake.
"""

from django.http import HttpResponse
from django.shortcuts import render


def lege_parameters_antwoord(request, namen) -> HttpResponse | None:
    """A 400 page naming the parameters of `namen` that were given empty, or None when there are none."""
    leeg = [n for n in namen if n in request.GET and not any(v.strip() for v in request.GET.getlist(n))]
    if not leeg:
        return None
    namen_tekst = [f"'{n}'" for n in leeg]
    lijst = namen_tekst[0] if len(leeg) == 1 else ", ".join(namen_tekst[:-1]) + " en " + namen_tekst[-1]
    melding = (
        f"De parameter{'s' if len(leeg) > 1 else ''} {lijst} {'zijn' if len(leeg) > 1 else 'is'} leeg in het "
        "adres. Geef een waarde of laat de parameter weg (dan geldt de standaard)."
    )
    # The same question without the empty parameters, as a way on.
    rest = request.GET.copy()
    for naam in leeg:
        rest.pop(naam, None)
    zonder = request.path + (f"?{rest.urlencode()}" if rest else "")
    return render(request, "400.html", {"melding": melding, "zonder": zonder}, status=400)
