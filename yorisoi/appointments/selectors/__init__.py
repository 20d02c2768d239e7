"""Every read the calendar pages need, by sub-domain: scoped to the actor's program, bounded by
dates, related rows fetched up front so a page costs the same queries however much it shows."""

from yorisoi.appointments.selectors.booking import (
    appointment_get,
    appointment_history,
    case_by_number,
    case_for_booking,
    consultants,
    initial_consultation_day,
    inquiry_for_booking,
    open_inquiries,
    places,
    rooms,
    rooms_of,
)
from yorisoi.appointments.selectors.calendar import (
    CalendarDay,
    appointments_between,
    booked_count_on,
    calendar_days,
    follow_up_get,
    follow_ups_open,
)
from yorisoi.appointments.selectors.case_rows import CaseAppointments, case_appointments, timeline_entries
from yorisoi.appointments.selectors.feed import feed_appointments, feed_owner
from yorisoi.appointments.selectors.reminders import tomorrow
from yorisoi.appointments.selectors.schedules import (
    absence_get,
    absences,
    automatic_closures,
    closure_get,
    closures_upcoming,
    staff_calendar,
    workday_get,
    workdays,
)
from yorisoi.appointments.selectors.series import series_get, series_occurrences

__all__ = [
    "CalendarDay",
    "CaseAppointments",
    "absence_get",
    "absences",
    "appointment_get",
    "appointment_history",
    "appointments_between",
    "automatic_closures",
    "booked_count_on",
    "calendar_days",
    "case_appointments",
    "case_by_number",
    "case_for_booking",
    "closure_get",
    "closures_upcoming",
    "consultants",
    "feed_appointments",
    "feed_owner",
    "follow_up_get",
    "follow_ups_open",
    "initial_consultation_day",
    "inquiry_for_booking",
    "open_inquiries",
    "places",
    "rooms",
    "rooms_of",
    "series_get",
    "series_occurrences",
    "staff_calendar",
    "timeline_entries",
    "tomorrow",
    "workday_get",
    "workdays",
]
