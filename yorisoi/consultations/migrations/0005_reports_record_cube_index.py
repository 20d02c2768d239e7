# The 実績報告's record cube (reports/sources.py) reads a period's records from this index alone
# (the key counted, id, is in it for PostgreSQL; SQLite has the rowid in every index).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("consultations", "0004_continuity")]

    operations = [
        migrations.AddIndex(
            model_name="consultationrecord",
            index=models.Index(
                fields=[
                    "program",
                    "held_on",
                    "mode",
                    "accompaniment_destination",
                    "accompaniment_outcome",
                    "client_present",
                    "agencies_present",
                    "id",  # PostgreSQL reads only the index when the counted key is in it too
                ],
                name="record_report_cube",
            ),
        ),
    ]
