"""When a program takes appointments, when its staff and rooms are free, and which slots are left.

One rule decides (``rule.judge``); the slot search and the booking service both call it.
"""

from yorisoi.appointments.availability.clock import (
    MAX_SEARCH_DAYS,
    ROOM_KINDS,
    at,
    day_closed_reason,
    local_tz,
    padding,
    scheduling_settings,
    with_hours,
)
from yorisoi.appointments.availability.rule import BookingError, BookingSlot, ConflictError, Verdict, judge
from yorisoi.appointments.availability.slots import DayAvailability, Slot, free_slots
from yorisoi.appointments.availability.snapshot import Snapshot, load

__all__ = [
    "MAX_SEARCH_DAYS",
    "ROOM_KINDS",
    "BookingError",
    "BookingSlot",
    "ConflictError",
    "DayAvailability",
    "Slot",
    "Snapshot",
    "Verdict",
    "at",
    "day_closed_reason",
    "free_slots",
    "judge",
    "load",
    "local_tz",
    "padding",
    "scheduling_settings",
    "with_hours",
]
