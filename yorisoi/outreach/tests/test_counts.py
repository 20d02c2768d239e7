"""The counts the city reports read, against hand-counted fixtures."""

import datetime

from yorisoi.outreach import selectors, services
from yorisoi.outreach.models import Category, EventKind
from yorisoi.outreach.tests.factories import actor, details, jst, make_event, register

APRIL = (datetime.date(2027, 4, 1), datetime.date(2027, 4, 30))


def _attend(by, registration, session):
    services.attendance_set(session=session, registration=registration, present=True, actor=by)


def test_counts_by_kind_category_and_supporters_for_one_month(chiba, urayasu, chiba_clerk, staff):
    by = actor(chiba_clerk, chiba)
    # a two-session training: 4/10 and 4/17; A attends both (supporter), B only the first
    training = make_event(
        program=chiba,
        author=chiba_clerk,
        kind=EventKind.SUPPORTER_TRAINING,
        sessions=2,
        starts=jst(2027, 4, 10, 13),
    )
    t1, t2 = training.sessions.order_by("starts_at")
    a = register(training, 1, category=Category.SUPPORTER)
    b = register(training, 2, category=Category.CITIZEN)
    _attend(by, a, t1), _attend(by, a, t2), _attend(by, b, t1)
    # a seminar on 4/30 at 23:00 (still April in Japan): 1 family present, 1 self absent, 1 walk-in citizen
    seminar = make_event(
        program=chiba, author=chiba_clerk, starts=jst(2027, 4, 30, 23) - datetime.timedelta(hours=3)
    )
    s = seminar.sessions.get()
    _attend(by, register(seminar, 3, category=Category.FAMILY), s)
    register(seminar, 4, category=Category.SELF)
    services.walk_in_add(session=s, details=details(5, category=Category.CITIZEN, contact_email=""), actor=by)
    # not counted: a seminar on 5/1 00:00, a cancelled lecture in April, a draft, the other program
    may = make_event(program=chiba, author=chiba_clerk, starts=jst(2027, 5, 1, 0))
    _attend(by, register(may, 6, category=Category.FAMILY), may.sessions.get())
    cancelled = make_event(
        program=chiba, author=chiba_clerk, kind=EventKind.LECTURE, starts=jst(2027, 4, 20, 10)
    )
    _attend(by, register(cancelled, 7, category=Category.FAMILY), cancelled.sessions.get())
    services.event_cancel(event=cancelled, actor=by, note="中止")
    make_event(
        program=chiba, author=chiba_clerk, kind=EventKind.LECTURE, starts=jst(2027, 4, 21, 10), publish=False
    )
    other_clerk = staff("urayasu", "clerk")
    lecture = make_event(
        program=urayasu, author=other_clerk, kind=EventKind.LECTURE, starts=jst(2027, 4, 15, 14)
    )
    _attend(
        actor(other_clerk, urayasu), register(lecture, 8, category=Category.CITIZEN), lecture.sessions.get()
    )

    held = selectors.events_held_by_kind(chiba, *APRIL)
    assert {k: v for k, v in held.items() if v} == {"supporter_training": 1, "seminar": 1}
    assert set(held) == set(EventKind.values)
    assert selectors.attendances_by_category(chiba, *APRIL) == {
        "self": 0,
        "family": 1,
        "supporter": 2,
        "citizen": 2,
        "other": 0,
    }
    assert selectors.attendees_by_category(chiba, *APRIL) == {
        "self": 0,
        "family": 1,
        "supporter": 1,
        "citizen": 2,
        "other": 0,
    }
    assert selectors.supporters_completed(chiba, *APRIL) == 1
    assert selectors.supporters_completed(chiba, datetime.date(2027, 4, 1), datetime.date(2027, 4, 16)) == 0
    assert selectors.events_held_by_kind(urayasu, *APRIL)["lecture"] == 1
    assert selectors.attendances_by_category(urayasu, *APRIL)["citizen"] == 1


def test_event_counts_per_category_for_the_staff_page(seminar, chiba, chiba_clerk):
    by = actor(chiba_clerk, chiba)
    session = seminar.sessions.get()
    family, _self = (
        register(seminar, 1, category=Category.FAMILY),
        register(seminar, 2, category=Category.SELF),
    )
    register(seminar, 3, category=Category.FAMILY, waiting=True)
    _attend(by, family, session)
    services.walk_in_add(
        session=session, details=details(4, category=Category.CITIZEN, contact_email=""), actor=by
    )
    counts = {
        c.category: (c.confirmed, c.waiting, c.attended, c.walk_ins)
        for c in selectors.event_counts(event=seminar)
    }
    assert counts == {
        "self": (1, 0, 0, 0),
        "family": (1, 1, 1, 0),
        "supporter": (0, 0, 0, 0),
        "citizen": (1, 0, 1, 1),
        "other": (0, 0, 0, 0),
    }
