"""Who may do what with the statistics themselves (the per-app rules, as in wijkagenda/regels.py)."""

from toegang.models import Rol
from toegang.regels import Toegang


def mag_gegevensoverzicht_zien(toegang: Toegang) -> bool:
    """The overview of every dataset (also internal and partner ones) and its load state: beheerders only."""
    return toegang.rol == Rol.BEHEERDER
