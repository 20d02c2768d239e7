"""Reminders: only to those who chose email and whose cautions allow it; time, place, phone — nothing else."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from yorisoi.appointments import services
from yorisoi.appointments.models import Reminder
from yorisoi.appointments.tests.conftest import jst
from yorisoi.appointments.tests.factories import make_appointment
from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Client
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.programs.models import PlaceKind, Role

NOW = jst(2026, 11, 20, 9, 0)
MONDAY, TUESDAY = datetime.date(2026, 11, 23), datetime.date(2026, 11, 24)
BODY = (
    "明日 11月24日（火）10:00 からのご予約のお知らせです。\n"
    "場所：千葉市美浜区高浜2-1-16 千葉市こころの健康センター内\n"
    "ご都合が悪くなったときや、ご不明な点は、こちらへお電話ください：043-204-1606\n"
)


def _tomorrow(program, user, *, email="family@example.jp", cautions="", remind=True, start=datetime.time(10)):
    case = make_case(program=program, actor=user)
    Client.objects.filter(pk=case.client_id).update(email=email, contact_preferences=cautions)
    appointment = make_appointment(
        program=program,
        actor=user,
        case=case,
        day=TUESDAY,
        start=start,
        place=program.places.get(kind=PlaceKind.CENTER),
        remind_by_email=remind,
        now=NOW,
    )
    return appointment


def test_a_family_who_chose_email_gets_time_place_and_phone_only_once(
    chiba, chiba_counselor, django_capture_on_commit_callbacks
):
    # given tomorrow's session with a family who chose email
    appointment = _tomorrow(chiba, chiba_counselor)
    # when the reminders are sent, twice
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = services.send_tomorrows_reminders(today=MONDAY)
    second = services.send_tomorrows_reminders(today=MONDAY)
    # then one email, sent after commit, with the time, the place and the program's phone — no one's name
    assert (first.sent, second.sent, len(callbacks)) == (1, 0, 1)
    (message,) = mail.outbox
    assert message.to == ["family@example.jp"]
    assert message.subject == "明日のご予約のお知らせ"
    assert message.body == BODY
    client = appointment.case.client
    for private in (client.family_name, client.given_name, appointment.case.label, "ひきこもり", "外出"):
        assert private not in message.body and private not in message.subject
    # and it is recorded once, with an audit entry
    assert Reminder.objects.filter(appointment=appointment).count() == 1
    assert AccessLog.objects.filter(action="appointment.remind", target_id=appointment.public_id).count() == 1


@pytest.mark.parametrize(
    "cautions",
    [
        "メールは送らないでください（家族と共用）",
        "メール不可。電話は夜のみ",
        "本人に知られたくないのでメールしないで",
    ],
)
def test_no_email_to_someone_whose_cautions_forbid_it_and_nothing_recorded(
    chiba, chiba_counselor, cautions, django_capture_on_commit_callbacks
):
    appointment = _tomorrow(chiba, chiba_counselor, cautions=cautions)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.send_tomorrows_reminders(today=MONDAY)
    assert (result.sent, result.skipped) == (0, 1)
    assert mail.outbox == []
    assert not Reminder.objects.filter(appointment=appointment).exists()


def test_no_email_when_not_chosen_or_no_address(chiba, chiba_counselor, django_capture_on_commit_callbacks):
    _tomorrow(chiba, chiba_counselor, remind=False)
    _tomorrow(chiba, chiba_counselor, email="", start=datetime.time(13))
    with django_capture_on_commit_callbacks(execute=True):
        result = services.send_tomorrows_reminders(today=MONDAY)
    assert (result.sent, result.skipped) == (0, 1)  # the one not chosen is not even looked at
    assert mail.outbox == []
    assert Reminder.objects.count() == 0


def test_an_inquirys_initial_consultation_uses_the_callers_email(
    urayasu, urayasu_counselor, django_capture_on_commit_callbacks
):
    inquiry = make_inquiry(program=urayasu, actor=urayasu_counselor, contact_email="caller@example.jp")
    make_appointment(
        program=urayasu, actor=urayasu_counselor, inquiry=inquiry, day=TUESDAY, remind_by_email=True, now=NOW
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.send_tomorrows_reminders(today=MONDAY)
    (message,) = mail.outbox
    assert message.to == ["caller@example.jp"]
    assert "047-712-6856" in message.body and inquiry.caller_name not in message.body


def test_the_command_sends_and_says_how_many(
    chiba, chiba_counselor, frozen_now, django_capture_on_commit_callbacks
):
    _tomorrow(chiba, chiba_counselor)
    frozen_now(jst(2026, 11, 23, 17, 0))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
        call_command("send_reminders", stdout=out)
    assert out.getvalue() == "sent=1 skipped=0\nsent=0 skipped=0\n"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("count", [1, 4])
def test_staff_see_tomorrows_appointments_with_cautions_in_fixed_queries(
    count, chiba, staff, client_as, frozen_now, django_assert_num_queries
):
    # given tomorrow's sessions, the first with a family who asked for no email
    people = [staff("chiba", Role.COUNSELOR) for _ in range(4)]
    booked = [
        _tomorrow(chiba, people[i], cautions="メールは送らないでください" if i == 0 else "電話は夜だけ")
        for i in range(count)
    ]
    frozen_now(jst(2026, 11, 23, 12, 0))
    http = client_as(people[0])
    http.get(reverse("appointments:tomorrow"))
    # when the page is opened
    with django_assert_num_queries(9):  # 7, and the access-log chain's next link (lock, read)
        response = http.get(reverse("appointments:tomorrow"))
    # then each row shows the cautions and what happens about the reminder
    body = response.content.decode()
    assert body.count("メールは送らないでください") == 1
    assert "連絡の注意により、メールは送りません" in body
    assert body.count("前日にメールでお知らせします") == count - 1
    assert all(a.case.label in body for a in booked)
