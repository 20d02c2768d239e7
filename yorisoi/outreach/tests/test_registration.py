"""Capacity, the waiting list and its promotion, refusals, cancellation by link, the last-seat race."""

import threading

import pytest
from django.db import connections

from yorisoi.audit.models import AccessLog
from yorisoi.outreach import services
from yorisoi.outreach.models import EventKind, Registration, RegistrationChannel, RegistrationStatus
from yorisoi.outreach.tests.factories import actor, details, in_days, make_event, register


def _statuses(event):
    return list(Registration.objects.filter(event=event).order_by("number").values_list("number", "status"))


def test_registrations_fill_the_seats_then_a_full_event_offers_the_waiting_list(seminar):
    # given a seminar with two seats, both taken
    register(seminar, 1)
    register(seminar, 2)
    # when a third person registers without asking for the waiting list
    with pytest.raises(services.EventFull) as refusal:
        register(seminar, 3)
    # then they are told it is full and offered the waiting list; nothing was stored
    assert refusal.value.messages == ["定員に達しました。キャンセル待ちとしてお申し込みいただけます。"]
    assert _statuses(seminar) == [(1, "confirmed"), (2, "confirmed")]
    # when they ask for the waiting list, they wait
    waiting = register(seminar, 3, waiting=True)
    assert (waiting.status, waiting.label) == (RegistrationStatus.WAITING, f"{seminar.pk}-003")


def test_a_cancellation_moves_the_first_waiting_person_up(seminar, chiba, chiba_clerk):
    # given two confirmed and two waiting
    first, _second = register(seminar, 1), register(seminar, 2)
    third, fourth = register(seminar, 3, waiting=True), register(seminar, 4, waiting=True)
    # when the first cancels
    promoted = services.registration_cancel(registration=first, actor=actor(chiba_clerk, chiba))
    # then exactly the earliest waiter moved up, with the time, and the other still waits
    assert [r.pk for r in promoted] == [third.pk]
    assert _statuses(seminar) == [(1, "cancelled"), (2, "confirmed"), (3, "confirmed"), (4, "waiting")]
    third.refresh_from_db()
    assert third.promoted_at is not None and third.promotion_told_at is None
    entry = AccessLog.objects.get(action="registration.cancel")
    assert entry.data == {"promoted": [str(third.public_id)]}
    fourth.refresh_from_db()
    assert fourth.promoted_at is None


def test_a_waiting_registration_cancelled_promotes_nobody(seminar):
    register(seminar, 1), register(seminar, 2)
    waiting = register(seminar, 3, waiting=True)
    assert services.registration_cancel(registration=waiting) == []
    assert _statuses(seminar) == [(1, "confirmed"), (2, "confirmed"), (3, "cancelled")]


def test_raising_the_capacity_promotes_and_lowering_below_the_seats_taken_is_refused(
    seminar, chiba, chiba_clerk
):
    by = actor(chiba_clerk, chiba)
    register(seminar, 1), register(seminar, 2), register(seminar, 3, waiting=True)
    # when capacity is lowered below the two seats taken: refused with the count, nothing changed
    with pytest.raises(services.CapacityBelowRegistrations) as refusal:
        services.event_update(event=seminar, actor=by, capacity=1)
    assert refusal.value.messages == ["すでに2人の参加が決まっています。定員は2人以上にしてください。"]
    seminar.refresh_from_db()
    assert seminar.capacity == 2
    # when it is raised to three, the waiter moves up
    promoted = services.event_update(event=seminar, actor=by, capacity=3)
    assert [r.number for r in promoted] == [3]
    assert _statuses(seminar) == [(1, "confirmed"), (2, "confirmed"), (3, "confirmed")]


def test_the_same_contact_twice_is_told_kindly_and_not_duplicated(seminar):
    register(seminar, 1, contact_email="Mother@Example.jp")
    with pytest.raises(services.RegistrationRefused) as refusal:
        register(seminar, 2, contact_email="mother@example.jp")
    assert refusal.value.field == "contact_email"
    assert "すでにお申し込みを受け付けています" in refusal.value.messages[0]
    register(seminar, 3, contact_email="", contact_phone="090-1111-2222")
    with pytest.raises(services.RegistrationRefused) as by_phone:
        register(seminar, 4, contact_email="", contact_phone="09011112222")
    assert by_phone.value.field == "contact_phone"
    assert Registration.objects.filter(event=seminar).count() == 2


def test_a_cancelled_registration_may_register_again(seminar):
    first = register(seminar, 1)
    services.registration_cancel(registration=first)
    again = register(seminar, 1)
    assert again.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("cancelled", "この催しは中止になりました。お申し込みはできません。"),
        ("past", "この催しはすでに始まっているか、終わっています。"),
        ("closed", "この催しは、ウェブでのお申し込みを受け付けていません。"),
        ("deadline", "お申し込みの締め切りを過ぎました。"),
        ("draft", "この催しは、ウェブでのお申し込みを受け付けていません。"),
    ],
)
def test_registration_is_refused_for_an_event_that_takes_none(change, message, chiba, chiba_clerk):
    # given an event in one of the states that takes no web registration
    by = actor(chiba_clerk, chiba)
    starts = in_days(-1) if change == "past" else in_days(10)
    event = make_event(program=chiba, author=chiba_clerk, starts=starts, publish=change != "draft")
    if change == "cancelled":
        services.event_cancel(event=event, actor=by, note="講師の体調不良のため")
    elif change == "closed":
        services.event_update(event=event, actor=by, registration_open=False)
    elif change == "deadline":
        services.event_update(event=event, actor=by, registration_closes_at=in_days(-1))
    # when someone registers on the web
    with pytest.raises(services.RegistrationRefused) as refusal:
        register(event, 1)
    # then they are told why, and nothing is stored
    assert refusal.value.messages == [message]
    assert Registration.objects.filter(event=event).count() == 0


def test_staff_may_register_a_caller_after_web_registration_closed(chiba, chiba_clerk):
    by = actor(chiba_clerk, chiba)
    event = make_event(program=chiba, author=chiba_clerk, registration_open=False)
    registration, _ = services.registration_create(
        event=event, details=details(1), channel=RegistrationChannel.STAFF, actor=by
    )
    assert (registration.status, registration.created_by) == (RegistrationStatus.CONFIRMED, chiba_clerk)


def test_a_contact_is_needed_unless_the_event_says_none_is(chiba, chiba_clerk):
    seminar = make_event(program=chiba, author=chiba_clerk)
    with pytest.raises(services.RegistrationRefused) as refusal:
        register(seminar, 1, contact_email="")
    assert refusal.value.messages == ["この催しでは、メールか電話番号のどちらかが必要です。"]
    meeting = make_event(
        program=chiba, author=chiba_clerk, kind=EventKind.FAMILY_MEETING, contact_required=False
    )
    anonymous = register(meeting, 1, name="ひまわり", is_nickname=True, contact_email="")
    assert (anonymous.name, anonymous.is_nickname, anonymous.contact_email) == ("ひまわり", True, "")
    assert Registration.objects.filter(event=seminar).count() == 0


def test_a_nickname_is_only_a_nickname_where_anonymity_is_normal(seminar):
    registration = register(seminar, 1, is_nickname=True)
    assert registration.is_nickname is False


def test_the_cancellation_token_is_stored_only_as_a_hash_and_finds_only_its_own_registration(seminar):
    first, first_token = services.registration_create(event=seminar, details=details(1), channel="web")
    second, second_token = services.registration_create(event=seminar, details=details(2), channel="web")
    assert first_token not in first.cancel_token_hash and len(first_token) >= 32
    assert services.registration_for_token(first_token).pk == first.pk
    assert services.registration_for_token(second_token).pk == second.pk
    assert services.registration_for_token(first_token[:-1]) is None
    assert services.registration_for_token("") is None


def test_walk_ins_skip_capacity_and_are_marked_present(seminar, chiba, chiba_clerk):
    register(seminar, 1), register(seminar, 2)
    session = seminar.sessions.get()
    walk_in = services.walk_in_add(
        session=session, details=details(9, contact_email=""), actor=actor(chiba_clerk, chiba)
    )
    assert (walk_in.status, walk_in.channel) == (RegistrationStatus.CONFIRMED, RegistrationChannel.WALK_IN)
    assert list(walk_in.attendances.values_list("session_id", flat=True)) == [session.pk]
    # the walk-in took no advance seat: a cancellation still promotes a waiter
    assert services.seats_taken(seminar) == 2


@pytest.mark.django_db(transaction=True)
def test_two_registrations_racing_for_the_last_seat_exactly_one_gets_it(chiba, staff):
    """PostgreSQL locks the event row; SQLite's IMMEDIATE transactions queue the second writer."""
    # given a seminar with one seat left
    from yorisoi.programs.models import Role

    clerk = staff("chiba", Role.CLERK)
    event = make_event(program=chiba, author=clerk, capacity=2)
    register(event, 1)
    barrier, outcomes = threading.Barrier(2), []

    def take(n):
        try:
            barrier.wait()
            register(event, n)
            outcomes.append("seat")
        except services.EventFull:
            outcomes.append("full")
        finally:
            connections.close_all()

    # when two people register at the same moment
    threads = [threading.Thread(target=take, args=(n,)) for n in (2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # then exactly one gets the seat and the other is offered the waiting list
    assert sorted(outcomes) == ["full", "seat"]
    assert Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 2
    assert sorted(Registration.objects.filter(event=event).values_list("number", flat=True)) == [1, 2]
