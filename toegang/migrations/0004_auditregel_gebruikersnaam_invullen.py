from django.conf import settings
from django.db import migrations
from django.db.models import OuterRef, Subquery


def naam_overnemen(apps, schema_editor):
    """Existing audit rows get the user name of their account, so deleting an account later keeps it."""
    AuditRegel = apps.get_model("toegang", "AuditRegel")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    AuditRegel.objects.filter(gebruiker__isnull=False, gebruikersnaam="").update(
        gebruikersnaam=Subquery(User.objects.filter(pk=OuterRef("gebruiker_id")).values("username")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("toegang", "0003_auditregel_gebruikersnaam"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(naam_overnemen, migrations.RunPython.noop)]
