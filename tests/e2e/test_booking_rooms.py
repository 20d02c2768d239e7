"""The suggested slot is booked in one go, at a center where two of its rooms are already busy then."""

import datetime

import pytest
from playwright.sync_api import expect

from yorisoi.appointments.models import Appointment
from yorisoi.appointments.tests.factories import make_appointment, next_open_day
from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import PlaceKind, Role

pytestmark = pytest.mark.django_db(transaction=True)


def _label(day: datetime.date) -> str:
    return f"{day.month}月{day.day}日（{'月火水木金土日'[day.weekday()]}）"


def test_a_suggested_slot_at_a_busy_center_is_booked_in_one_go(page, log_in, staff, chiba, screenshot):
    # given two colleagues in 相談室1 and 相談室2 at 10:00 on an open day
    me = staff("chiba", Role.COUNSELOR, display_name="千葉 相談員")
    center = chiba.places.get(kind=PlaceKind.CENTER)
    day = next_open_day(chiba, after=next_open_day(chiba))
    for name in ("同僚 一", "同僚 二"):
        colleague = staff("chiba", Role.COUNSELOR, display_name=name)
        case = make_case(program=chiba, actor=colleague)
        make_appointment(
            program=chiba, actor=colleague, case=case, day=day, start=datetime.time(10), place=center
        )
    mine = make_case(program=chiba, actor=me)
    log_in(me)

    # when I search the center from that day and pick the suggested 10:00
    page.goto(f"/staff/calendar/book/case/{mine.public_id}/")
    page.get_by_label("この日から2週間").fill(day.isoformat())
    search = page.locator("form.slot-search")
    search.get_by_label("場所").select_option(label="千葉市ひきこもり地域支援センター")
    search.get_by_label("職員", exact=True).select_option(label="千葉 相談員")
    page.get_by_role("button", name="空きを探す").click()
    page.get_by_role("link", name=f"{_label(day)} 10:00〜11:00 千葉 相談員").click()
    expect(page.get_by_label("開始時刻")).to_have_value("10:00")
    expect(page.get_by_label("場所", exact=True).last).to_have_value(str(center.pk))
    screenshot("booking-rooms-1-picked")
    page.get_by_role("button", name="予約する").click()

    # then it is booked at once, in the first free room
    expect(page.get_by_text("予約を入れました。")).to_be_visible()
    expect(page.get_by_text("部屋：相談室3")).to_be_visible()
    screenshot("booking-rooms-2-booked")
    booked = Appointment.objects.get(case=mine)
    assert (booked.room.name, booked.staff, booked.place) == ("相談室3", me, center)
    assert Appointment.objects.filter(place=center).count() == 3
