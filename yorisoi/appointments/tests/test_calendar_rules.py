"""The one calendar rule (programs.calendar) as the calendar pages and the free slots show it."""

import datetime

from django.urls import reverse

from yorisoi.appointments.availability import free_slots
from yorisoi.appointments.models import AppointmentKind
from yorisoi.appointments.tests.conftest import jst
from yorisoi.cases.tests.factories import make_inquiry
from yorisoi.programs.models import Closure

BEFORE = jst(2026, 11, 20, 9, 0)  # a Friday before every date below


def _days(program, staff, first, days, kind=AppointmentKind.INITIAL):
    result = free_slots(
        program, staff=[staff], first=first, days=days, kind=kind, duration_minutes=60, now=BEFORE
    )
    return {d.day: d for d in result}


def test_new_years_day_2027_is_in_the_year_end_break_and_the_center_reopens_on_the_fourth(
    chiba, chiba_counselor
):
    # when slots are searched across the new year
    days = _days(chiba, chiba_counselor, datetime.date(2026, 12, 28), 8)
    # then 12/29 to 1/3 are closed for the year-end break, 1/1 included, and 12/28 and 1/4 are open
    assert days[datetime.date(2027, 1, 1)].closed_reason == "年末年始のお休み"
    assert days[datetime.date(2027, 1, 1)].slots == []
    assert all(days[datetime.date(2026, 12, 29) + datetime.timedelta(d)].closed_reason for d in range(6))
    assert days[datetime.date(2026, 12, 28)].slots[0].starts_at == jst(2026, 12, 28, 9, 0)
    assert days[datetime.date(2027, 1, 4)].slots[0].starts_at == jst(2027, 1, 4, 9, 0)


def test_labour_thanksgiving_day_2026_closes_chiba_and_tuesday_is_open(chiba, chiba_counselor):
    days = _days(chiba, chiba_counselor, datetime.date(2026, 11, 23), 2)
    assert days[datetime.date(2026, 11, 23)].closed_reason == "祝日（勤労感謝の日）"
    assert days[datetime.date(2026, 11, 23)].slots == []
    tuesday = days[datetime.date(2026, 11, 24)]
    assert tuesday.closed_reason is None
    assert [s.starts_at.hour for s in tuesday.slots][:2] == [9, 9]  # 9:00 and 9:30
    assert tuesday.slots[-1].starts_at == jst(2026, 11, 24, 16, 0)  # the last hour ends at 17:00


def test_urayasu_offers_tuesday_and_shows_wednesday_as_closed(urayasu, urayasu_counselor):
    days = _days(urayasu, urayasu_counselor, datetime.date(2026, 11, 24), 2)
    assert len(days[datetime.date(2026, 11, 24)].slots) == 15  # 9:00 … 16:00 every 30 minutes
    assert days[datetime.date(2026, 11, 25)].closed_reason == "受付日ではありません（水曜日）"
    assert days[datetime.date(2026, 11, 25)].slots == []


def test_a_closure_staff_added_takes_the_day_out_of_the_slots(chiba, chiba_counselor):
    Closure.objects.create(program=chiba, date=datetime.date(2026, 11, 26), reason="職員研修のため")
    days = _days(chiba, chiba_counselor, datetime.date(2026, 11, 26), 1)
    assert days[datetime.date(2026, 11, 26)].closed_reason == "職員研修のため"


def test_the_booking_page_offers_tuesday_and_shows_wednesday_closed_for_urayasu(
    urayasu, urayasu_counselor, client_as, frozen_now
):
    # given an inquiry in Urayasu and the clock on Friday 2026-11-20
    frozen_now(BEFORE)
    inquiry = make_inquiry(program=urayasu, actor=urayasu_counselor)
    url = reverse("appointments:book_for_inquiry", kwargs={"inquiry_id": inquiry.public_id})
    # when the counselor searches from Monday the 23rd
    body = client_as(urayasu_counselor).get(url, {"since": "2026-11-23"}).content.decode()
    # then Monday is a holiday, Tuesday offers 9:00, Wednesday is not a day the desk is open
    assert "休み：祝日（勤労感謝の日）" in body
    assert "date=2026-11-24&amp;start=09:00&amp;end=10:00" in body
    assert "休み：受付日ではありません（水曜日）" in body
    assert "date=2026-11-25&amp;start=" not in body


def test_the_month_view_marks_new_years_day_and_the_week_view_the_holiday(chiba, chiba_counselor, client_as):
    http = client_as(chiba_counselor)
    month = http.get(
        reverse("appointments:calendar"), {"view": "month", "date": "2027-01-01"}
    ).content.decode()
    assert month.count("年末年始のお休み") == 6  # 12/29 … 1/3 all sit in January's grid
    week = http.get(reverse("appointments:calendar"), {"view": "week", "date": "2026-11-23"}).content.decode()
    assert "休み：祝日（勤労感謝の日）" in week
    assert week.count("9:00〜17:00") == 4  # Tuesday to Friday


def test_the_calendar_says_whether_the_program_is_open_now_and_when_it_next_opens(
    urayasu, urayasu_counselor, client_as, frozen_now
):
    frozen_now(jst(2026, 11, 24, 10, 0))  # Tuesday morning
    body = client_as(urayasu_counselor).get(reverse("appointments:calendar")).content.decode()
    assert "いまは受付中です（17:00まで）" in body
    frozen_now(jst(2026, 11, 25, 10, 0))  # Wednesday (a new sign-in: the idle timeout follows the clock)
    body = client_as(urayasu_counselor).get(reverse("appointments:calendar")).content.decode()
    assert "いまは受付時間外です" in body
    assert "次の受付：11月26日（木）9:00" in body
