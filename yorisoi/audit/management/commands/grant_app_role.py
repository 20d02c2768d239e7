"""Grant the PostgreSQL role the application runs as: everything it needs, only INSERT/SELECT on the log."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from yorisoi.audit.db_guard import grant_app_role


class Command(BaseCommand):
    help = "PostgreSQL: grant ROLE what the application needs; on the access log only INSERT and SELECT."

    def add_arguments(self, parser):
        parser.add_argument("role")

    def handle(self, *args, role, **options):
        if connection.vendor != "postgresql":
            raise CommandError("only PostgreSQL has separate roles; SQLite needs nothing")
        grant_app_role(connection, role)
        self.stdout.write(f"granted {role}: all tables, and only SELECT/INSERT on the access log")
