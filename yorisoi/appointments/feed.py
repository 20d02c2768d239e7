"""The private calendar feed (iCalendar, RFC 5545): a staff member's own appointments, no names.

A title says what and for which case number — 「訪問（ケース C-0123）」 — never who; the place is
the program's place name (a home visit is 「ご自宅（訪問）」, never an address).
"""

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from yorisoi.appointments.models import AppointmentStatus


def title_for(appointment, *, many_programs: bool) -> str:
    whose = (
        _("ケース %(label)s") % {"label": appointment.case.label} if appointment.case_id else _("問い合わせ")
    )
    title = f"{appointment.get_kind_display()}（{whose}）"
    if many_programs:
        title = f"[{appointment.program.short_name}] {title}"
    if appointment.status == AppointmentStatus.CANCELLED:
        title += _("（キャンセル）")
    return title


def ics_for(appointments, *, many_programs: bool, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//yorisoi//appointments feed//JA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("yorisoi の予定"))
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    for appointment in appointments:
        event = Event()
        event.add("uid", f"{appointment.public_id}@yorisoi")
        event.add("dtstamp", appointment.updated_at)
        event.add("dtstart", appointment.starts_at)
        event.add("dtend", appointment.ends_at)
        event.add("summary", title_for(appointment, many_programs=many_programs))
        event.add("location", appointment.place.name)
        event.add("status", "CANCELLED" if appointment.status == AppointmentStatus.CANCELLED else "CONFIRMED")
        event.add("url", base_url.rstrip("/") + appointment.get_absolute_url())
        calendar.add_component(event)
    return calendar.to_ical()
