import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from playwright.sync_api import expect

from yorisoi.appointments.models import Appointment, AppointmentStatus
from yorisoi.appointments.tests.factories import make_appointment, next_open_day
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.programs.models import Program, Role

pytestmark = pytest.mark.django_db(transaction=True)
JST = timezone.get_default_timezone()


def _label(day: datetime.date) -> str:
    return f"{day.month}月{day.day}日（{'月火水木金土日'[day.weekday()]}）"


def _clock_at(monkeypatch, moment: datetime.datetime) -> None:
    """Stop the server's clock at ``moment`` (the live server runs in this process)."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def _sign_in_afresh(page, log_in, user) -> None:
    """Sign in with no old session, and wait until signed in before moving on.

    The server's clock is moved under a running browser: a panel still loading from before the jump
    can end the new session with the old one's idle timeout, so a second attempt is allowed.
    """
    for _attempt in range(2):
        page.context.clear_cookies()
        log_in(user)
        try:
            expect(page).not_to_have_url(re.compile(r"/accounts/login/"), timeout=10_000)
            return
        except AssertionError:
            continue
    raise AssertionError("could not sign in after the clock moved")


def test_booking_an_initial_consultation_in_urayasu_then_rescheduling_and_holding_it(
    page, log_in, staff, urayasu, screenshot, monkeypatch
):
    counselor = staff("urayasu", Role.COUNSELOR, display_name="浦安 相談員")
    inquiry = make_inquiry(
        program=urayasu,
        actor=counselor,
        caller_name="山本 和子",
        concern="娘が半年ほど家から出ていない。",
        contact_preferences="平日の午後は電話に出られません。",
    )
    tuesday = next_open_day(Program.objects.get(slug="urayasu"), weekday=1)
    wednesday = tuesday + datetime.timedelta(days=1)
    log_in(counselor)

    # from the calendar to the inquiry waiting for its initial consultation
    page.get_by_role("link", name="予定表", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("予定表")
    expect(page.locator(".urgent-panel")).to_contain_text("対応待ちの緊急の問い合わせはありません。")
    screenshot("appointment-1-calendar")
    page.get_by_role("link", name="予約を入れる").click()
    row = page.get_by_role("row").filter(has_text="山本 和子")
    row.get_by_role("link", name="この方の初回相談を予約").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("初回相談の予約")
    expect(page.get_by_role("note")).to_contain_text("平日の午後は電話に出られません。")

    # search from the Monday before: Tuesday is offered, Wednesday is shown closed
    page.get_by_label("この日から2週間").fill((tuesday - datetime.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="空きを探す").click()
    days = page.locator("li.slot-day")
    expect(days.filter(has_text=_label(wednesday))).to_contain_text("休み：受付日ではありません（水曜日）")
    expect(days.filter(has_text=_label(wednesday)).get_by_role("link")).to_have_count(0)
    page.get_by_role("link", name=f"{_label(tuesday)} 10:00〜11:00 浦安 相談員").click()
    expect(page.get_by_label("日付")).to_have_value(tuesday.isoformat())
    expect(page.get_by_label("開始時刻")).to_have_value("10:00")
    expect(page.get_by_label("終了時刻")).to_have_value("11:00")
    page.get_by_label("連絡メモ").fill("市役所3階の窓口で待ち合わせ")
    screenshot("appointment-2-booking")
    page.get_by_role("button", name="予約する").click()
    expect(page.get_by_text("予約を入れました。")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("初回相談")
    expect(page.get_by_role("heading", level=1)).to_contain_text("10:00〜11:00")
    screenshot("appointment-3-booked")

    # the family asks for the afternoon: reschedule to 14:00 the same Tuesday
    page.get_by_role("link", name="日時を変更する").click()
    page.get_by_label("この日から2週間").fill(tuesday.isoformat())
    page.get_by_role("button", name="空きを探す").click()
    page.get_by_role("link", name=f"{_label(tuesday)} 14:00〜15:00 浦安 相談員").click()
    expect(page.get_by_label("連絡メモ")).to_have_value("市役所3階の窓口で待ち合わせ")
    page.get_by_label("変更の理由").fill("ご家族の希望で午後に")
    page.get_by_role("button", name="この日時に変更する").click()
    expect(page.get_by_text("予約を変更しました。")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("14:00〜15:00")
    expect(page.locator("ol.timeline")).to_contain_text("ご家族の希望で午後に")
    screenshot("appointment-4-rescheduled")

    # the week view shows the moved appointment, the old one struck through as 変更
    page.get_by_role("link", name="予定表", exact=True).first.click()
    page.get_by_label("日付").fill(tuesday.isoformat())
    page.get_by_role("button", name="表示").click()
    column = page.locator("section.day-col").filter(has_text=_label(tuesday))
    expect(column).to_contain_text("14:00–15:00")
    expect(column).to_contain_text("変更")
    expect(page.locator("section.day-col").filter(has_text=_label(wednesday))).to_contain_text("休み")
    screenshot("appointment-5-week")
    page.get_by_role("link", name="月", exact=True).click()
    expect(page.locator("table.month-grid")).to_contain_text("予約 1件")
    screenshot("appointment-5b-month")
    page.get_by_role("link", name="週", exact=True).click()
    column = page.locator("section.day-col").filter(has_text=_label(tuesday))

    # hold it once it has begun: an initial consultation of an inquiry leads to registering the case
    _clock_at(monkeypatch, datetime.datetime.combine(tuesday, datetime.time(14, 5), JST))
    _sign_in_afresh(page, log_in, counselor)  # the session has timed out while the clock moved on
    page.goto(f"/staff/calendar/?date={tuesday.isoformat()}")
    column = page.locator("section.day-col").filter(has_text=_label(tuesday))
    column.get_by_role("link").filter(has_text="14:00–15:00").click()
    page.get_by_role("button", name="実施にしてケースに登録する").click()
    expect(page).to_have_url(re.compile(rf"/staff/cases/inquiries/{inquiry.public_id}/register/$"))
    expect(page.get_by_text("初回相談を実施にしました。続けてケースに登録してください。")).to_be_visible()
    expect(page.get_by_label("主訴・困りごと")).to_have_value("娘が半年ほど家から出ていない。")
    screenshot("appointment-6-register")
    statuses = list(Appointment.objects.order_by("created_at").values_list("status", flat=True))
    assert statuses == [AppointmentStatus.RESCHEDULED, AppointmentStatus.HELD]


def test_holding_a_case_session_opens_the_prefilled_consultation_record(
    page, log_in, staff, chiba, screenshot, monkeypatch
):
    counselor = staff("chiba", Role.COUNSELOR, display_name="千葉 相談員")
    case = make_case(program=chiba, actor=counselor)
    day = next_open_day(chiba)
    appointment = make_appointment(
        program=chiba, actor=counselor, case=case, day=day, start=datetime.time(13, 30), minutes=60
    )
    _clock_at(monkeypatch, datetime.datetime.combine(day, datetime.time(13, 40), JST))  # it has begun
    _sign_in_afresh(page, log_in, counselor)
    page.goto(case.get_absolute_url())
    section = page.locator("section").filter(has=page.get_by_role("heading", name="予約", exact=True))
    expect(section).to_contain_text("継続相談")
    screenshot("appointment-7-case-section")
    section.get_by_role("link").filter(has_text="継続相談").click()
    page.get_by_role("button", name="実施にして相談記録を書く").click()
    page.wait_for_load_state()
    landed = urlsplit(page.url)
    try:
        expected_path = reverse("consultations:record_new", kwargs={"case_id": case.public_id})
    except NoReverseMatch:  # the record page is still being built: the case page, with the same details
        expected_path = None
    else:  # the record form is there: it opens with the appointment's details
        expect(page.get_by_label("開始時刻")).to_have_value("13:30")
        expect(page.get_by_label("終了時刻")).to_have_value("14:30")
    if expected_path is None:
        expected_path = case.get_absolute_url()
    assert landed.path == expected_path
    assert parse_qs(landed.query) == {
        "date": [day.isoformat()],
        "start": ["13:30"],
        "end": ["14:30"],
        "mode": ["center_visit"],
        "place": [str(appointment.place_id)],
        "staff": [str(counselor.pk)],
    }
    screenshot("appointment-8-record")
