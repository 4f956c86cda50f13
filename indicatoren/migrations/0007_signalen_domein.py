"""Formerly created the domain and dataset of the signalen figures. Since issue 17 signalen owns them
(signalen/migrations/0004_i17plumb_signalen_domein_en_dataset.py, idempotent): indicatoren knows no
upper app's data. Kept as a no-op so the migration graph of existing databases stays as it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("indicatoren", "0006_dataset_verplicht"), ("toegang", "0002_organisaties")]
    operations = []
