import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("indicatoren", "0005_datasets_vullen")]

    operations = [
        migrations.AlterField(
            model_name="indicator",
            name="dataset",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="indicatoren", to="indicatoren.dataset"
            ),
        ),
    ]
