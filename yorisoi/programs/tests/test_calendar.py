import datetime

from django.utils import timezone

from yorisoi.programs.calendar import is_open_on, open_status
from yorisoi.programs.models import Closure

JST = timezone.get_default_timezone()


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=JST)


def test_chiba_is_open_on_a_weekday_morning(chiba):
    status = open_status(chiba, at(2026, 11, 25, 10, 0))  # Wednesday
    assert status.is_open is True
    assert status.closes_at == at(2026, 11, 25, 17, 0)


def test_urayasu_is_closed_on_wednesday_and_opens_thursday_at_nine(urayasu):
    status = open_status(urayasu, at(2026, 11, 25, 10, 0))  # Wednesday
    assert status.is_open is False
    assert status.next_opens_at == at(2026, 11, 26, 9, 0)


def test_urayasu_is_open_on_tuesday(urayasu):
    assert open_status(urayasu, at(2026, 11, 24, 16, 59)).is_open is True
    assert open_status(urayasu, at(2026, 11, 24, 17, 0)).is_open is False


def test_national_holiday_closes_the_center(chiba):
    """2026-11-23 is 勤労感謝の日, a Monday."""
    status = open_status(chiba, at(2026, 11, 23, 10, 0))
    assert status.is_open is False
    assert status.closed_reason == "祝日（勤労感謝の日）"
    assert status.next_opens_at == at(2026, 11, 24, 9, 0)


def test_year_end_break_runs_to_january_third(chiba, urayasu):
    status = open_status(chiba, at(2026, 12, 29, 10, 0))
    assert status.is_open is False
    assert status.closed_reason == "年末年始のお休み"
    assert status.next_opens_at == at(2027, 1, 4, 9, 0)  # Monday after the break
    assert open_status(urayasu, at(2027, 1, 1, 10, 0)).next_opens_at == at(2027, 1, 5, 9, 0)  # first Tuesday


def test_a_closure_staff_added_closes_that_day_only(chiba):
    Closure.objects.create(program=chiba, date=datetime.date(2026, 12, 2), reason="職員研修のため")
    status = open_status(chiba, at(2026, 12, 2, 9, 30))
    assert status.is_open is False
    assert status.closed_reason == "職員研修のため"
    assert is_open_on(chiba, datetime.date(2026, 12, 3)) is True


def test_after_hours_on_friday_the_next_opening_is_monday(chiba):
    assert open_status(chiba, at(2026, 11, 27, 18, 0)).next_opens_at == at(2026, 11, 30, 9, 0)
