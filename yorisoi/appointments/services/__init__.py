"""Every write of the calendar, by sub-domain: booking, lifecycle, series, schedules, reminders, feed.

Atomic, audited in the same transaction, one program at a time. Closures are written by the
programs app (``yorisoi.programs.services``).
"""

from yorisoi.appointments.availability import BookingError, BookingSlot, ConflictError
from yorisoi.appointments.services.booking import (
    appointment_book,
    appointment_reschedule,
    decide,
    ensure_staff_of,
)
from yorisoi.appointments.services.feed import feed_token_hash, feed_token_regenerate, feed_token_revoke
from yorisoi.appointments.services.lifecycle import (
    appointment_cancel,
    appointment_hold,
    appointment_no_show,
    consultation_mode_for,
    follow_up_done,
    record_prefill,
    record_url_for,
)
from yorisoi.appointments.services.reminders import send_tomorrows_reminders
from yorisoi.appointments.services.schedules import (
    absence_add,
    absence_remove,
    scheduling_settings_update,
    workday_add,
    workday_remove,
)
from yorisoi.appointments.services.series import (
    series_cancel_from,
    series_create,
    series_dates,
    series_move_from,
)

__all__ = [
    "BookingError",
    "BookingSlot",
    "ConflictError",
    "absence_add",
    "absence_remove",
    "appointment_book",
    "appointment_cancel",
    "appointment_hold",
    "appointment_no_show",
    "appointment_reschedule",
    "consultation_mode_for",
    "decide",
    "ensure_staff_of",
    "feed_token_hash",
    "feed_token_regenerate",
    "feed_token_revoke",
    "follow_up_done",
    "record_prefill",
    "record_url_for",
    "scheduling_settings_update",
    "send_tomorrows_reminders",
    "series_cancel_from",
    "series_create",
    "series_dates",
    "series_move_from",
    "workday_add",
    "workday_remove",
]
