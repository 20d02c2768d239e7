"""The calendar pages: flat query counts, own-week only, closures and schedules by managers."""

import datetime

import pytest
from django.urls import reverse

from yorisoi.appointments.models import StaffWorkday
from yorisoi.appointments.tests.factories import make_appointment, next_open_day
from yorisoi.cases.tests.factories import make_case, make_client
from yorisoi.programs.calendar import open_status
from yorisoi.programs.models import Closure, Role


@pytest.mark.parametrize("per_day", [1, 6])
def test_the_week_costs_the_same_queries_however_full_it_is(
    per_day, chiba, staff, client_as, django_assert_num_queries
):
    # given a week with one or six sessions a day for three consultants
    people = [staff("chiba", Role.COUNSELOR) for _ in range(3)]
    monday = next_open_day(chiba, weekday=0)
    for d in range(5):
        day = monday + datetime.timedelta(days=d)
        for i in range(per_day):
            user = people[i % 3]
            case = make_case(program=chiba, actor=user)
            make_appointment(program=chiba, actor=user, case=case, day=day, start=datetime.time(9 + i))
    http = client_as(people[0])
    http.get(reverse("appointments:calendar"))  # warm the session
    # then the page costs a fixed number of queries
    with django_assert_num_queries(15):  # 10, event sessions 1, follow-ups 2, the log chain's link 2
        response = http.get(reverse("appointments:calendar"), {"date": monday.isoformat()})
    assert response.status_code == 200


@pytest.mark.parametrize("view", ["day", "month"])
def test_day_and_month_views_cost_a_fixed_number_of_queries(
    view, chiba, chiba_counselor, client_as, django_assert_num_queries
):
    case = make_case(program=chiba, actor=chiba_counselor)
    day = next_open_day(chiba)
    make_appointment(program=chiba, actor=chiba_counselor, case=case, day=day)
    http = client_as(chiba_counselor)
    http.get(reverse("appointments:calendar"))
    with django_assert_num_queries(15):  # 10, event sessions 1, follow-ups 2, the log chain's link 2
        body = http.get(
            reverse("appointments:calendar"), {"view": view, "date": day.isoformat()}
        ).content.decode()
    assert case.label in body or "予約 1件" in body


def test_my_week_shows_my_appointments_and_not_a_colleagues(chiba, staff, client_as):
    me, colleague = staff("chiba", Role.COUNSELOR), staff("chiba", Role.COUNSELOR)
    day = next_open_day(chiba)
    mine = make_case(program=chiba, actor=me)
    # a name of its own: two generated names can be the same person's name by chance
    theirs = make_case(
        program=chiba,
        actor=colleague,
        client=make_client(program=chiba, actor=colleague, family_name="他担", given_name="当子"),
    )
    make_appointment(program=chiba, actor=me, case=mine, day=day)
    make_appointment(program=chiba, actor=colleague, case=theirs, day=day, start=datetime.time(14))
    body = client_as(me).get(reverse("appointments:my_week"), {"date": day.isoformat()}).content.decode()
    assert mine.label in body
    assert theirs.label not in body
    assert theirs.client.display_name not in body  # full name: a surname alone may sit inside another


def test_a_manager_adds_and_removes_a_closure_and_the_calendar_rule_follows(chiba, chiba_manager, client_as):
    day = next_open_day(chiba)
    case = make_case(program=chiba, actor=chiba_manager)
    make_appointment(program=chiba, actor=chiba_manager, case=case, day=day)
    http = client_as(chiba_manager)
    response = http.post(
        reverse("appointments:closures"), {"date": day.isoformat(), "reason": "職員研修のため"}, follow=True
    )
    body = response.content.decode()
    closure = Closure.objects.get(program=chiba, date=day)
    assert "この日には予約が1件あります。変更かキャンセルをお願いします。" in body
    assert (
        open_status(chiba, datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)).is_open
        is False
    )
    again = http.post(reverse("appointments:closures"), {"date": day.isoformat(), "reason": "重ねて"})
    assert "この日はすでに休業日として登録されています。" in again.content.decode()
    http.post(reverse("appointments:closure_delete", args=[closure.pk]))
    assert not Closure.objects.filter(program=chiba).exists()


def test_a_counselor_cannot_add_a_closure(chiba, chiba_counselor, client_as):
    response = client_as(chiba_counselor).post(
        reverse("appointments:closures"), {"date": "2027-03-03", "reason": "研修"}
    )
    assert response.status_code == 404
    assert not Closure.objects.exists()


def test_a_manager_of_the_other_program_cannot_remove_chibas_closure(chiba, staff, client_as):
    closure = Closure.objects.create(program=chiba, date=datetime.date(2027, 3, 3), reason="研修")
    response = client_as(staff("urayasu", Role.MANAGER)).post(
        reverse("appointments:closure_delete", args=[closure.pk])
    )
    assert response.status_code == 404
    assert Closure.objects.filter(pk=closure.pk).exists()


def test_a_workday_ending_before_it_starts_is_refused_and_kept(chiba, chiba_manager, client_as):
    response = client_as(chiba_manager).post(
        reverse("appointments:workday_add"),
        {
            "workday-user": chiba_manager.pk,
            "workday-weekday": 1,
            "workday-starts": "13:00",
            "workday-ends": "09:00",
        },
    )
    body = response.content.decode()
    assert "終了が開始より前（または同じ）になっています。" in body
    assert 'value="13:00"' in body
    assert not StaffWorkday.objects.exists()


def test_a_manager_sets_workdays_absences_and_buffers(chiba, chiba_manager, chiba_counselor, client_as):
    http = client_as(chiba_manager)
    http.post(
        reverse("appointments:workday_add"),
        {
            "workday-user": chiba_counselor.pk,
            "workday-weekday": 1,
            "workday-starts": "09:00",
            "workday-ends": "13:00",
        },
    )
    http.post(
        reverse("appointments:absence_add"),
        {
            "absence-user": chiba_counselor.pk,
            "absence-starts_on": "2027-03-01",
            "absence-ends_on": "2027-03-05",
            "absence-all_programs": "on",
            "absence-note": "休暇",
        },
    )
    http.post(
        reverse("appointments:settings_update"),
        {
            "settings-record_buffer_minutes": 20,
            "settings-travel_minutes": 40,
            "settings-session_minutes": 60,
            "settings-slot_step_minutes": 30,
        },
    )
    body = http.get(reverse("appointments:schedules")).content.decode()
    assert "火曜日" in body and "9:00〜13:00" in body and "すべての事業" in body
    assert chiba.scheduling_settings.travel_minutes == 40


def test_the_case_page_shows_the_appointments_section(chiba, chiba_counselor, client_as):
    case = make_case(program=chiba, actor=chiba_counselor)
    make_appointment(program=chiba, actor=chiba_counselor, case=case)
    body = client_as(chiba_counselor).get(case.get_absolute_url()).content.decode()
    assert reverse("appointments:book_for_case", args=[case.public_id]) in body
    assert reverse("appointments:series_new", args=[case.public_id]) in body
    assert "継続相談" in body


def test_the_calendar_shows_the_urgent_inquiries_panel(chiba, chiba_clerk_client):
    body = chiba_clerk_client.get(reverse("appointments:calendar")).content.decode()
    assert 'hx-get="/staff/cases/inquiries/urgent/"' in body
    assert 'hx-trigger="load, every 60s"' in body


@pytest.fixture
def chiba_clerk_client(staff, client_as):
    return client_as(staff("chiba", Role.CLERK))
