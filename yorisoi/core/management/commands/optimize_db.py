from django.core.management.base import BaseCommand
from django.db import connection

from yorisoi.core.db_statistics import statistics_refresh


class Command(BaseCommand):
    help = (
        "Refresh the query planner's statistics (ANALYZE) by hand. Imports and the demo seed do it "
        "themselves, and SQLite connections run PRAGMA optimize as they close."
    )

    def handle(self, *args, **options):
        statistics_refresh()
        self.stdout.write(self.style.SUCCESS(f"ANALYZE done on {connection.vendor}"))
