"""Who may ask for, and decide, a membership grant in a program."""

from django.db.models import QuerySet

from yorisoi.programs.models import Membership, Program, Role


def programs_managed_by(user) -> QuerySet:
    """The programs whose staff ``user`` may manage: all for a system admin, else where they are manager."""
    if getattr(user, "is_system_admin", False) and user.is_active:
        return Program.objects.all()
    managed = Membership.objects.filter(user=user, role=Role.MANAGER, is_active=True).values("program_id")
    return Program.objects.filter(pk__in=managed)


def may_manage(user, program) -> bool:
    return programs_managed_by(user).filter(pk=program.pk).exists()


def may_decide(user, grant) -> bool:
    """Another manager of the program or another system admin: never the asker, never the grantee."""
    return user.pk not in (grant.requested_by_id, grant.user_id) and may_manage(user, grant.program)
