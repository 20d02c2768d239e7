from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_access_log_guards(using, **kwargs):
    """After every migrate: re-create the log's triggers (a rebuild drops them); grant the app role."""
    from django.db import connections

    from yorisoi.audit.db_guard import ensure_triggers, grant_app_role_from_settings, installed_table

    connection = connections[using]
    if installed_table(connection):
        ensure_triggers(connection)
        grant_app_role_from_settings(connection)


class AuditConfig(AppConfig):
    name = "yorisoi.audit"
    label = "audit"

    def ready(self):
        post_migrate.connect(_ensure_access_log_guards, sender=self)
