"""The private calendar feed: parses as iCalendar, carries no names, dies with its token."""

import datetime
import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from yorisoi.appointments import services
from yorisoi.appointments.models import AppointmentKind
from yorisoi.appointments.tests.factories import make_appointment, next_open_day
from yorisoi.audit.models import AccessLog
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.programs.models import Membership, PlaceKind, Role


def _token(http) -> str:
    body = http.post(reverse("appointments:feed_settings"), {"action": "regenerate"}).content.decode()
    return re.search(r"/staff/calendar/feed/([\w-]+)\.ics", body).group(1)


@pytest.fixture
def week(chiba, urayasu, staff):
    """A consultant of both programs with a home visit, an initial consultation, and a colleague's session."""
    me, colleague = staff("chiba", Role.COUNSELOR), staff("chiba", Role.COUNSELOR)
    Membership.objects.create(user=me, program=urayasu, role=Role.COUNSELOR)
    case = make_case(program=chiba, actor=me)
    visit = make_appointment(
        program=chiba,
        actor=me,
        case=case,
        kind=AppointmentKind.HOME_VISIT,
        place=chiba.places.get(kind=PlaceKind.HOME),
    )
    inquiry = make_inquiry(program=urayasu, actor=me, caller_name="秘密 良子")
    # in the afternoon: both programs may be open on the same next day, and one person is in one place
    initial = make_appointment(program=urayasu, actor=me, inquiry=inquiry, start=datetime.time(14))
    theirs = make_appointment(program=chiba, actor=colleague, case=make_case(program=chiba, actor=colleague))
    return me, case, inquiry, visit, initial, theirs


def test_the_feed_parses_and_names_no_one(week, client_as):
    me, case, inquiry, visit, initial, theirs = week
    http = client_as(me)
    response = client_as(me).get(reverse("appointments:feed", kwargs={"token": _token(http)}))
    body = response.content.decode()
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert sorted(str(e["SUMMARY"]) for e in events) == [
        "[千葉市] 訪問（ケース C-0001）",
        "[浦安市] 初回相談（問い合わせ）",
    ]
    assert {str(e["UID"]) for e in events} == {f"{visit.public_id}@yorisoi", f"{initial.public_id}@yorisoi"}
    assert events[0].decoded("DTSTART") < events[0].decoded("DTEND")
    for personal in (case.client.family_name, case.client.given_name, "秘密", inquiry.contact_phone):
        assert personal not in body
    assert str(theirs.public_id) not in body  # only my own appointments


def test_the_feed_opens_without_a_session_and_is_logged_as_an_export(week, client):
    me, *_ = week
    from django.test import Client

    token = services.feed_token_regenerate(user=me)
    response = Client().get(reverse("appointments:feed", kwargs={"token": token}))
    assert response.status_code == 200
    assert AccessLog.objects.filter(actor=me, action="calendar_feed.export").count() == 2  # one per program


def test_a_revoked_or_replaced_token_gets_404(week, client_as):
    me, *_ = week
    http = client_as(me)
    old = _token(http)
    new = _token(http)
    assert http.get(reverse("appointments:feed", kwargs={"token": old})).status_code == 404
    assert http.get(reverse("appointments:feed", kwargs={"token": new})).status_code == 200
    http.post(reverse("appointments:feed_settings"), {"action": "revoke"})
    assert http.get(reverse("appointments:feed", kwargs={"token": new})).status_code == 404
    assert http.get(reverse("appointments:feed", kwargs={"token": "not-a-token"})).status_code == 404


def test_leaving_a_program_drops_its_appointments_from_the_feed(week, urayasu, client_as):
    me, *_ = week
    token = services.feed_token_regenerate(user=me)
    Membership.objects.filter(user=me, program=urayasu).update(is_active=False)
    body = client_as(me).get(reverse("appointments:feed", kwargs={"token": token})).content.decode()
    assert "初回相談" not in body
    assert "訪問（ケース C-0001）" in body  # one program left: no program prefix


def test_only_a_hash_of_the_token_is_stored(week):
    from yorisoi.appointments.models import StaffCalendar

    me, *_ = week
    token = services.feed_token_regenerate(user=me)
    stored = StaffCalendar.objects.get(user=me).feed_token_hash
    assert token not in stored and len(stored) == 64


def test_a_cancelled_appointment_stays_in_the_feed_as_cancelled(week, client_as):
    me, _case, _inquiry, visit, *_ = week
    services.appointment_cancel(appointment=visit, actor=me)
    token = services.feed_token_regenerate(user=me)
    events = Calendar.from_ical(
        client_as(me).get(reverse("appointments:feed", kwargs={"token": token})).content
    ).walk("VEVENT")
    cancelled = [e for e in events if str(e["UID"]).startswith(str(visit.public_id))]
    assert str(cancelled[0]["STATUS"]) == "CANCELLED"


def test_next_open_day_helper_skips_closed_days(urayasu):
    day = next_open_day(urayasu, after=datetime.date(2026, 11, 24))
    assert day == datetime.date(2026, 11, 26)
