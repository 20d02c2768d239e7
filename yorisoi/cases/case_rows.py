"""The rows of the case list, written out in Python once per page.

The template engine costs microseconds per variable and per loop turn, and far more per method it
calls: ``get_absolute_url`` reverses a URL, ``get_status_display`` rebuilds the dict of choices, a
date went through ``date_format``. Fifty rows of six cells were most of the page's time, and the
page cost more than Django admin's whole changelist. Here each row is worked out from the case
(``CaseRow``) and written as one ``<tr>`` with ``format_html`` (every value escaped); the template
around the table stays a template.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from yorisoi.cases.models import Case, CaseStatus
from yorisoi.cases.row_urls import RowUrls
from yorisoi.core.templatetags.staff_format import day_in

NO_CONTACT = "—"


@dataclass(frozen=True, slots=True)
class CaseRow:
    label: str  # C-0042
    url: str  # the case page, or "" when the reader may not open it (a clerk)
    person: str  # the person's name, or that none is registered yet
    status: str
    staff: str  # 主担当 / 副担当
    registered_on: str
    last_contact_on: str  # NO_CONTACT when never contacted

    @property
    def html(self) -> SafeString:
        label = format_html('<a href="{}">{}</a>', self.url, self.label) if self.url else self.label
        return format_html(
            "<tr>\n    <td>{}</td>\n    <td>{}</td>\n    <td>{}</td>\n    <td>{}</td>\n"
            "    <td>{}</td>\n    <td>{}</td>\n  </tr>\n",
            label,
            self.person,
            self.status,
            self.staff,
            self.registered_on,
            self.last_contact_on,
        )


def case_rows(cases: list[Case], *, linked: bool) -> list[CaseRow]:
    """The rows of ``cases`` (read with ``selectors.case_row_columns()``), links only when ``linked``."""
    if not cases:
        return []
    statuses = {value: str(label) for value, label in CaseStatus.choices}
    unregistered = _("（本人未登録・家族相談）")
    year = timezone.localdate().year
    urls = RowUrls()
    rows = []
    for case in cases:
        staff = case.primary_staff.name_for_display
        if case.secondary_staff_id:
            staff = f"{staff} / {case.secondary_staff.name_for_display}"
        rows.append(
            CaseRow(
                label=case.label,
                url=urls(case) if linked else "",
                person=case.client.display_name if case.client_id else unregistered,
                status=statuses.get(case.status, case.status),
                staff=staff,
                registered_on=day_in(case.registered_on, year),
                last_contact_on=day_in(case.last_contact_on, year) or NO_CONTACT,
            )
        )
    return rows
