"""Fictional outreach events for the demo. No real people.

``create_demo_outreach(program, staff)`` is called by the demo seeder for each program. Chiba gets
last year's サポーター養成研修 (finished: a few supporters), this season's (first session held, with
attendance; second to come) and a full 公開セミナー with one person waiting; Urayasu a 講演会.
Everything goes through the services, so numbers, waiting list and audit entries are real.
"""

import datetime

from django.utils import timezone

from yorisoi.outreach import services
from yorisoi.outreach.models import Category, EventKind, OutreachEvent, RegistrationChannel
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor

PEOPLE = [
    ("佐藤 みどり", Category.FAMILY),
    ("鈴木 健", Category.SUPPORTER),
    ("高橋 由美", Category.CITIZEN),
    ("田中 浩二", Category.SUPPORTER),
    ("伊藤 さくら", Category.SELF),
    ("渡辺 修", Category.CITIZEN),
    ("山本 恵", Category.FAMILY),
]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_current_timezone()
    )


def _event(program, by, *, kind, title, starts, capacity, sessions=1, **fields) -> OutreachEvent:
    event = services.event_create(
        program=program,
        actor=by,
        kind=kind,
        title=title,
        capacity=capacity,
        staff_in_charge=by.user,
        first_session=(starts, starts + datetime.timedelta(hours=2)),
        **fields,
    )
    for week in range(1, sessions):
        start = starts + datetime.timedelta(weeks=week)
        services.session_add(
            event=event, actor=by, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
        )
    services.event_publish(event=event, actor=by)
    return event


def _register(event, people, *, before, waiting=False):
    registrations = []
    for i, (name, category) in enumerate(people):
        details = services.RegistrantDetails(
            name=name,
            category=category,
            contact_email=f"demo{PEOPLE.index((name, category)) + 1}.{event.pk}@example.jp",
        )
        registration, _token = services.registration_create(
            event=event,
            details=details,
            channel=RegistrationChannel.WEB if i % 2 == 0 else RegistrationChannel.STAFF,
            join_waiting_list=waiting,
            now=before,
        )
        registrations.append(registration)
    return registrations


def _attend(event, registrations, by, *, sessions=None):
    for session in sessions or event.sessions.all():
        for registration in registrations:
            services.attendance_set(session=session, registration=registration, present=True, actor=by)


def create_demo_outreach(program, staff) -> None:
    if OutreachEvent.objects.filter(program=program).exists():
        return
    clerk = program.memberships.filter(role=Role.CLERK).select_related("user").first()
    user = clerk.user if clerk else staff[0]
    by = Actor(user=user, program=program, role=Role.CLERK)
    today = timezone.localdate()
    venue = {"venue": program.address, "venue_access": program.access}
    if program.slug == "chiba":
        _chiba(program, by, today, venue)
    else:
        _urayasu(program, by, today, venue)


def _chiba(program, by, today, venue):
    last_year = _event(
        program,
        by,
        kind=EventKind.SUPPORTER_TRAINING,
        title="ひきこもりサポーター養成研修（昨年度）",
        starts=_at(today - datetime.timedelta(days=200), 13, 30),
        capacity=30,
        sessions=2,
        **venue,
    )
    trained = _register(last_year, PEOPLE[:4], before=_at(today - datetime.timedelta(days=230), 10))
    _attend(last_year, trained[:3], by)  # the fourth missed the second session: not a supporter
    _attend(last_year, trained[3:], by, sessions=last_year.sessions.order_by("starts_at")[:1])

    training = _event(
        program,
        by,
        kind=EventKind.SUPPORTER_TRAINING,
        title="ひきこもりサポーター養成研修",
        description="ひきこもりについて正しく知り、地域で見守る「ひきこもりサポーター」になるための全2回の研修です。",
        starts=_at(today - datetime.timedelta(days=3), 13, 30),
        capacity=20,
        sessions=2,
        **venue,
    )
    current = _register(training, PEOPLE[2:7], before=_at(today - datetime.timedelta(days=20), 10))
    _attend(training, current[:4], by, sessions=training.sessions.order_by("starts_at")[:1])

    seminar = _event(
        program,
        by,
        kind=EventKind.SEMINAR,
        title="公開セミナー「ひきこもりを知る」",
        description="ひきこもりは特別なことではなく、誰にでも起こりうることです。ご家族、支援者、市民の方、どなたでもどうぞ。",
        starts=_at(today + datetime.timedelta(days=12), 14),
        capacity=5,
        **venue,
    )
    _register(seminar, PEOPLE[:5], before=timezone.now())
    _register(seminar, PEOPLE[5:6], before=timezone.now(), waiting=True)


def _urayasu(program, by, today, venue):
    lecture = _event(
        program,
        by,
        kind=EventKind.LECTURE,
        title="講演会「ひとりで悩まないで」",
        description="浦安市のひきこもり相談窓口のご紹介と、ご家族の体験談です。",
        starts=_at(today + datetime.timedelta(days=20), 14),
        capacity=60,
        **venue,
    )
    _register(lecture, PEOPLE[4:7], before=timezone.now())
