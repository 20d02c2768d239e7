"""Indexes of 「人を探す」: trigram indexes of the search keys (FTS5 on SQLite, pg_trgm on
PostgreSQL, see cases/search_index.py) and a client's newest case for each hit."""

from django.conf import settings
from django.db import migrations, models

from yorisoi.cases import search_index


def install(apps, schema_editor):
    search_index.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    search_index.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_continuity_search_keys"),
        ("programs", "0004_room"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["program", "client", "-registered_on", "-number"], name="case_program_client_newest"
            ),
        ),
        migrations.RunPython(install, uninstall),
    ]
