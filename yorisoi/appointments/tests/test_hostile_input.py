"""Hostile input on every calendar URL: far-off dates, ``²``, 30-digit ids, huge pages — never a 5xx."""

import datetime

import pytest
from django.urls import get_resolver, reverse

from yorisoi.appointments import services
from yorisoi.appointments.models import AppointmentKind
from yorisoi.appointments.tests.factories import make_appointment, next_open_day
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.programs.models import Closure

HOSTILE = [
    {"date": "9999-12-31"},
    {"date": "0001-01-01"},
    {"date": "2200-12-31", "view": "month"},
    {"date": "1900-01-01", "view": "month"},
    {"date": "1900-01-01", "view": "week"},
    {"view": "year", "staff": "²"},
    {"staff": "9" * 30},
    {"since": "9999-12-31", "place": "²", "duration": "9" * 30, "kind": "x"},
    {"since": "2026-12-01", "staff": "9" * 30, "place": "9" * 30},
    {"with": "²", "date": "9999-12-31", "start": "99:99", "end": "x", "place": "9" * 30, "room": "²"},
    {"case_number": "C-²"},
    {"case_number": "9" * 30},
    {"page": "9" * 30},
]
POSTED = {
    "kind": "x",
    "date": "9999-12-31",
    "start": "99:99",
    "end": "²",
    "place": "9" * 30,
    "room": "²",
    "staff": "²",
    "second_staff": "9" * 30,
    "from_on": "0001-01-01",
    "reason": "x" * 500,
    "move-from_on": "9999-12-31",
    "move-weekday": "9" * 30,
    "move-start_time": "²",
    "workday-user": "²",
    "workday-weekday": "9" * 30,
    "absence-user": "9" * 30,
    "absence-starts_on": "0001-01-01",
    "absence-ends_on": "9999-12-31",
    "settings-record_buffer_minutes": "9" * 30,
    "settings-travel_minutes": "²",
}


@pytest.fixture
def every_url(chiba, chiba_manager):
    case = make_case(program=chiba, actor=chiba_manager)
    inquiry = make_inquiry(program=chiba, actor=chiba_manager)
    appointment = make_appointment(program=chiba, actor=chiba_manager, case=case)
    first = next_open_day(chiba)
    series, _skipped = services.series_create(
        program=chiba,
        actor=chiba_manager,
        case=case,
        kind=AppointmentKind.CONTINUING,
        place=chiba.places.get(kind="home"),
        staff=chiba_manager,
        first_on=first,
        until_on=first + datetime.timedelta(days=14),
        start_time=datetime.time(14),
        duration_minutes=60,
        interval_weeks=1,
    )
    closure = Closure.objects.create(program=chiba, date=first + datetime.timedelta(days=60), reason="研修")
    kwargs = {
        "inquiry_id": inquiry.public_id,
        "case_id": case.public_id,
        "appointment_id": appointment.public_id,
        "series_id": series.public_id,
        "closure_id": closure.pk,
        "workday_id": 1,
        "absence_id": 1,
        "task_id": case.public_id,  # no such task: a 404 is a fine answer
        "token": "x" * 40,
    }
    urls = []
    for pattern in get_resolver().url_patterns:
        if getattr(pattern, "namespace", None) != "appointments":
            continue
        for p in pattern.url_patterns:
            names = list(p.pattern.converters)
            urls.append(reverse(f"appointments:{p.name}", kwargs={n: kwargs[n] for n in names}))
    return urls


def test_no_calendar_url_answers_hostile_input_with_a_server_error(every_url, chiba_manager, client_as):
    http = client_as(chiba_manager)
    seen = 0
    for url in every_url:
        for query in HOSTILE:
            response = http.get(url, query)
            assert response.status_code < 500, (url, query, response.status_code)
            seen += 1
        response = http.post(url, POSTED)
        assert response.status_code < 500, (url, "POST", response.status_code)
    assert len(every_url) == 27 and seen == 27 * len(HOSTILE)


@pytest.mark.parametrize("query", [{"date": "9999-12-31"}, {"date": "0001-01-01"}, {"staff": "²"}])
def test_a_bad_calendar_query_is_a_400_with_a_japanese_message(query, chiba_manager, client_as):
    response = client_as(chiba_manager).get(reverse("appointments:calendar"), query)
    body = response.content.decode()
    assert response.status_code == 400
    assert "ページのアドレスに、読み取れない値が入っていました。" in body
    assert ("1900年から2200年までの日付を入力してください。" in body) or (
        "選択肢の中から選んでください。" in body
    )


def test_the_month_at_the_edge_of_the_bounded_years_still_shows(chiba_manager, client_as):
    response = client_as(chiba_manager).get(
        reverse("appointments:calendar"), {"view": "month", "date": "2200-12-31"}
    )
    assert response.status_code == 200


def test_a_thirty_digit_id_in_the_path_is_a_missing_page(chiba_manager, client_as):
    response = client_as(chiba_manager).post(f"/staff/calendar/closures/{'9' * 30}/delete/")
    assert response.status_code == 404
