import datetime

from django.db.models import Prefetch

from yorisoi.programs.models import Closure, Membership, Program
from yorisoi.programs.permissions import CONSULTANT_ROLES


def active_memberships_for(*, user) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user, is_active=True, program__isnull=False)
        .select_related("program")
        .order_by("program__display_order", "program_id")
    )


def program_with_calendar(*, program_id: int, today: datetime.date) -> Program:
    """The program with its hours, places, flow and the closures that matter from ``today`` on."""
    return Program.objects.prefetch_related(
        "opening_hours",
        "places",
        "flow_steps",
        Prefetch("closures", queryset=Closure.objects.filter(date__gte=today), to_attr="upcoming_closures"),
    ).get(pk=program_id)


def public_programs() -> list[Program]:
    return list(Program.objects.prefetch_related("opening_hours", "places", "flow_steps").all())


def consultants_of(program: Program):
    """Staff who hold sessions in ``program`` (its active managers and counselors), by username."""
    from yorisoi.accounts.models import User

    return (
        User.objects.filter(
            memberships__program=program,
            memberships__is_active=True,
            memberships__role__in=CONSULTANT_ROLES,
        )
        .distinct()
        .order_by("username")
    )


def members_of(program: Program):
    """Everyone who is or was a member of ``program``, in any role, by username."""
    from yorisoi.accounts.models import User

    return User.objects.filter(memberships__program=program).distinct().order_by("username")
