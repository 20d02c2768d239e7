"""Program memberships granted by two people: one asks, another confirms.

Why an app of its own: a grant opens a program's case files, so it must leave an entry in that
program's access log (``audit_record``). ``programs`` owns ``Membership`` but comes before
``audit`` in the import direction (core ← accounts ← programs ← audit ← …) and may not write it;
``accounts`` even less. ``staffing`` sits after ``audit`` and may use both.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorisoi.programs.models import Role


class GrantStatus(models.TextChoices):
    PENDING = "pending", _("確認待ち")
    CONFIRMED = "confirmed", _("承認済み")
    REFUSED = "refused", _("却下")


class MembershipGrant(models.Model):
    """A request that ``user`` work in ``program`` as ``role``; it takes effect when another person confirms.

    The constraints hold the two-person rule in the database too: nobody asks for themselves,
    and neither the one who asked nor the one it is for can decide it.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("職員"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("役割"), max_length=20, choices=Role.choices)
    reason = models.CharField(_("理由"), max_length=200)
    status = models.CharField(
        _("状態"), max_length=12, choices=GrantStatus.choices, default=GrantStatus.PENDING
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("所属の付与")
        verbose_name_plural = _("所属の付与")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(requested_by=F("user")), name="grant_not_for_oneself"),
            models.CheckConstraint(
                condition=~Q(decided_by=F("requested_by")), name="grant_decided_by_another"
            ),
            models.CheckConstraint(condition=~Q(decided_by=F("user")), name="grant_not_decided_by_grantee"),
            models.UniqueConstraint(
                fields=["program", "user"], condition=Q(status="pending"), name="one_pending_grant_per_member"
            ),
        ]

    def __str__(self):
        return f"grant {self.public_id} {self.role}@{self.program_id}:{self.status}"
