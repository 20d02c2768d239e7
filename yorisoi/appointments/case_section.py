"""The appointments section of the case page: what is booked next, and where to book more."""

from django.utils.translation import gettext_lazy as _

from yorisoi.appointments import selectors
from yorisoi.cases import case_page


def _context(rows, actor, request) -> dict:
    return {"case": rows.case, "appointments": rows["appointments"].upcoming, "title": _("予約")}


def register() -> None:
    case_page.register_rows("appointments", selectors.case_appointments)
    case_page.register_section(
        case_page.CaseSection(
            key="appointments", template="appointments/case_section.html", context=_context, order=40
        )
    )
    case_page.register_timeline_source(
        case_page.TimelineSource("appointment", _("予約"), selectors.timeline_entries)
    )
    case_page.register_registration_date(selectors.initial_consultation_day)
