from yorisoi.cases.tests.factories import make_case
from yorisoi.referrals.demo import create_demo_referrals
from yorisoi.referrals.models import PartnerAgency, Referral, ReferralStatus
from yorisoi.referrals.tests.factories import record_consent


def test_demo_adds_agencies_and_referrals_once_per_program(chiba, urayasu, chiba_counselor):
    # given some Chiba cases, the first with a consent to share with ハローワーク
    cases = [make_case(program=chiba, actor=chiba_counselor) for _ in range(8)]
    record_consent(case=cases[0], actor=chiba_counselor, shares_with="ハローワーク")
    # when the demo is seeded twice
    create_demo_referrals(chiba, [chiba_counselor])
    create_demo_referrals(chiba, [chiba_counselor])
    # then Chiba has its agencies and six referrals in every state, sharing only where consented
    assert PartnerAgency.objects.filter(program=chiba).count() == 6
    assert PartnerAgency.objects.filter(program=urayasu).count() == 0
    statuses = sorted(Referral.objects.filter(program=chiba).values_list("status", flat=True))
    assert statuses == sorted(
        [
            ReferralStatus.CONNECTED,
            ReferralStatus.ARRANGING,
            ReferralStatus.CONNECTED,
            ReferralStatus.WITHDRAWN,
            ReferralStatus.PROPOSED,
            ReferralStatus.NOT_CONNECTED,
        ]
    )
    assert list(Referral.objects.filter(shares_personal_info=True).values_list("case", flat=True)) == [
        cases[0].pk
    ]
