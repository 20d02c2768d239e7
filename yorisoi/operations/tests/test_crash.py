"""The kill harness at a small count (the full count is ``make crash-trials``)."""

import uuid

import pytest

from yorisoi.cases.models import Case, CaseStatus
from yorisoi.operations.crash.harness import half_written_units, lost_acknowledgements, prepare, run_trials
from yorisoi.programs.models import Program

pytestmark = pytest.mark.django_db(transaction=True)  # the child writes through its own connection


def test_five_kills_lose_no_acknowledged_write_and_leave_no_half_unit():
    # when the child running the real write paths is killed five times
    figures = run_trials(5, seed=14, max_delay=0.8)
    # then
    assert figures.trials == 5
    assert sum(figures.acknowledged.values()) > 0, "the child acknowledged nothing: the trial proved nothing"
    assert figures.lost == []
    assert figures.half_written == []
    assert figures.integrity == []
    # at most one closure per trial can be committed and killed before its acknowledgement was printed
    unacknowledged = Case.objects.filter(status=CaseStatus.CLOSED).count() - figures.acknowledged["close"]
    assert 0 <= unacknowledged <= figures.trials


def test_the_checks_see_a_lost_write_and_a_half_written_case(django_user_model):
    """The harness's own checks fail when something is missing (so a green run means something)."""
    # given
    prepare()
    staff = django_user_model.objects.get(username="crash_counselor")
    Case.objects.create(
        program=Program.objects.get(slug="chiba"), number=1, registered_on="2026-04-01", primary_staff=staff
    )
    # then
    assert lost_acknowledgements([f"ACK inquiry {uuid.uuid4()}"]) != []
    assert half_written_units() == [
        "case without its registration change: 1",
        "case without its registration entry: 1",
    ]
