"""Moving a whole series from a date on: earlier per-occurrence changes stay; dateutil.rrule dates."""

import datetime

import pytest
from django.urls import reverse

from yorisoi.appointments import services
from yorisoi.appointments.models import Appointment, AppointmentKind, AppointmentStatus
from yorisoi.appointments.tests.conftest import JST, jst
from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import PlaceKind

NOW = jst(2026, 11, 20, 9, 0)


@pytest.fixture
def weekly(chiba, chiba_counselor):
    """Every Monday at 10:00 from 12/7 to 1/25 (1/11, 成人の日, is skipped)."""
    case = make_case(program=chiba, actor=chiba_counselor)
    series, _skipped = services.series_create(
        program=chiba,
        actor=chiba_counselor,
        case=case,
        kind=AppointmentKind.CONTINUING,
        place=chiba.places.get(kind=PlaceKind.CENTER),
        staff=chiba_counselor,
        first_on=datetime.date(2026, 12, 7),
        until_on=datetime.date(2027, 1, 25),
        start_time=datetime.time(10),
        duration_minutes=60,
        interval_weeks=1,
        now=NOW,
    )
    return series


def _rows(series, status):
    qs = Appointment.objects.filter(series=series, status=status).order_by("starts_at")
    return [f"{a.starts_at.astimezone(JST):%Y-%m-%d %a %H:%M}" for a in qs]


def test_series_dates_come_from_rrule_every_n_weeks():
    assert services.series_dates(datetime.date(2026, 12, 1), datetime.date(2027, 1, 5), 2) == [
        datetime.date(2026, 12, 1),
        datetime.date(2026, 12, 15),
        datetime.date(2026, 12, 29),
    ]
    # a move to Thursday starts on the first Thursday from that day
    assert services.series_dates(datetime.date(2026, 12, 1), datetime.date(2026, 12, 20), 1, weekday=3) == [
        datetime.date(2026, 12, 3),
        datetime.date(2026, 12, 10),
        datetime.date(2026, 12, 17),
    ]


def test_a_moved_series_keeps_the_changes_made_before_that_date(weekly, chiba_counselor):
    occurrences = list(Appointment.objects.filter(series=weekly).order_by("starts_at"))
    # given one occurrence moved by itself and one cancelled, both before 12/21
    services.appointment_reschedule(
        appointment=occurrences[0],
        actor=chiba_counselor,
        slot=services.BookingSlot(
            kind=occurrences[0].kind,
            place=occurrences[0].place,
            staff=chiba_counselor,
            starts_at=jst(2026, 12, 8, 14, 0),
            ends_at=jst(2026, 12, 8, 15, 0),
        ),
        now=NOW,
    )
    services.appointment_cancel(appointment=occurrences[1], actor=chiba_counselor, reason="体調")
    # when the series moves to Wednesdays at 13:30 from 12/21
    booked, skipped = services.series_move_from(
        series=weekly,
        actor=chiba_counselor,
        from_on=datetime.date(2026, 12, 21),
        weekday=2,
        start_time=datetime.time(13, 30),
        reason="本人の通院が月曜に",
        now=NOW,
    )
    # then the earlier changes are as they were, and the rest is on Wednesdays (the year-end break skipped)
    assert _rows(weekly, AppointmentStatus.CANCELLED) == ["2026-12-14 Mon 10:00"]
    assert _rows(weekly, AppointmentStatus.BOOKED) == [
        "2026-12-08 Tue 14:00",
        "2026-12-23 Wed 13:30",
        "2027-01-06 Wed 13:30",
        "2027-01-13 Wed 13:30",
        "2027-01-20 Wed 13:30",
    ]
    assert _rows(weekly, AppointmentStatus.RESCHEDULED) == [
        "2026-12-07 Mon 10:00",
        "2026-12-21 Mon 10:00",
        "2026-12-28 Mon 10:00",
        "2027-01-04 Mon 10:00",
        "2027-01-18 Mon 10:00",
        "2027-01-25 Mon 10:00",
    ]
    assert booked == 4
    assert skipped == [
        (
            datetime.date(2026, 12, 30),
            "年末年始のお休み。受付時間外・休業日に入れられるのは、訪問・同行か緊急のときだけです。",
        )
    ]


def test_moving_a_series_with_nothing_left_is_refused_and_changes_nothing(weekly, chiba_counselor):
    before = list(Appointment.objects.filter(series=weekly).values_list("pk", "status"))
    with pytest.raises(services.BookingError) as refused:
        services.series_move_from(
            series=weekly,
            actor=chiba_counselor,
            from_on=datetime.date(2027, 2, 1),
            weekday=2,
            start_time=datetime.time(10),
            now=NOW,
        )
    assert refused.value.message == "この日より後には、この定期の予約は残っていません。"
    assert list(Appointment.objects.filter(series=weekly).values_list("pk", "status")) == before


def test_the_series_page_moves_the_rest_and_keeps_bad_input(weekly, chiba_counselor, client_as, frozen_now):
    frozen_now(NOW)
    http = client_as(chiba_counselor)
    url = reverse("appointments:series_move", args=[weekly.public_id])
    bad = http.post(url, {"move-from_on": "2026-12-21", "move-weekday": "2", "move-start_time": "25:00"})
    assert bad.status_code == 200
    assert "時刻を「10:00」の形で入力してください。" in bad.content.decode()
    assert 'value="2026-12-21"' in bad.content.decode()
    assert _rows(weekly, AppointmentStatus.RESCHEDULED) == []
    good = http.post(
        url, {"move-from_on": "2026-12-21", "move-weekday": "2", "move-start_time": "13:30"}, follow=True
    )
    assert "4回分を新しい曜日・時刻で入れ直しました。" in good.content.decode()
