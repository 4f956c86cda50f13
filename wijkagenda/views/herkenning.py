"""Internal pages of a herkenning round (issue 13, item 4): opening one on the draft analysis of a wijk or
buurt, and following it: results with comments (internal), "wat doen we ermee" to close it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from toegang.regels import toegang_van

from .. import herkenning, lezen
from ..forms_stem import AfrondForm, RondeForm
from ..models import Herkenningsronde


def nieuw(request, code: str):
    gebied = lezen.analyseerbaar_gebied_of_404(code)
    toegang = toegang_van(request.user)
    if not herkenning.mag_ronde_beheren(toegang, gebied):
        raise PermissionDenied(f"Alleen de stadsdeelregisseur van {gebied.weergavenaam} opent een herkenningsronde.")
    stellingen = herkenning.stellingen_van_analyse(gebied, toegang, vandaag=timezone.localdate())
    form = RondeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            ronde = herkenning.ronde_openen(
                door=request.user,
                gebied=gebied,
                niveau=form.cleaned_data["niveau"],
                terugkoppeldatum=form.cleaned_data["terugkoppeldatum"],
                stellingen=stellingen,
            )
        except ValidationError as fout:
            for veld, lijst in fout.message_dict.items():
                form.add_error(veld if veld in form.fields else None, lijst)
            status = 400
        else:
            messages.success(request, "De herkenningsronde is geopend. Deel de openbare link met bewoners en partners.")
            return redirect("wijkagenda:ronde", code=gebied.code, pk=ronde.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "wijkagenda/ronde_nieuw.html",
        {"gebied": gebied, "form": form, "stellingen": stellingen},
        status=status,
    )


def ronde(request, code: str, pk: int):
    """Queries: session, user, account; gebied; round; results; comments."""
    gebied = lezen.analyseerbaar_gebied_of_404(code)
    toegang = toegang_van(request.user)
    if not toegang.is_medewerker:
        raise PermissionDenied("De reacties van een herkenningsronde zijn voor medewerkers van de gemeente.")
    r = get_object_or_404(Herkenningsronde, pk=pk, gebied=gebied)
    mag = herkenning.mag_ronde_beheren(toegang, gebied)
    form = AfrondForm(request.POST or None)
    if request.method == "POST":
        if not mag:
            raise PermissionDenied("Alleen de stadsdeelregisseur van deze wijk (of een beheerder) rondt een ronde af.")
        form.is_valid()
        try:
            herkenning.ronde_afronden(
                door=request.user, ronde_id=r.pk, wat_doen_we_ermee=form.cleaned_data.get("wat_doen_we_ermee", "")
            )
        except ValidationError as fout:
            for veld, lijst in fout.message_dict.items():
                form.add_error(veld if veld in form.fields else None, lijst)
        else:
            messages.success(request, "'Wat doen we ermee' is gepubliceerd; de ronde is gesloten.")
            return redirect("wijkagenda:ronde", code=gebied.code, pk=r.pk)
    opmerkingen: dict[str, list[str]] = {}
    for stelling, tekst in (
        r.reacties.exclude(opmerking="").order_by("aangemaakt_op").values_list("stelling", "opmerking")
    ):
        opmerkingen.setdefault(stelling, []).append(tekst)
    return render(
        request,
        "wijkagenda/ronde.html",
        {
            "gebied": gebied,
            "ronde": r,
            "uitslag": [(u, opmerkingen.get(u.sleutel, [])) for u in herkenning.uitslag(r)],
            "min_reacties": herkenning.MIN_REACTIES,
            "mag_beheren": mag,
            "form": form,
            "te_laat": r.is_te_laat(timezone.localdate()),
        },
        status=400 if form.errors else 200,
    )
