"""A hand-counted month: October 2026 at 千葉市, written through the services.

Every figure of that month was counted by hand from the list below (see test_figures.py):

A  consulted three times (phone 10/5 with the person, visit 10/12 with the person AND the mother,
   phone 10/26 with the person); registered 4/10 (継続); born 1990-10-20, so 35 on 10/5 (30代);
   male; withdrawn since 2020-01 (81 months: 5〜10年); stage 2 from 10/20; first call by family.
   Records on 9/30 and 11/1 lie outside the month. Referred to ハローワーク on 10/12: connected.
B  family-only case, the person unnamed: the mother on the phone 10/8; the inquiry said 22, female;
   no withdrawal date (不明), no stage (未設定); first call by family.
C  closed 3/1 (連絡途絶), reopened 10/14 with a home visit where only an agency took part; age 45
   recorded (40代), gender 回答しない, withdrawn since 2005 (20年以上), stage 1; no inquiry (不明).
   One record on 2025-10-15: the year before.
D  accompanied to ハローワーク 10/2 with the person (connected); closed 10/30 (サポートがいらない);
   born 2008-03-03 (18: 15〜19歳), female, withdrawn since 2026-01-15 (8 months: 6か月〜1年),
   stage 3 from 9/1; first call by the person.
E  an anonymous phone call 10/9 that never became a case: age and gender unknown.
F  a web request 10/3 by the mother (age 30) that became a case on 10/17 (新規), with a visit by the
   mother that day; born 1996-07-01 (30 on 10/3: 30代), male, withdrawn since 2016-04 (126 months:
   10〜20年), no stage yet; first call by family.
H  a walk-in 10/31 23:30 by the person (17, male) that is not a case yet; inquiries at 9/30 23:50
   and 11/1 00:10 (Tokyo time) lie outside the month.
U  浦安市: an inquiry and a record in October that must not count in 千葉市.
"""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from yorisoi.cases import services as cases
from yorisoi.cases.models import CallerType, Channel, ClosureReason, FamilyRelation, Gender, InquiryStatus
from yorisoi.cases.tests.factories import make_case, make_client, make_inquiry
from yorisoi.consultations import services as support
from yorisoi.consultations.stages import stages_for
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor
from yorisoi.referrals.models import Referral, ReferralStatus
from yorisoi.referrals.tests.factories import make_agency, make_referral

TOKYO = ZoneInfo("Asia/Tokyo")
D = datetime.date


def at(day: datetime.date, hour=10, minute=0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TOKYO)


def record(actor, case, day, mode, *, client=False, family=(), agencies="", inquiry=None, **more):
    return support.record_create(
        actor=actor,
        case=case,
        inquiry=inquiry,
        held_on=day,
        starts_at=datetime.time(10),
        ends_at=datetime.time(11),
        mode=mode,
        staff=actor.user,
        summary="記録",
        client_present=client,
        family_present=family,
        agencies_present=agencies,
        **more,
    )


def mother(actor, case):
    return cases.related_person_add(case=case, actor=actor, relation=FamilyRelation.MOTHER, name="母")


@pytest.fixture
def october(chiba, urayasu, staff):
    return build_october(chiba, urayasu, staff)


def build_october(chiba, urayasu, staff):
    """Write the month described in the module docstring (also used by the browser test)."""
    user = staff("chiba", Role.COUNSELOR)
    actor = Actor(user=user, program=chiba, role=Role.COUNSELOR)
    stage1, stage2, stage3, _ = stages_for(chiba)

    # A
    inquiry_a = make_inquiry(
        program=chiba, actor=actor, received_at=at(D(2026, 4, 1)), caller_type=CallerType.FAMILY
    )
    client_a = make_client(program=chiba, actor=actor, birth_date=D(1990, 10, 20), gender=Gender.MALE)
    a = make_case(
        program=chiba,
        actor=actor,
        primary_staff=user,
        client=client_a,
        inquiry=inquiry_a,
        registered_on=D(2026, 4, 10),
        withdrawal_since=D(2020, 1, 1),
    )
    mother_a = mother(actor, a)
    record(actor, a, D(2026, 9, 30), "phone", client=True)
    record(actor, a, D(2026, 10, 5), "phone", client=True)
    record(actor, a, D(2026, 10, 12), "center_visit", client=True, family=[mother_a])
    record(actor, a, D(2026, 10, 26), "phone", client=True)
    record(actor, a, D(2026, 11, 1), "phone", client=True)
    support.stage_set(case=a, stage=stage1, entered_on=D(2026, 5, 1), note="", actor=actor)
    support.stage_set(case=a, stage=stage2, entered_on=D(2026, 10, 20), note="", actor=actor)
    support.stage_set(case=a, stage=stage3, entered_on=D(2026, 11, 2), note="", actor=actor)
    hello_work = make_agency(program=chiba, actor=actor)
    referral = make_referral(case=a, agency=hello_work, actor=actor, proposed_on=D(2026, 10, 12))
    Referral.objects.filter(pk=referral.pk).update(status=ReferralStatus.CONNECTED)

    # B
    inquiry_b = make_inquiry(
        program=chiba, actor=actor, received_at=at(D(2026, 5, 20)), person_age=22, person_gender=Gender.FEMALE
    )
    b = make_case(
        program=chiba,
        actor=actor,
        primary_staff=user,
        with_client=False,
        inquiry=inquiry_b,
        registered_on=D(2026, 6, 1),
    )
    record(actor, b, D(2026, 10, 8), "phone", family=[mother(actor, b)])

    # C
    client_c = make_client(
        program=chiba, actor=actor, birth_date=None, approximate_age=45, gender=Gender.UNANSWERED
    )
    c = make_case(
        program=chiba,
        actor=actor,
        primary_staff=user,
        client=client_c,
        registered_on=D(2025, 1, 10),
        withdrawal_since=D(2005, 1, 1),
    )
    support.stage_set(case=c, stage=stage1, entered_on=D(2025, 1, 10), note="", actor=actor)
    record(actor, c, D(2025, 10, 15), "phone", client=True)
    cases.case_close(case=c, reason=ClosureReason.LOST_CONTACT, actor=actor, on=D(2026, 3, 1))
    cases.case_reopen(case=c, actor=actor, on=D(2026, 10, 14))
    record(actor, c, D(2026, 10, 14), "home_visit", agencies="保健福祉センター")

    # D
    inquiry_d = make_inquiry(
        program=chiba,
        actor=actor,
        received_at=at(D(2026, 1, 20)),
        caller_type=CallerType.SELF,
        family_relation="",
    )
    client_d = make_client(program=chiba, actor=actor, birth_date=D(2008, 3, 3), gender=Gender.FEMALE)
    d = make_case(
        program=chiba,
        actor=actor,
        primary_staff=user,
        client=client_d,
        inquiry=inquiry_d,
        registered_on=D(2026, 2, 1),
        withdrawal_since=D(2026, 1, 15),
    )
    support.stage_set(case=d, stage=stage3, entered_on=D(2026, 9, 1), note="", actor=actor)
    record(
        actor,
        d,
        D(2026, 10, 2),
        "accompaniment",
        client=True,
        accompaniment_destination="hello_work",
        accompaniment_outcome="connected",
    )
    make_referral(case=d, agency=hello_work, actor=actor, proposed_on=D(2026, 9, 20))
    cases.case_close(case=d, reason=ClosureReason.NO_LONGER_NEEDED, actor=actor, on=D(2026, 10, 30))

    # E
    make_inquiry(
        program=chiba,
        actor=actor,
        received_at=at(D(2026, 10, 9)),
        caller_type=CallerType.ANONYMOUS,
        family_relation="",
        caller_name="",
        contact_phone="",
        status=InquiryStatus.NO_FURTHER_CONTACT,
    )

    # F
    inquiry_f = make_inquiry(
        program=chiba, actor=actor, received_at=at(D(2026, 10, 3)), channel=Channel.WEB, person_age=30
    )
    client_f = make_client(program=chiba, actor=actor, birth_date=D(1996, 7, 1), gender=Gender.MALE)
    f = make_case(
        program=chiba,
        actor=actor,
        primary_staff=user,
        client=client_f,
        inquiry=inquiry_f,
        registered_on=D(2026, 10, 17),
        withdrawal_since=D(2016, 4, 1),
    )
    record(actor, f, D(2026, 10, 17), "center_visit", family=[mother(actor, f)])

    # H, and the inquiries just outside the month
    for received, age in (
        (at(D(2026, 10, 31), 23, 30), 17),
        (at(D(2026, 9, 30), 23, 50), 40),
        (at(D(2026, 11, 1), 0, 10), 40),
    ):
        make_inquiry(
            program=chiba,
            actor=actor,
            received_at=received,
            channel=Channel.WALK_IN,
            caller_type=CallerType.SELF,
            family_relation="",
            person_age=age,
            person_gender=Gender.MALE,
        )

    # U
    u_user = staff("urayasu", Role.COUNSELOR)
    u_actor = Actor(user=u_user, program=urayasu, role=Role.COUNSELOR)
    u_inquiry = make_inquiry(program=urayasu, actor=u_actor, received_at=at(D(2026, 10, 10)))
    u_case = make_case(
        program=urayasu, actor=u_actor, primary_staff=u_user, inquiry=u_inquiry, registered_on=D(2026, 10, 10)
    )
    record(u_actor, u_case, D(2026, 10, 10), "city_hall", client=True)

    return SimpleNamespace(program=chiba, stages=(stage1, stage2, stage3))
