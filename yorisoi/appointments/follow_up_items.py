"""The actor's follow-ups (次の連絡予定日) on their days in the calendar and 自分の週.

``cases.follow_ups`` answers which promised contacts are due (records' and referrals' sources);
this puts them in the calendar registry. Each item names the case or inquiry by its number only,
and carries it as the subject so the page's access-log entry names whom it showed.
"""

import datetime

from yorisoi.appointments.calendar_sources import CalendarItem
from yorisoi.cases.follow_ups import follow_ups_due


def follow_ups_source(*, actor, start: datetime.date, end: datetime.date) -> list[CalendarItem]:
    return [
        CalendarItem(
            start=follow_up.due_on,
            end=None,
            title=f"{follow_up.audit_subject.audit_label} {follow_up.title}",
            url=follow_up.url,
            kind="連絡予定",
            subject=follow_up.audit_subject,
        )
        for follow_up in follow_ups_due(actor=actor, start=start, end=end)
    ]
