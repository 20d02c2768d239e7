"""The private calendar feed (outside login: the token is the key)."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django_scopes import scopes_disabled

from yorisoi.appointments.models import BUSY_STATUSES, Appointment, AppointmentStatus, StaffCalendar
from yorisoi.programs.models import Membership, Program
from yorisoi.programs.permissions import PERSON_DATA_ROLES

FEED_PAST_DAYS = 31
FEED_FUTURE_DAYS = 183


def feed_owner(*, token_hash: str):
    """The staff member whose feed this is, or None for an unknown or revoked token."""
    calendar = StaffCalendar.objects.filter(feed_token_hash=token_hash).select_related("user").first()
    if calendar is None or not calendar.user.is_active:
        return None
    return calendar.user


def feed_appointments(*, user) -> tuple[list[Appointment], list[Program]]:
    """The staff member's own appointments in every program where they may still see persons.

    Runs outside any request scope (the feed has no session), so the program filter is explicit:
    a membership ended or turned into a role without person data drops that program from the feed.
    """
    programs = [
        m.program
        for m in Membership.objects.filter(
            user=user, is_active=True, role__in=PERSON_DATA_ROLES
        ).select_related("program")
    ]
    now = timezone.now()
    with scopes_disabled():
        rows = list(
            Appointment.objects.filter(
                program__in=[p.pk for p in programs],
                starts_at__gte=now - datetime.timedelta(days=FEED_PAST_DAYS),
                starts_at__lt=now + datetime.timedelta(days=FEED_FUTURE_DAYS),
                status__in=[*BUSY_STATUSES, AppointmentStatus.CANCELLED],
            )
            .filter(Q(staff=user) | Q(second_staff=user))
            .select_related("case", "place", "program")
            .order_by("starts_at", "id")
        )
    return rows, programs
