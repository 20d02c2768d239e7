import datetime

import pytest

from yorisoi.audit.models import AccessLog
from yorisoi.cases.services import consent_withdraw
from yorisoi.cases.tests.factories import make_case
from yorisoi.referrals import services
from yorisoi.referrals.models import Referral, ReferralStatus, ReferralStatusChange
from yorisoi.referrals.tests.factories import make_agency, make_referral, record_consent
from yorisoi.referrals.transitions import ALLOWED_TRANSITIONS, TransitionNotAllowed

S = ReferralStatus
ALLOWED = {
    (S.PROPOSED, S.ARRANGING),
    (S.PROPOSED, S.CONNECTED),
    (S.PROPOSED, S.NOT_CONNECTED),
    (S.PROPOSED, S.WITHDRAWN),
    (S.ARRANGING, S.CONNECTED),
    (S.ARRANGING, S.NOT_CONNECTED),
    (S.ARRANGING, S.WITHDRAWN),
}
PAIRS = [(a, b) for a in S.values for b in S.values]
PROPOSED_ON = datetime.date(2026, 4, 10)
MOVED_ON = datetime.date(2026, 4, 20)


def _referral_in(status, *, program, actor) -> Referral:
    case = make_case(program=program, actor=actor, registered_on=PROPOSED_ON)
    referral = make_referral(case=case, agency=make_agency(program=program, actor=actor), actor=actor)
    if status != S.PROPOSED:
        referral = services.referral_transition(
            referral=referral, to_status=status, actor=actor, on=datetime.date(2026, 4, 15)
        )
    return referral


def test_the_table_is_the_one_the_tests_walk():
    assert {(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets} == ALLOWED


@pytest.mark.parametrize(("current", "target"), [p for p in PAIRS if p in ALLOWED])
def test_allowed_move_changes_status_dates_history_version_and_log(current, target, chiba, chiba_counselor):
    # given a referral in ``current``
    referral = _referral_in(current, program=chiba, actor=chiba_counselor)
    version = referral.version
    # when it moves to ``target``
    services.referral_transition(
        referral=referral, to_status=target, actor=chiba_counselor, on=MOVED_ON, note="本人と窓口へ"
    )
    # then the row, its history and the access log all say so
    referral.refresh_from_db()
    assert referral.status == target
    assert referral.version == version + 1
    if target == S.ARRANGING:
        assert (referral.arranged_on, referral.outcome_on, referral.outcome_note) == (MOVED_ON, None, "")
    else:
        assert (referral.outcome_on, referral.outcome_note) == (MOVED_ON, "本人と窓口へ")
    last = ReferralStatusChange.objects.filter(referral=referral).order_by("id").last()
    assert (last.from_status, last.to_status, last.changed_on, last.note, last.actor) == (
        current,
        target,
        MOVED_ON,
        "本人と窓口へ",
        chiba_counselor,
    )
    entry = AccessLog.objects.filter(action=f"referral.{target}").get()
    assert (entry.target_id, entry.subject_id, entry.data) == (
        referral.public_id,
        referral.case.public_id,
        {"from": current, "to": target},
    )


@pytest.mark.parametrize(("current", "target"), [p for p in PAIRS if p not in ALLOWED])
def test_refused_move_raises_in_japanese_and_changes_nothing(current, target, chiba, chiba_counselor):
    # given a referral in ``current``
    referral = _referral_in(current, program=chiba, actor=chiba_counselor)
    before = Referral.objects.values().get(pk=referral.pk)
    changes, logs = ReferralStatusChange.objects.count(), AccessLog.objects.count()
    # when it is asked to move to ``target``
    with pytest.raises(TransitionNotAllowed) as refused:
        services.referral_transition(referral=referral, to_status=target, actor=chiba_counselor, on=MOVED_ON)
    # then it says why in Japanese, and nothing changed
    assert refused.value.messages == [f"「{S(current).label}」から「{S(target).label}」には変更できません。"]
    assert Referral.objects.values().get(pk=referral.pk) == before
    assert (ReferralStatusChange.objects.count(), AccessLog.objects.count()) == (changes, logs)


def test_a_new_referral_starts_as_a_proposal_with_one_history_row(chiba, chiba_counselor):
    # given a case and an agency
    case = make_case(program=chiba, actor=chiba_counselor, registered_on=PROPOSED_ON)
    agency = make_agency(program=chiba, actor=chiba_counselor)
    # when a counselor proposes the referral
    referral = make_referral(case=case, agency=agency, actor=chiba_counselor, purpose="見学を提案")
    # then it is a proposal of that date, with its first history row and a log entry
    assert (referral.status, referral.proposed_on, referral.version, referral.program) == (
        S.PROPOSED,
        PROPOSED_ON,
        1,
        chiba,
    )
    assert list(ReferralStatusChange.objects.values_list("from_status", "to_status", "note")) == [
        ("", S.PROPOSED, "見学を提案")
    ]
    assert AccessLog.objects.filter(action="referral.create", target_id=referral.public_id).count() == 1


def test_a_stale_version_is_refused_and_changes_nothing(chiba, chiba_counselor):
    # given a referral somebody else already moved on
    referral = _referral_in(S.PROPOSED, program=chiba, actor=chiba_counselor)
    services.referral_transition(referral=referral, to_status=S.ARRANGING, actor=chiba_counselor, on=MOVED_ON)
    changes = ReferralStatusChange.objects.count()
    # when a form opened before that is sent
    with pytest.raises(services.StaleReferralError):
        services.referral_transition(
            referral=referral, to_status=S.WITHDRAWN, actor=chiba_counselor, on=MOVED_ON, expected_version=1
        )
    # then nothing changed
    referral.refresh_from_db()
    assert (referral.status, referral.version, ReferralStatusChange.objects.count()) == (
        S.ARRANGING,
        2,
        changes,
    )


def test_moving_forward_after_the_consent_was_withdrawn_is_refused_but_withdrawing_is_not(
    chiba, chiba_counselor
):
    # given a referral sharing personal information, whose consent was withdrawn afterwards
    case = make_case(program=chiba, actor=chiba_counselor, registered_on=PROPOSED_ON)
    consent = record_consent(case=case, actor=chiba_counselor, shares_with="ハローワーク")
    referral = make_referral(
        case=case,
        agency=make_agency(program=chiba, actor=chiba_counselor),
        actor=chiba_counselor,
        shares_personal_info=True,
    )
    consent_withdraw(consent=consent, actor=chiba_counselor, on=MOVED_ON, note="本人の希望で撤回")
    # when it is moved on to 調整中
    with pytest.raises(services.ConsentNotCovered):
        services.referral_transition(referral=referral, to_status=S.ARRANGING, actor=chiba_counselor)
    # then it stays a proposal, and it can still be withdrawn
    referral.refresh_from_db()
    assert (referral.status, referral.version) == (S.PROPOSED, 1)
    services.referral_transition(referral=referral, to_status=S.WITHDRAWN, actor=chiba_counselor, on=MOVED_ON)
    referral.refresh_from_db()
    assert referral.status == S.WITHDRAWN


def test_follow_up_is_planned_and_logged(chiba, chiba_counselor):
    # given a connected referral
    referral = _referral_in(S.CONNECTED, program=chiba, actor=chiba_counselor)
    # when a follow-up is planned
    services.referral_follow_up(
        referral=referral,
        actor=chiba_counselor,
        follow_up_on=datetime.date(2026, 5, 15),
        follow_up_note="通い続けられているか本人に聞く",
        expected_version=referral.version,
    )
    # then it is kept, and logged
    referral.refresh_from_db()
    assert (referral.follow_up_on, referral.follow_up_note, referral.version) == (
        datetime.date(2026, 5, 15),
        "通い続けられているか本人に聞く",
        3,
    )
    assert AccessLog.objects.get(action="referral.follow_up").data == {"follow_up_on": "2026-05-15"}
