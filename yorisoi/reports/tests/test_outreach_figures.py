"""The report's outreach tables equal the hand count of a month of events (SQLite and PostgreSQL)."""

import datetime

from yorisoi.outreach import services
from yorisoi.outreach.models import Category, EventKind
from yorisoi.outreach.tests.factories import actor, details, jst, make_event, register
from yorisoi.reports import outreach_figures
from yorisoi.reports.figures import N
from yorisoi.reports.periods import Period
from yorisoi.reports.sources import ReportData

APRIL = Period.month(datetime.date(2027, 4, 1))


def nonzero(counts: dict) -> dict:
    return {key: value for key, value in counts.items() if value}


def test_events_participants_and_supporters_of_the_month(chiba, urayasu, staff):
    # given a two-session training (A attends both, B the first), a seminar with a family member and a
    # walk-in, a cancelled lecture with an attendee, and an Urayasu lecture — all in April 2027
    chiba_clerk = staff("chiba", "clerk")
    by = actor(chiba_clerk, chiba)

    def attend(registration, session):
        services.attendance_set(session=session, registration=registration, present=True, actor=by)

    training = make_event(
        program=chiba,
        author=chiba_clerk,
        kind=EventKind.SUPPORTER_TRAINING,
        sessions=2,
        starts=jst(2027, 4, 3, 13),
    )
    first, second = training.sessions.order_by("starts_at")
    a = register(training, 1, category=Category.SUPPORTER)
    b = register(training, 2, category=Category.CITIZEN)
    attend(a, first), attend(a, second), attend(b, first)
    seminar = make_event(program=chiba, author=chiba_clerk, starts=jst(2027, 4, 24, 14))
    session = seminar.sessions.get()
    attend(register(seminar, 3, category=Category.FAMILY), session)
    services.walk_in_add(session=session, details=details(4, category=Category.CITIZEN), actor=by)
    cancelled = make_event(
        program=chiba, author=chiba_clerk, kind=EventKind.LECTURE, starts=jst(2027, 4, 20, 10)
    )
    attend(register(cancelled, 5, category=Category.FAMILY), cancelled.sessions.get())
    services.event_cancel(event=cancelled, actor=by, note="中止")
    other = staff("urayasu", "clerk")
    lecture = make_event(program=urayasu, author=other, kind=EventKind.LECTURE, starts=jst(2027, 4, 15, 14))
    services.attendance_set(
        session=lecture.sessions.get(),
        registration=register(lecture, 6),
        present=True,
        actor=actor(other, urayasu),
    )
    # when Chiba's April report is counted
    data = ReportData(chiba, APRIL)
    # then: 2 events held; 延べ 5 (A twice, B, the family member, the walk-in), 実人数 4; 1 supporter
    assert nonzero(outreach_figures.outreach_events_by_kind(data)) == {
        ("supporter_training", N): 1,
        ("seminar", N): 1,
    }
    assert nonzero(outreach_figures.outreach_participants_by_category(data)) == {
        ("supporter", "times"): 2,
        ("supporter", "people"): 1,
        ("citizen", "times"): 2,
        ("citizen", "people"): 2,
        ("family", "times"): 1,
        ("family", "people"): 1,
    }
    assert outreach_figures.supporters_trained(data) == {("completed", N): 1}
