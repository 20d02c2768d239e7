"""What becomes of an appointment: held (on to the record), rescheduled, cancelled, missed."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import NoReverseMatch, reverse

from yorisoi.appointments import services
from yorisoi.appointments.models import Appointment, AppointmentKind, AppointmentStatus, FollowUpTask
from yorisoi.appointments.tests.conftest import jst
from yorisoi.appointments.tests.factories import make_appointment
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.programs.models import PlaceKind, Role

NOW = jst(2026, 11, 20, 9, 0)
TUESDAY = datetime.date(2026, 11, 24)
STARTED = jst(2026, 11, 24, 10, 15)  # the booked session (10:00) has begun


@pytest.fixture
def booked(chiba, staff, frozen_now):
    frozen_now(NOW)
    counselor, colleague = staff("chiba", Role.COUNSELOR), staff("chiba", Role.COUNSELOR)
    case = make_case(program=chiba, actor=counselor)
    appointment = make_appointment(
        program=chiba,
        actor=counselor,
        case=case,
        day=TUESDAY,
        start=datetime.time(10),
        second_staff=colleague,
        place=chiba.places.get(name="美浜保健福祉センター"),
    )
    return appointment, counselor, colleague


def _record_path(case):
    try:
        return reverse("consultations:record_new", kwargs={"case_id": case.public_id})
    except NoReverseMatch:
        return case.get_absolute_url()  # the record page is still being built: the case page instead


def test_holding_opens_the_consultation_record_prefilled(booked, client_as, frozen_now):
    appointment, counselor, colleague = booked
    frozen_now(STARTED)
    response = client_as(counselor).post(reverse("appointments:hold", args=[appointment.public_id]))
    url = urlsplit(response.url)
    assert response.status_code == 302
    assert url.path == _record_path(appointment.case)
    assert parse_qs(url.query) == {
        "date": ["2026-11-24"],
        "start": ["10:00"],
        "end": ["11:00"],
        "mode": ["health_center"],
        "place": [str(appointment.place_id)],
        "staff": [str(counselor.pk)],
        "second_staff": [str(colleague.pk)],
    }
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.HELD


def test_holding_an_inquirys_initial_consultation_leads_to_registering_the_case(
    urayasu, urayasu_counselor, client_as, frozen_now
):
    frozen_now(NOW)
    inquiry = make_inquiry(program=urayasu, actor=urayasu_counselor)
    appointment = make_appointment(program=urayasu, actor=urayasu_counselor, inquiry=inquiry, day=TUESDAY)
    frozen_now(STARTED)
    response = client_as(urayasu_counselor).post(reverse("appointments:hold", args=[appointment.public_id]))
    assert response.url == reverse("cases:register_from_inquiry", kwargs={"inquiry_id": inquiry.public_id})


@pytest.mark.parametrize(
    ("kind", "place_kind", "mode"),
    [
        (AppointmentKind.HOME_VISIT, PlaceKind.HOME, "home_visit"),
        (AppointmentKind.ACCOMPANIMENT, PlaceKind.OTHER, "accompaniment"),
        (AppointmentKind.CASE_MEETING, PlaceKind.CENTER, "case_meeting"),
        (AppointmentKind.PHONE, PlaceKind.CENTER, "phone"),
        (AppointmentKind.INITIAL, PlaceKind.CENTER, "center_visit"),
        (AppointmentKind.CONTINUING, PlaceKind.HEALTH_WELFARE_CENTER, "health_center"),
        (AppointmentKind.CONTINUING, PlaceKind.CITY_HALL_DESK, "city_hall"),
        (AppointmentKind.CONTINUING, PlaceKind.HOME, "home_visit"),
    ],
)
def test_each_kind_maps_to_a_consultation_mode(kind, place_kind, mode):
    from yorisoi.consultations.models import ConsultationMode
    from yorisoi.programs.models import Place

    appointment = Appointment(kind=kind, place=Place(kind=place_kind))
    assert services.consultation_mode_for(appointment) == mode
    assert mode in ConsultationMode.values


def test_a_clerk_cannot_hold_and_nothing_changes(booked, staff, client_as):
    appointment, _counselor, _colleague = booked
    clerk = staff("chiba", Role.CLERK)
    response = client_as(clerk).post(reverse("appointments:hold", args=[appointment.public_id]))
    appointment.refresh_from_db()
    assert response.status_code == 404
    assert appointment.status == AppointmentStatus.BOOKED


def test_rescheduling_keeps_the_old_appointment_as_changed_and_may_overlap_itself(booked, client_as):
    appointment, counselor, colleague = booked
    response = client_as(counselor).post(
        reverse("appointments:reschedule", args=[appointment.public_id]),
        {
            "date": "2026-11-24",
            "start": "10:30",
            "end": "11:30",
            "place": appointment.place_id,
            "staff": counselor.pk,
            "second_staff": colleague.pk,
            "reason": "本人の希望で30分遅らせる",
        },
    )
    new = Appointment.objects.get(replaces=appointment)
    appointment.refresh_from_db()
    assert response.url == new.get_absolute_url()
    assert appointment.status == AppointmentStatus.RESCHEDULED
    assert appointment.status_note == "本人の希望で30分遅らせる"
    assert (new.status, new.case_id, new.kind) == (
        AppointmentStatus.BOOKED,
        appointment.case_id,
        appointment.kind,
    )
    body = client_as(counselor).get(new.get_absolute_url()).content.decode()
    assert "変更の経過" in body and "本人の希望で30分遅らせる" in body


def test_a_refused_reschedule_leaves_the_appointment_as_it_was(booked, chiba, client_as):
    appointment, counselor, colleague = booked
    other = make_case(program=chiba, actor=counselor)
    make_appointment(
        program=chiba,
        actor=colleague,
        case=other,
        day=TUESDAY,
        start=datetime.time(14),
        place=chiba.places.get(kind=PlaceKind.HOME),
        kind=AppointmentKind.HOME_VISIT,
    )
    response = client_as(counselor).post(
        reverse("appointments:reschedule", args=[appointment.public_id]),
        {
            "date": "2026-11-24",
            "start": "14:00",
            "end": "15:00",
            "place": appointment.place_id,
            "staff": counselor.pk,
            "second_staff": colleague.pk,
        },
    )
    appointment.refresh_from_db()
    assert response.status_code == 200
    assert "別の予約が入っています" in response.content.decode()
    assert appointment.status == AppointmentStatus.BOOKED
    assert not Appointment.objects.filter(replaces=appointment).exists()


def test_a_missed_appointment_becomes_a_gentle_follow_up_for_the_consultant(booked, client_as, frozen_now):
    appointment, counselor, _colleague = booked
    frozen_now(STARTED)
    http = client_as(counselor)
    response = http.post(reverse("appointments:no_show", args=[appointment.public_id]), follow=True)
    task = FollowUpTask.objects.get(appointment=appointment)
    assert "責めるためではなく" in response.content.decode()
    # due the day after it was marked missed
    assert (task.assigned_to, task.due_on, task.done_at) == (counselor, datetime.date(2026, 11, 25), None)
    mine = http.get(reverse("appointments:my_week")).content.decode()
    assert "連絡のフォロー" in mine and appointment.case.label in mine
    http.post(reverse("appointments:follow_up_done", args=[task.public_id]))
    task.refresh_from_db()
    assert task.done_by == counselor
    assert "連絡のフォロー" not in http.get(reverse("appointments:my_week")).content.decode()


def test_a_cancelled_appointment_cannot_be_held(booked, client_as):
    appointment, counselor, _colleague = booked
    http = client_as(counselor)
    http.post(reverse("appointments:cancel", args=[appointment.public_id]), {"reason": "体調不良のため"})
    response = http.post(reverse("appointments:hold", args=[appointment.public_id]), follow=True)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert appointment.status_note == "体調不良のため"
    assert "すでに「キャンセル」になっているため、「実施」にはできません" in response.content.decode()
