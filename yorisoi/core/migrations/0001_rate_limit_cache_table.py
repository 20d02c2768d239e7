"""The shared cache table the rate limits count in (settings.CACHES["ratelimit"]).

``createcachetable`` makes every database cache's table that is missing, so ``migrate`` (and so
``make run`` and the test database) always has it; running it again changes nothing.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
