"""Recurring sessions: every other Tuesday for three months, with changes to single occurrences."""

import datetime

import pytest
from django.urls import reverse

from yorisoi.appointments import services
from yorisoi.appointments.models import Appointment, AppointmentKind, AppointmentStatus, RecurringSeries
from yorisoi.appointments.tests.conftest import JST, jst
from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import PlaceKind

NOW = jst(2026, 11, 20, 9, 0)


@pytest.fixture
def series(urayasu, urayasu_counselor):
    case = make_case(program=urayasu, actor=urayasu_counselor)
    created, skipped = services.series_create(
        program=urayasu,
        actor=urayasu_counselor,
        case=case,
        kind=AppointmentKind.CONTINUING,
        place=urayasu.places.get(kind=PlaceKind.CITY_HALL_DESK),
        staff=urayasu_counselor,
        first_on=datetime.date(2026, 12, 1),
        until_on=datetime.date(2027, 2, 28),
        start_time=datetime.time(10),
        duration_minutes=60,
        interval_weeks=2,
        now=NOW,
    )
    return created, skipped


def _days(series_row, status=None):
    qs = Appointment.objects.filter(series=series_row).order_by("starts_at")
    if status:
        qs = qs.filter(status=status)
    return [a.starts_at.astimezone(JST).date().isoformat() for a in qs]


def test_every_other_tuesday_for_three_months_skips_the_year_end_break_and_a_holiday(series):
    created, skipped = series
    assert _days(created) == [
        "2026-12-01",
        "2026-12-15",
        "2027-01-12",
        "2027-01-26",
        "2027-02-09",
    ]
    assert skipped == [
        (
            datetime.date(2026, 12, 29),
            "年末年始のお休み。受付時間外・休業日に入れられるのは、訪問・同行か緊急のときだけです。",
        ),
        (
            datetime.date(2027, 2, 23),
            "祝日（天皇誕生日）。受付時間外・休業日に入れられるのは、訪問・同行か緊急のときだけです。",
        ),
    ]


def test_one_occurrence_moves_and_another_is_cancelled_without_touching_the_rest(series, urayasu_counselor):
    created, _ = series
    occurrences = list(Appointment.objects.filter(series=created).order_by("starts_at"))
    moved = services.appointment_reschedule(
        appointment=occurrences[1],
        actor=urayasu_counselor,
        slot=services.BookingSlot(
            kind=occurrences[1].kind,
            place=occurrences[1].place,
            staff=urayasu_counselor,
            starts_at=jst(2026, 12, 17, 14, 0),  # to Thursday afternoon
            ends_at=jst(2026, 12, 17, 15, 0),
        ),
        now=NOW,
    )
    services.appointment_cancel(appointment=occurrences[2], actor=urayasu_counselor, reason="本人の都合")
    assert moved.series == created and moved.replaces == occurrences[1]
    assert _days(created, AppointmentStatus.BOOKED) == [
        "2026-12-01",
        "2026-12-17",
        "2027-01-26",
        "2027-02-09",
    ]


def test_stopping_the_series_cancels_only_booked_occurrences_from_that_day(
    series, urayasu_counselor, frozen_now
):
    created, _ = series
    occurrences = list(Appointment.objects.filter(series=created).order_by("starts_at"))
    frozen_now(jst(2026, 12, 1, 11, 0))  # the first session has taken place
    services.appointment_hold(appointment=occurrences[0], actor=urayasu_counselor)
    count = services.series_cancel_from(
        series=created, actor=urayasu_counselor, from_on=datetime.date(2027, 1, 20), reason="就労支援へ移行"
    )
    created.refresh_from_db()
    assert count == 2
    assert created.ended_on == datetime.date(2027, 1, 20)
    assert _days(created, AppointmentStatus.BOOKED) == ["2026-12-15", "2027-01-12"]
    assert _days(created, AppointmentStatus.HELD) == ["2026-12-01"]


def test_the_series_page_books_and_reports_skipped_dates(urayasu, urayasu_counselor, client_as, frozen_now):
    frozen_now(NOW)
    case = make_case(program=urayasu, actor=urayasu_counselor)
    response = client_as(urayasu_counselor).post(
        reverse("appointments:series_new", args=[case.public_id]),
        {
            "kind": AppointmentKind.CONTINUING,
            "first_on": "2026-12-01",
            "start_time": "10:00",
            "duration_minutes": "60",
            "interval_weeks": "2",
            "until_on": "2027-02-28",
            "place": urayasu.places.get(kind=PlaceKind.CITY_HALL_DESK).pk,
            "staff": urayasu_counselor.pk,
        },
        follow=True,
    )
    body = response.content.decode()
    assert "定期の予約を5回分入れました。" in body
    assert "2026-12-29 は入れられませんでした：年末年始のお休み" in body
    assert "2027-02-23 は入れられませんでした：祝日（天皇誕生日）" in body
    assert RecurringSeries.objects.get().case == case


def test_a_series_ending_before_it_starts_is_refused_and_kept(
    urayasu, urayasu_counselor, client_as, frozen_now
):
    frozen_now(NOW)
    case = make_case(program=urayasu, actor=urayasu_counselor)
    response = client_as(urayasu_counselor).post(
        reverse("appointments:series_new", args=[case.public_id]),
        {
            "kind": AppointmentKind.CONTINUING,
            "first_on": "2026-12-01",
            "start_time": "10:00",
            "duration_minutes": "60",
            "interval_weeks": "2",
            "until_on": "2026-11-30",
            "place": urayasu.places.get(kind=PlaceKind.CITY_HALL_DESK).pk,
            "staff": urayasu_counselor.pk,
        },
    )
    body = response.content.decode()
    assert "最終日が初回の日付より前になっています。" in body
    assert 'value="2026-11-30"' in body
    assert RecurringSeries.objects.count() == 0
