import datetime

import pytest

from yorisoi.audit.models import AccessLog
from yorisoi.cases.services import CrossProgramError, consent_withdraw
from yorisoi.cases.tests.factories import make_case
from yorisoi.referrals import services
from yorisoi.referrals.consent import agency_key, consent_names_agency
from yorisoi.referrals.models import AgencyKind, Referral, ReferralStatusChange
from yorisoi.referrals.tests.factories import make_agency, make_referral, record_consent

REFUSAL = (
    "この連携先（ハローワーク千葉）との情報共有について、同意が記録されていません。"
    "同意を記録してから、もう一度お試しください。"
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ハローワーク　千葉", "ハローワーク千葉"),
        ("ﾊﾛｰﾜｰｸ千葉", "ハローワーク千葉"),
        (" 美浜 保健福祉センター ", "美浜保健福祉センター"),
        ("ＡＢＣクリニック", "abcクリニック"),
        ("", ""),
    ],
)
def test_agency_key_ignores_width_spaces_and_case(text, key):
    assert agency_key(text) == key


@pytest.mark.parametrize(
    ("lines", "covered"),
    [
        (["ハローワーク千葉"], True),  # the name
        (["ﾊﾛｰﾜｰｸ　千葉"], True),  # the name, typed in half-width with a space
        (["ハローワーク"], True),  # the kind's label
        (["保健福祉センター、ハローワーク"], True),  # several on one line
        (["美浜保健福祉センター", " ハローワーク "], True),
        (["ハローワーク市川"], False),  # another agency of the same kind
        (["ハローワーク千葉中央"], False),  # a longer name is another agency
        (["就労支援機関"], False),  # another kind
        ([], False),
    ],
)
def test_consent_names_agency_by_name_or_kind_label(lines, covered):
    assert consent_names_agency(lines, name="ハローワーク千葉", kind=AgencyKind.HELLO_WORK) is covered


def test_other_is_not_a_kind_anybody_consents_to():
    assert consent_names_agency(["その他"], name="NPO法人ひだまり（架空）", kind=AgencyKind.OTHER) is False
    assert consent_names_agency(
        ["NPO法人ひだまり（架空）"], name="NPO法人ひだまり（架空）", kind=AgencyKind.OTHER
    )


@pytest.fixture
def case(chiba, chiba_counselor):
    return make_case(program=chiba, actor=chiba_counselor)


@pytest.fixture
def agency(chiba, chiba_counselor):
    return make_agency(
        program=chiba, actor=chiba_counselor, name="ハローワーク千葉", kind=AgencyKind.HELLO_WORK
    )


def test_sharing_is_allowed_when_the_consent_names_the_agency(case, agency, chiba_counselor):
    # given a consent naming the agency
    record_consent(case=case, actor=chiba_counselor, shares_with="美浜保健福祉センター\nハローワーク千葉")
    # when a referral sharing personal information is proposed
    referral = make_referral(case=case, agency=agency, actor=chiba_counselor, shares_personal_info=True)
    # then it is recorded
    assert (referral.shares_personal_info, Referral.objects.count()) == (True, 1)


def test_sharing_is_allowed_when_the_consent_names_the_agencys_kind(case, agency, chiba_counselor):
    record_consent(case=case, actor=chiba_counselor, shares_with="ハローワーク")
    referral = make_referral(case=case, agency=agency, actor=chiba_counselor, shares_personal_info=True)
    assert (referral.shares_personal_info, Referral.objects.count()) == (True, 1)


def test_sharing_without_consent_is_refused_in_plain_japanese_and_nothing_is_written(
    case, agency, chiba_counselor
):
    # given a consent naming other agencies only
    record_consent(case=case, actor=chiba_counselor, shares_with="美浜保健福祉センター")
    logs = AccessLog.objects.count()
    # when a referral sharing personal information is proposed
    with pytest.raises(services.ConsentNotCovered) as refused:
        make_referral(case=case, agency=agency, actor=chiba_counselor, shares_personal_info=True)
    # then it is refused, saying what to do, and nothing was written
    assert refused.value.messages == [REFUSAL]
    assert (Referral.objects.count(), ReferralStatusChange.objects.count(), AccessLog.objects.count()) == (
        0,
        0,
        logs,
    )


def test_a_withdrawn_consent_does_not_count(case, agency, chiba_counselor):
    # given a consent naming the agency, withdrawn since
    consent = record_consent(case=case, actor=chiba_counselor, shares_with="ハローワーク千葉")
    consent_withdraw(consent=consent, actor=chiba_counselor, on=datetime.date(2026, 4, 20), note="撤回")
    # when a referral sharing personal information is proposed
    with pytest.raises(services.ConsentNotCovered):
        make_referral(case=case, agency=agency, actor=chiba_counselor, shares_personal_info=True)
    # then nothing was written
    assert Referral.objects.count() == 0


def test_another_cases_consent_does_not_count(chiba, case, agency, chiba_counselor):
    other = make_case(program=chiba, actor=chiba_counselor)
    record_consent(case=other, actor=chiba_counselor, shares_with="ハローワーク千葉")
    with pytest.raises(services.ConsentNotCovered):
        make_referral(case=case, agency=agency, actor=chiba_counselor, shares_personal_info=True)
    assert Referral.objects.count() == 0


def test_not_sharing_personal_information_needs_no_consent(case, agency, chiba_counselor):
    # given a case without any consent
    # when a referral that shares nothing is proposed (the person will call the agency themselves)
    referral = make_referral(case=case, agency=agency, actor=chiba_counselor, shares_personal_info=False)
    # then it is recorded
    assert (referral.shares_personal_info, Referral.objects.count()) == (False, 1)


def test_an_agency_of_the_other_program_is_refused_in_the_service(case, urayasu, staff, chiba_counselor):
    # given an agency of Urayasu
    from yorisoi.programs.models import Role

    urayasu_agency = make_agency(
        program=urayasu, actor=staff("urayasu", Role.COUNSELOR), name="ハローワーク市川"
    )
    # when a Chiba case is referred to it
    with pytest.raises(CrossProgramError):
        make_referral(case=case, agency=urayasu_agency, actor=chiba_counselor)
    # then nothing was written
    assert (Referral.objects.count(), ReferralStatusChange.objects.count()) == (0, 0)
