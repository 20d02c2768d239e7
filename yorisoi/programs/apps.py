from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_access_version_triggers(using, **kwargs):
    """After every migrate: (re-)create the triggers that move ``User.access_version`` on."""
    from django.db import connections

    from yorisoi.programs.access_version import ensure_triggers, installed

    connection = connections[using]
    if installed(connection):
        ensure_triggers(connection)


class ProgramsConfig(AppConfig):
    name = "yorisoi.programs"
    label = "programs"

    def ready(self):
        post_migrate.connect(_ensure_access_version_triggers, sender=self)
