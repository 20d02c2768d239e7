# The 実績報告's record cube (reports/sources.py) reads a period's records from this index alone.

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
                ],
                name="record_report_cube",
            ),
        ),
    ]
