# The monthly aggregate of signal counts and the trigger that keeps it equal to a recount on every write.

from django.db import migrations, models
import django.db.models.deletion

TELT = "{r}.duplicaat_van_id IS NULL AND {r}.status <> 'geannuleerd'"
SLEUTEL = "{r}.wijk_id, {r}.buurt_id, {r}.categorie_id, {r}.bron, date_trunc('month', {r}.datum_voorval)::date, {r}.synthetisch"

TRIGGER = f"""
CREATE OR REPLACE FUNCTION signalen_maandtelling_wijzig(
    p_wijk bigint, p_buurt bigint, p_categorie bigint, p_bron text, p_maand date, p_synthetisch boolean, p_delta integer
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF p_delta > 0 THEN
        INSERT INTO signalen_maandtelling (wijk_id, buurt_id, categorie_id, bron, maand, synthetisch, aantal)
        VALUES (p_wijk, p_buurt, p_categorie, p_bron, p_maand, p_synthetisch, p_delta)
        ON CONFLICT (wijk_id, buurt_id, categorie_id, bron, maand, synthetisch)
        DO UPDATE SET aantal = signalen_maandtelling.aantal + EXCLUDED.aantal;
    ELSIF p_buurt IS NULL THEN
        UPDATE signalen_maandtelling SET aantal = aantal + p_delta
        WHERE wijk_id = p_wijk AND buurt_id IS NULL AND categorie_id = p_categorie AND bron = p_bron
          AND maand = p_maand AND synthetisch = p_synthetisch;
        DELETE FROM signalen_maandtelling
        WHERE wijk_id = p_wijk AND buurt_id IS NULL AND categorie_id = p_categorie AND bron = p_bron
          AND maand = p_maand AND synthetisch = p_synthetisch AND aantal = 0;
    ELSE
        UPDATE signalen_maandtelling SET aantal = aantal + p_delta
        WHERE wijk_id = p_wijk AND buurt_id = p_buurt AND categorie_id = p_categorie AND bron = p_bron
          AND maand = p_maand AND synthetisch = p_synthetisch;
        DELETE FROM signalen_maandtelling
        WHERE wijk_id = p_wijk AND buurt_id = p_buurt AND categorie_id = p_categorie AND bron = p_bron
          AND maand = p_maand AND synthetisch = p_synthetisch AND aantal = 0;
    END IF;
END $$;

CREATE OR REPLACE FUNCTION signalen_maandtelling_bij() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    oud_telt boolean := false;
    nieuw_telt boolean := false;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        oud_telt := {TELT.format(r="OLD")};
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        nieuw_telt := {TELT.format(r="NEW")};
    END IF;
    IF TG_OP = 'UPDATE' AND oud_telt = nieuw_telt
       AND (NOT oud_telt OR ROW({SLEUTEL.format(r="OLD")}) IS NOT DISTINCT FROM ROW({SLEUTEL.format(r="NEW")})) THEN
        RETURN NULL;  -- nothing that is counted changed (a note, a due date, the version, ...)
    END IF;
    IF oud_telt THEN
        PERFORM signalen_maandtelling_wijzig({SLEUTEL.format(r="OLD")}, -1);
    END IF;
    IF nieuw_telt THEN
        PERFORM signalen_maandtelling_wijzig({SLEUTEL.format(r="NEW")}, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER signalen_maandtelling_bij
AFTER INSERT OR UPDATE OR DELETE ON signalen_signaal
FOR EACH ROW EXECUTE FUNCTION signalen_maandtelling_bij();

INSERT INTO signalen_maandtelling (wijk_id, buurt_id, categorie_id, bron, maand, synthetisch, aantal)
SELECT {SLEUTEL.format(r="s")}, count(*)
FROM signalen_signaal s WHERE {TELT.format(r="s")}
GROUP BY {SLEUTEL.format(r="s")};
"""

ZONDER_TRIGGER = """
DROP TRIGGER IF EXISTS signalen_maandtelling_bij ON signalen_signaal;
DROP FUNCTION IF EXISTS signalen_maandtelling_bij();
DROP FUNCTION IF EXISTS signalen_maandtelling_wijzig(bigint, bigint, bigint, text, date, boolean, integer);
"""


def trigger_aan(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":  # elsewhere (SQLite) the readers count directly
        schema_editor.execute(TRIGGER)


def trigger_uit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ZONDER_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [
        ("signalen", "0002_categorieen"),
        ("wijken", "0002_gebiedversie_kaartvorm"),
    ]

    operations = [
        migrations.CreateModel(
            name="MaandTelling",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("bron", models.CharField(max_length=16)),
                ("maand", models.DateField(help_text="De eerste dag van de maand van het voorval")),
                ("synthetisch", models.BooleanField()),
                ("aantal", models.PositiveIntegerField()),
                (
                    "buurt",
                    models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wijken.gebied",
                    ),
                ),
                (
                    "categorie",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="signalen.categorie",
                    ),
                ),
                (
                    "wijk",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wijken.gebied",
                    ),
                ),
            ],
            options={
                "verbose_name": "signalen per maand (aggregaat)",
                "verbose_name_plural": "signalen per maand (aggregaat)",
                "indexes": [models.Index(fields=["maand", "wijk"], name="maandtelling_maand_wijk")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("wijk", "buurt", "categorie", "bron", "maand", "synthetisch"),
                        name="maandtelling_uniek",
                        nulls_distinct=False,
                    )
                ],
            },
        ),
        migrations.RunPython(trigger_aan, trigger_uit),
    ]
