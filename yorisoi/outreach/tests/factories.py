"""Events and registrations for tests, written through the services so numbers and audit rows are real."""

import datetime

from django.utils import timezone

from yorisoi.outreach import services
from yorisoi.outreach.models import Category, EventKind, EventStatus, RegistrationChannel
from yorisoi.programs.permissions import Actor

JST = timezone.get_default_timezone()


def jst(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=JST)


def actor(user, program, role="clerk") -> Actor:
    return Actor(user=user, program=program, role=role)


def in_days(days: int, hour: int = 14) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return jst(day.year, day.month, day.day, hour)


def make_event(
    *, program, author, kind=EventKind.SEMINAR, capacity=30, starts=None, sessions=1, publish=True, **fields
):
    """An event with ``sessions`` sessions a week apart, the first at ``starts`` (default: in 10 days)."""
    starts = starts or in_days(10)
    by = actor(author, program)
    defaults = {
        "title": "ひきこもりを知る公開セミナー（テスト）",
        "description": "どなたでも参加できます。",
        "venue": "千葉市こころの健康センター",
        "capacity": capacity,
    }
    event = services.event_create(
        program=program,
        actor=by,
        kind=kind,
        first_session=(starts, starts + datetime.timedelta(hours=2)),
        **{**defaults, **fields},
    )
    for week in range(1, sessions):
        start = starts + datetime.timedelta(weeks=week)
        services.session_add(
            event=event, actor=by, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
        )
    if publish:
        services.event_publish(event=event, actor=by)
    event.refresh_from_db()
    assert event.status == (EventStatus.PUBLISHED if publish else EventStatus.DRAFT)
    return event


def details(n: int = 1, *, category=Category.CITIZEN, **fields) -> services.RegistrantDetails:
    defaults = {
        "name": f"参加 太郎{n}",
        "category": category,
        "contact_email": f"person{n}@example.jp",
        "contact_phone": "",
    }
    return services.RegistrantDetails(**{**defaults, **fields})


def register(event, n: int = 1, *, waiting=False, channel=RegistrationChannel.WEB, **fields):
    registration, _token = services.registration_create(
        event=event, details=details(n, **fields), channel=channel, join_waiting_list=waiting
    )
    return registration
