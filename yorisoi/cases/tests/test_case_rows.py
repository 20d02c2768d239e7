"""What a row of the case list shows: the rows are written in Python (cases/case_rows.py)."""

import datetime

import time_machine
from django.urls import reverse

from yorisoi.cases.models import Case
from yorisoi.cases.tests.factories import make_case, make_client
from yorisoi.programs.models import Role


def _row_of(body: str, label: str) -> str:
    start = body.rindex("<tr>", 0, body.index(label))
    return body[start : body.index("</tr>", start) + len("</tr>")]


@time_machine.travel("2026-06-15 12:00 +0900", tick=False)
def test_a_row_shows_the_case_as_the_template_did(programs, staff, client_as):
    # given a case with both staff, a name that looks like markup, never contacted
    chiba = programs["chiba"]
    counselor, colleague = staff("chiba", Role.COUNSELOR), staff("chiba", Role.COUNSELOR)
    person = make_client(program=chiba, actor=counselor, family_name="<b>山田</b>", given_name="花子")
    case = make_case(program=chiba, actor=counselor, client=person, secondary_staff=colleague)
    Case.objects.filter(pk=case.pk).update(registered_on=datetime.date(2025, 4, 10), last_contact_on=None)
    # when the counselor opens the list
    body = client_as(counselor).get(reverse("cases:list")).content.decode()
    # then the row links the case, escapes the name and names both staff
    assert _row_of(body, case.label) == (
        f'<tr>\n    <td><a href="{case.get_absolute_url()}">{case.label}</a></td>\n'
        "    <td>&lt;b&gt;山田&lt;/b&gt; 花子</td>\n    <td>初回相談</td>\n"
        f"    <td>{counselor.name_for_display} / {colleague.name_for_display}</td>\n"
        "    <td>2025年4月10日（木）</td>\n    <td>—</td>\n  </tr>"
    )


def test_a_clerk_sees_the_number_without_a_link_and_an_unnamed_case_says_so(programs, staff, client_as):
    chiba = programs["chiba"]
    counselor, clerk = staff("chiba", Role.COUNSELOR), staff("chiba", Role.CLERK)
    case = make_case(program=chiba, actor=counselor, with_client=False)
    body = client_as(clerk).get(reverse("cases:list")).content.decode()
    row = _row_of(body, case.label)
    assert f"<td>{case.label}</td>" in row and "<a " not in row
    assert "<td>（本人未登録・家族相談）</td>" in row
