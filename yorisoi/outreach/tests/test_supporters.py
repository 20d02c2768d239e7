"""The supporter roster follows attendance; withdrawal removes details and keeps the counts."""

import datetime

from yorisoi.audit.models import AccessLog
from yorisoi.outreach import selectors, services, supporters
from yorisoi.outreach.models import EventKind, Registration, Supporter
from yorisoi.outreach.tests.factories import actor, jst, make_event, register


def _training(chiba, author, sessions=2):
    return make_event(
        program=chiba,
        author=author,
        kind=EventKind.SUPPORTER_TRAINING,
        title="ひきこもりサポーター養成研修",
        sessions=sessions,
        starts=jst(2027, 1, 12, 14),
    )


def _attend(event, registration, by, *sessions):
    for session in sessions:
        services.attendance_set(session=session, registration=registration, present=True, actor=by)


def test_attending_every_session_of_a_training_makes_a_supporter_completed_on_the_last_day(
    chiba, chiba_clerk
):
    # given a two-session training and two registrants
    by = actor(chiba_clerk, chiba)
    training = _training(chiba, chiba_clerk)
    first, second = training.sessions.order_by("starts_at")
    full, partial = register(training, 1), register(training, 2)
    # when one attends both sessions and the other only the first
    _attend(training, full, by, first, second)
    _attend(training, partial, by, first)
    # then only the first is a supporter, completed on the second session's date
    supporter = Supporter.objects.get()
    assert (supporter.training_id, supporter.completed_on) == (full.pk, datetime.date(2027, 1, 19))
    assert not Supporter.objects.filter(training=partial).exists()


def test_unmarking_a_session_takes_the_supporter_off_again(chiba, chiba_clerk):
    by = actor(chiba_clerk, chiba)
    training = _training(chiba, chiba_clerk)
    first, second = training.sessions.order_by("starts_at")
    registration = register(training, 1)
    _attend(training, registration, by, first, second)
    services.attendance_set(session=second, registration=registration, present=False, actor=by)
    assert Supporter.objects.count() == 0


def test_a_session_added_later_must_be_attended_too(chiba, chiba_clerk):
    by = actor(chiba_clerk, chiba)
    training = _training(chiba, chiba_clerk, sessions=1)
    registration = register(training, 1)
    _attend(training, registration, by, training.sessions.get())
    assert Supporter.objects.count() == 1
    services.session_add(event=training, actor=by, starts_at=jst(2027, 2, 1, 14), ends_at=jst(2027, 2, 1, 16))
    assert Supporter.objects.count() == 0


def test_attending_a_seminar_makes_no_supporter(seminar, chiba, chiba_clerk):
    registration = register(seminar, 1)
    _attend(seminar, registration, actor(chiba_clerk, chiba), seminar.sessions.get())
    assert Supporter.objects.count() == 0


def test_a_follow_up_registration_with_the_supporters_contact_counts_as_theirs(chiba, chiba_clerk):
    # given a supporter
    by = actor(chiba_clerk, chiba)
    training = _training(chiba, chiba_clerk, sessions=1)
    registration = register(training, 1, contact_email="sup@example.jp")
    _attend(training, registration, by, training.sessions.get())
    supporter = Supporter.objects.get()
    # when they register for a follow-up training and attend it, and someone else attends too
    follow_up = make_event(
        program=chiba, author=chiba_clerk, kind=EventKind.FOLLOW_UP_TRAINING, starts=jst(2027, 3, 1, 14)
    )
    theirs, other = register(follow_up, 1, contact_email="SUP@example.jp"), register(follow_up, 2)
    for r in (theirs, other):
        _attend(follow_up, r, by, follow_up.sessions.get())
    # then the roster shows one follow-up attended for them
    assert (theirs.as_supporter_id, other.as_supporter_id) == (supporter.pk, None)
    roster = list(selectors.supporter_list(actor=by))
    assert [(s.pk, s.follow_ups_attended) for s in roster] == [(supporter.pk, 1)]


def test_withdrawal_removes_the_details_and_keeps_the_counts(chiba, chiba_clerk):
    # given a supporter who agreed to be contacted, and one follow-up attended
    by = actor(chiba_clerk, chiba)
    training = _training(chiba, chiba_clerk, sessions=1)
    registration = register(training, 1, contact_email="sup@example.jp", accessibility_needs="手話通訳")
    _attend(training, registration, by, training.sessions.get())
    supporter = Supporter.objects.get()
    supporters.supporter_update(supporter=supporter, actor=by, agrees_to_contact=True, keeps_details=True)
    follow_up = make_event(
        program=chiba, author=chiba_clerk, kind=EventKind.FOLLOW_UP_TRAINING, starts=jst(2027, 3, 1, 14)
    )
    theirs = register(follow_up, 1, contact_email="sup@example.jp")
    _attend(follow_up, theirs, by, follow_up.sessions.get())
    fiscal_year = (chiba, datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))
    before = (
        selectors.supporters_completed(*fiscal_year),
        selectors.attendances_by_category(*fiscal_year),
    )
    # when they withdraw
    supporters.supporter_withdraw(supporter=supporter, actor=by)
    # then no detail of theirs is left, and every count is the same
    rows = Registration.objects.filter(pk__in=[registration.pk, theirs.pk])
    assert set(rows.values_list("name", "contact_email", "contact_phone", "accessibility_needs")) == {
        ("", "", "", "")
    }
    supporter.refresh_from_db()
    assert (supporter.agrees_to_contact, supporter.keeps_details) == (False, False)
    assert supporter.withdrawn_at is not None
    assert (
        selectors.supporters_completed(*fiscal_year),
        selectors.attendances_by_category(*fiscal_year),
    ) == before
    assert before[0] == 1
    assert list(selectors.supporter_list(actor=by)) == []
    assert AccessLog.objects.filter(action="supporter.withdraw", target_id=supporter.public_id).count() == 1
