"""The installation's identity, so a backup can say which installation it came from."""

import uuid

from django.db import models


class Installation(models.Model):
    """One row, created by the first migration: the id a backup carries and a restore checks."""

    installation_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "設置情報"

    def __str__(self):
        return f"installation:{self.installation_id}"


def current_installation_id() -> str:
    """This installation's id (created on first use if a database predates the migration's row)."""
    row = Installation.objects.order_by("id").first() or Installation.objects.create()
    return str(row.installation_id)
