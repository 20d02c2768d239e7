"""Allowed status changes of events and registrations."""

from yorisoi.core.transitions import TransitionNotAllowed, TransitionTable  # noqa: F401 (re-exported)
from yorisoi.outreach.models import EventStatus, RegistrationStatus

EVENT_TRANSITIONS: dict[str, frozenset[str]] = {
    EventStatus.DRAFT: frozenset({EventStatus.PUBLISHED, EventStatus.CANCELLED}),
    EventStatus.PUBLISHED: frozenset({EventStatus.CANCELLED}),
    EventStatus.CANCELLED: frozenset(),
}

REGISTRATION_TRANSITIONS: dict[str, frozenset[str]] = {
    RegistrationStatus.CONFIRMED: frozenset({RegistrationStatus.CANCELLED}),
    RegistrationStatus.WAITING: frozenset({RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED}),
    RegistrationStatus.CANCELLED: frozenset(),
}

EVENTS = TransitionTable(EventStatus, EVENT_TRANSITIONS)
REGISTRATIONS = TransitionTable(RegistrationStatus, REGISTRATION_TRANSITIONS)
