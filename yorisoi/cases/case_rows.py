"""What one row of the case list shows, worked out in plain Python once per page.

The template engine costs microseconds per variable, and far more per method it calls:
``get_absolute_url`` reverses a URL, ``get_status_display`` rebuilds the dict of choices, a date
went through ``date_format``. Fifty rows of six cells made that most of the page's time, more than
Django admin's whole changelist. Here each row becomes a few ready strings, and the template only
prints them (escaping them as always).
"""

from dataclasses import dataclass

from yorisoi.cases.models import Case, CaseStatus
from yorisoi.core.templatetags.staff_format import day


@dataclass(frozen=True, slots=True)
class CaseRow:
    label: str  # C-0042
    url: str  # the case page, or "" when the reader may not open it (a clerk)
    person: str | None  # the person's name; None while the case has no person registered
    status: str
    staff: str  # 主担当 / 副担当
    registered_on: str
    last_contact_on: str  # "" when never contacted


def case_rows(cases: list[Case], *, linked: bool) -> list[CaseRow]:
    """The rows of ``cases`` (read with ``selectors.case_row_columns()``), links only when ``linked``."""
    if not cases:
        return []
    statuses = {value: str(label) for value, label in CaseStatus.choices}
    # Every case page's URL differs only by the case's id: reverse one, write the others from it.
    first_id, first_url = str(cases[0].public_id), cases[0].get_absolute_url()
    rows = []
    for case in cases:
        staff = case.primary_staff.name_for_display
        if case.secondary_staff_id:
            staff = f"{staff} / {case.secondary_staff.name_for_display}"
        rows.append(
            CaseRow(
                label=case.label,
                url=first_url.replace(first_id, str(case.public_id)) if linked else "",
                person=case.client.display_name if case.client_id else None,
                status=statuses.get(case.status, case.status),
                staff=staff,
                registered_on=day(case.registered_on),
                last_contact_on=day(case.last_contact_on),
            )
        )
    return rows
