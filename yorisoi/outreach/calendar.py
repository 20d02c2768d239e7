"""Event sessions in the program calendar and 自分の週, through the appointments calendar registry.

The registry lets appointments show other apps' items without importing them; this adapter turns
the calendar's inclusive dates into the half-open datetimes ``calendar_items`` reads.
"""

import datetime

from django.utils import timezone

from yorisoi.appointments.calendar_sources import CalendarItem
from yorisoi.outreach.selectors import calendar_items


def event_sessions_source(*, actor, start: datetime.date, end: datetime.date) -> list[CalendarItem]:
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tz)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tz)
    return [
        CalendarItem(start=item.start, end=item.end, title=item.title, url=item.url, kind=item.kind_label)
        for item in calendar_items(actor=actor, start=since, end=until)
    ]
