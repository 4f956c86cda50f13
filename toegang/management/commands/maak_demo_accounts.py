import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from toegang.models import Account, Organisatie, Rol
from wijken.models import Gebied

# One account per role, for a demo or a first look. Passwords are random and printed once.
DEMO = [
    ("beheerder", Rol.BEHEERDER, "gemeente-hengelo", [], True),
    ("beleid", Rol.BELEIDSMEDEWERKER, "gemeente-hengelo", [], False),
    ("regisseur", Rol.STADSDEELREGISSEUR, "gemeente-hengelo", ["WK016400", "WK016403", "WK016408"], True),
    ("welbions", Rol.PARTNER, "welbions", [], False),
    ("politie", Rol.PARTNER, "politie", [], False),
]


class Command(BaseCommand):
    help = (
        "Maak voor een demo één account per rol (beheerder, beleid, regisseur, welbions, politie) met een "
        "willekeurig wachtwoord dat één keer wordt getoond. Bestaande accounts blijven ongemoeid, behalve met "
        "--reset: dan krijgen de demo-accounts een nieuw wachtwoord. Alleen met DEBUG=1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="geef bestaande demo-accounts een nieuw (getoond) wachtwoord"
        )

    def handle(self, *args, reset=False, **options):
        if not settings.DEBUG:
            raise CommandError("Demo-accounts alleen in ontwikkeling (DEBUG=1); maak echte accounts in /beheer/.")
        User = get_user_model()
        regels = []
        with transaction.atomic():
            for naam, rol, organisatie, portefeuille, persoonsgegevens in DEMO:
                bestaand = User.objects.filter(username=naam).first()
                if bestaand is not None and not reset:
                    regels.append(f"  {naam:<10} bestaat al; wachtwoord vergeten? Zie hieronder.")
                    continue
                wachtwoord = secrets.token_urlsafe(12)
                if bestaand is not None:
                    bestaand.set_password(wachtwoord)
                    bestaand.save(update_fields=["password"])
                    regels.append(f"  {naam:<10} wachtwoord {wachtwoord}   ({rol.label}; zojuist opnieuw ingesteld)")
                    continue
                gebruiker = User.objects.create_user(
                    username=naam,
                    password=wachtwoord,
                    is_staff=rol == Rol.BEHEERDER,
                    is_superuser=rol == Rol.BEHEERDER,
                )
                account = Account.objects.create(
                    gebruiker=gebruiker,
                    rol=rol,
                    organisatie=Organisatie.objects.get(code=organisatie),
                    mag_persoonsgegevens_zien=persoonsgegevens,
                )
                account.portefeuille.set(Gebied.objects.filter(code__in=portefeuille))
                regels.append(f"  {naam:<10} wachtwoord {wachtwoord}   ({rol.label})")
        self.stdout.write(
            "Demo-accounts (alleen voor ontwikkeling):\n"
            + "\n".join(regels)
            + "\nNieuw wachtwoord: python manage.py maak_demo_accounts --reset (alle demo-accounts) of "
            "python manage.py changepassword NAAM (één account)."
        )
