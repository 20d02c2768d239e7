import datetime
from itertools import product

import pytest

from yorisoi.audit.models import AccessLog
from yorisoi.cases import services
from yorisoi.cases.models import Case, CaseStatus, CaseStatusChange, ClosureReason, Consent
from yorisoi.cases.tests.factories import make_case, make_client, make_inquiry
from yorisoi.cases.transitions import ALLOWED_TRANSITIONS, TransitionNotAllowed

ALLOWED = {(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets}


def test_the_lifecycle_table_is_the_one_the_program_describes():
    assert ALLOWED == {
        (CaseStatus.INTAKE, CaseStatus.INITIAL),
        (CaseStatus.INTAKE, CaseStatus.CLOSED),
        (CaseStatus.INITIAL, CaseStatus.CONTINUING),
        (CaseStatus.INITIAL, CaseStatus.CLOSED),
        (CaseStatus.CONTINUING, CaseStatus.CLOSED),
        (CaseStatus.CLOSED, CaseStatus.REOPENED),
        (CaseStatus.REOPENED, CaseStatus.CONTINUING),
        (CaseStatus.REOPENED, CaseStatus.CLOSED),
    }


@pytest.mark.parametrize(("current", "target"), sorted(product(CaseStatus.values, CaseStatus.values)))
def test_every_transition_is_allowed_or_refused_with_nothing_changed(chiba, chiba_counselor, current, target):
    # given a case in ``current``
    case = make_case(program=chiba, actor=chiba_counselor)
    Case.objects.filter(pk=case.pk).update(status=current)
    case.refresh_from_db()
    history_before = CaseStatusChange.objects.filter(case=case).count()
    log_before = AccessLog.objects.filter(subject_id=case.public_id).count()
    # when moving it to ``target``
    if (current, target) in ALLOWED:
        services.case_transition(
            case=case, to_status=target, actor=chiba_counselor, on=datetime.date(2026, 5, 1)
        )
        # then it moved, and the move is in the history and the log
        case.refresh_from_db()
        assert case.status == target
        assert CaseStatusChange.objects.filter(case=case).count() == history_before + 1
        assert AccessLog.objects.filter(subject_id=case.public_id, action=f"case.{target}").count() == 1
    else:
        with pytest.raises(TransitionNotAllowed):
            services.case_transition(case=case, to_status=target, actor=chiba_counselor)
        # then nothing changed
        case.refresh_from_db()
        assert case.status == current
        assert CaseStatusChange.objects.filter(case=case).count() == history_before
        assert AccessLog.objects.filter(subject_id=case.public_id).count() == log_before


def test_close_and_reopen_keep_the_whole_history_and_count_as_reopening(chiba, chiba_counselor):
    case = make_case(program=chiba, actor=chiba_counselor, registered_on=datetime.date(2026, 4, 10))
    services.case_transition(
        case=case, to_status=CaseStatus.CONTINUING, actor=chiba_counselor, on=datetime.date(2026, 4, 20)
    )
    services.case_close(
        case=case, reason=ClosureReason.NO_LONGER_NEEDED, actor=chiba_counselor, on=datetime.date(2026, 6, 1)
    )
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.closure_reason) == (
        CaseStatus.CLOSED,
        datetime.date(2026, 6, 1),
        ClosureReason.NO_LONGER_NEEDED,
    )
    services.case_reopen(
        case=case, actor=chiba_counselor, on=datetime.date(2026, 10, 1), note="母から再度連絡"
    )
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.closure_reason) == (CaseStatus.REOPENED, None, "")
    steps = list(CaseStatusChange.objects.filter(case=case).values_list("to_status", "changed_on"))
    assert steps == [
        (CaseStatus.INITIAL, datetime.date(2026, 4, 10)),
        (CaseStatus.CONTINUING, datetime.date(2026, 4, 20)),
        (CaseStatus.CLOSED, datetime.date(2026, 6, 1)),
        (CaseStatus.REOPENED, datetime.date(2026, 10, 1)),
    ]
    # the same person, one case: a reopening is not a new person
    assert Case.objects.filter(client=case.client).count() == 1


def test_a_case_cannot_be_closed_before_it_was_registered(chiba, chiba_counselor):
    from django.db import IntegrityError, transaction

    case = make_case(program=chiba, actor=chiba_counselor, registered_on=datetime.date(2026, 4, 10))
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_on=datetime.date(2026, 4, 1))


def test_consent_history_keeps_the_withdrawn_consent(chiba, chiba_counselor):
    case = make_case(program=chiba, actor=chiba_counselor)
    first = services.consent_record(
        case=case,
        actor=chiba_counselor,
        given_by="family",
        given_on=datetime.date(2026, 4, 10),
        method="written",
        explained="個人情報の取り扱いを説明",
        shares_with="保健福祉センター\nハローワーク",
        sensitive_info_recording=True,
    )
    services.consent_withdraw(
        consent=first,
        actor=chiba_counselor,
        on=datetime.date(2026, 5, 1),
        note="ハローワークとの共有はやめたい",
    )
    second = services.consent_record(
        case=case,
        actor=chiba_counselor,
        given_by="self",
        given_on=datetime.date(2026, 5, 1),
        method="verbal",
        explained="改めて説明",
        shares_with="保健福祉センター",
    )
    history = list(Consent.objects.filter(case=case).order_by("given_on", "id"))
    assert history == [first, second]
    assert history[0].withdrawn_on == datetime.date(2026, 5, 1) and history[0].is_active is False
    assert history[0].shared_agencies == ["保健福祉センター", "ハローワーク"]
    assert history[1].is_active and history[1].shared_agencies == ["保健福祉センター"]
    assert AccessLog.objects.filter(subject_id=case.public_id, action="consent.withdraw").count() == 1


def test_a_service_refuses_to_join_rows_of_two_programs(chiba, urayasu, chiba_counselor, urayasu_counselor):
    urayasu_client = make_client(program=urayasu, actor=urayasu_counselor)
    with pytest.raises(services.CrossProgramError):
        make_case(program=chiba, actor=chiba_counselor, client=urayasu_client)
    assert Case.objects.filter(client=urayasu_client).count() == 0


def test_registering_from_an_inquiry_marks_it_registered(chiba, chiba_counselor):
    inquiry = make_inquiry(program=chiba, actor=chiba_counselor)
    case = make_case(program=chiba, actor=chiba_counselor, inquiry=inquiry)
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.case) == ("registered", case)


def test_a_stale_edit_is_refused_and_overwrites_nothing(chiba, chiba_counselor):
    case = make_case(program=chiba, actor=chiba_counselor, wishes="最初の希望")
    services.case_update(case=case, actor=chiba_counselor, expected_version=1, wishes="Aさんの保存")
    with pytest.raises(services.StaleCaseError):
        services.case_update(case=case, actor=chiba_counselor, expected_version=1, wishes="Bさんの保存")
    case.refresh_from_db()
    assert (case.wishes, case.version) == ("Aさんの保存", 2)


def test_case_numbers_count_up_per_program(chiba, urayasu, chiba_counselor, urayasu_counselor):
    first, second = (
        make_case(program=chiba, actor=chiba_counselor),
        make_case(program=chiba, actor=chiba_counselor),
    )
    other = make_case(program=urayasu, actor=urayasu_counselor)
    assert (first.label, second.label, other.label) == ("C-0001", "C-0002", "C-0001")
