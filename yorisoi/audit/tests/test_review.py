"""The manager's monthly review marks unusual reading: outside one's cases, outside hours, many exports."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from yorisoi.audit.services import audit_record
from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import Role


@pytest.fixture
def office_hours(settings):
    settings.YORISOI_REVIEW_WORKING_HOURS = (0, 24)
    settings.YORISOI_REVIEW_WORKING_DAYS = (1, 2, 3, 4, 5, 6, 7)
    return settings


def read(actor, cases):
    with transaction.atomic():
        for case in cases:
            audit_record(actor=actor, action="case.view", target=case)


def review_rows(http, **query):
    return {row.name: row for row in http.get(reverse("audit:review"), query).context["rows"]}


def test_a_staff_member_opening_many_cases_of_others_is_marked(chiba, staff, client_as, office_hours):
    # given a counselor who opened their own case and ten cases assigned to a colleague
    wanderer = staff("chiba", Role.COUNSELOR, display_name="広く見る人")
    steady = staff("chiba", Role.COUNSELOR, display_name="担当だけ見る人")
    own = make_case(program=chiba, actor=wanderer)
    others = [make_case(program=chiba, actor=steady) for _ in range(10)]
    read(wanderer, [own, *others])
    read(steady, others[:2])
    with transaction.atomic():  # a list names no single case: it is not "outside one's cases"
        audit_record(actor=steady, action="case.list", program=chiba, subjects=others)
    # when the manager opens this month's review
    rows = review_rows(client_as(staff("chiba", Role.MANAGER)))
    # then the counselor who read outside their cases is marked, the other is not
    w, s = rows["広く見る人"], rows["担当だけ見る人"]
    assert (w.persons, w.unassigned, w.after_hours, w.exports, w.worth_a_look) == (11, 10, 0, 0, True)
    assert (s.persons, s.unassigned, s.after_hours, s.exports, s.worth_a_look) == (2, 0, 0, 0, False)


def test_reads_outside_working_hours_are_counted(chiba, staff, client_as, settings):
    # given working hours that the present moment lies outside of
    settings.YORISOI_REVIEW_WORKING_HOURS = (0, 0)
    night_owl = staff("chiba", Role.COUNSELOR, display_name="夜に見る人")
    cases = [make_case(program=chiba, actor=night_owl) for _ in range(5)]
    read(night_owl, cases)
    row = review_rows(client_as(staff("chiba", Role.MANAGER)))["夜に見る人"]
    assert (row.after_hours, row.unassigned, row.worth_a_look) == (5, 0, True)


def test_another_month_and_another_program_show_nothing(chiba, urayasu, staff, client_as, office_hours):
    reader = staff("chiba", Role.COUNSELOR, display_name="千葉の人")
    read(reader, [make_case(program=chiba, actor=reader)])
    last_year = (timezone.localdate().replace(day=1).replace(year=timezone.localdate().year - 1)).strftime(
        "%Y-%m"
    )
    assert review_rows(client_as(staff("chiba", Role.MANAGER)), month=last_year) == {}
    assert review_rows(client_as(staff("urayasu", Role.MANAGER))) == {}


def test_a_bad_month_is_a_message_not_an_error(chiba_manager, client_as):
    response = client_as(chiba_manager).get(reverse("audit:review"), {"month": "9999-99"})
    assert response.status_code == 200
    assert "月を「2026-04」の形で入力してください。" in response.content.decode()
