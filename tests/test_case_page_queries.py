"""The pages of a case read each table once, in a fixed number of queries however long the history.

Header, sections and timeline share the rows (``cases/case_page.py`` ``CaseRows``); these tests span
the apps that add to the case page, so they live here rather than in one app.
"""

import datetime
import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from yorisoi.appointments.models import Appointment, AppointmentKind
from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import CaseStatus, CaseStatusChange, Consent, Inquiry, RelatedPerson
from yorisoi.cases.tests.factories import make_case
from yorisoi.consultations.models import (
    Achievement,
    ConsultationRecord,
    Goal,
    LifeChange,
    RiskFlag,
    StageTransition,
    SupportPlan,
)
from yorisoi.consultations.stages import stages_for
from yorisoi.programs.models import Place
from yorisoi.referrals.models import PartnerAgency, Referral, ReferralStatusChange

DAY0 = datetime.date(2020, 1, 1)

# The case page, whatever the history, on a session's later request: the request's own 2 (session,
# user; memberships are cached per session and the session is written at most once a minute), the
# case, 15 reads of its rows (people, consents, inquiries, status changes, risk flags, stage
# transitions, records and who took part, life changes, achievements, the plan and its goals,
# appointments, referrals and their moves) and the access-log entry (5: savepoint, chain head,
# previous hash, insert, release).
CASE_PAGE_QUERIES = 23
# A form under the case shows only the header: the request's 2, the case, its open risk flags and
# its current stage, the access-log entry (5) and the form's two staff lists (2).
CASE_EDIT_QUERIES = 12
HEADER_TABLES = ["cases_case", "consultations_riskflag", "consultations_stagetransition"]
# The print shows the case page's parts: the same reads as the case page.
CASE_PRINT_QUERIES = 23
# The timeline filtered to records or flags: status changes and referral moves are not read.
ONE_KIND_QUERIES = CASE_PAGE_QUERIES - 2

# 「もっと見る」 (htmx): the timeline's next entries only. The request's 2, the case, the rows of the
# timeline's 12 tables (status changes, consents, inquiries, records, stage transitions, life changes,
# achievements, risk flags, achieved goals, appointments, referrals and their moves) and the
# access-log entry (5); no people, plan or who took part (the sections are not shown again).
TIMELINE_MORE_QUERIES = 20
TIMELINE_TABLES = [
    "cases_case",
    "cases_consent",
    "cases_inquiry",
    "cases_casestatuschange",
    "consultations_riskflag",
    "consultations_stagetransition",
    "consultations_consultationrecord",
    "consultations_lifechange",
    "consultations_achievement",
    "consultations_goal",
    "appointments_appointment",
    "referrals_referral",
    "referrals_referralstatuschange",
]

CASE_PAGE_TABLES = [
    "cases_case",
    "cases_relatedperson",
    "cases_consent",
    "cases_inquiry",
    "cases_casestatuschange",
    "consultations_riskflag",
    "consultations_stagetransition",
    "consultations_consultationrecord",
    "consultations_consultationrecord_family_present",
    "consultations_lifechange",
    "consultations_achievement",
    "consultations_supportplan",
    "consultations_goal",
    "appointments_appointment",
    "referrals_referral",
    "referrals_referralstatuschange",
]
PERSON_TABLE = re.compile(r"^(cases|consultations|appointments|referrals)_")


def days(start: int, n: int) -> list[datetime.date]:
    return [DAY0 + datetime.timedelta(days=start + i) for i in range(n)]


def add_history(case, user, n: int, start: int = 0) -> None:
    """``n`` rows of every kind of history on ``case`` (dated from ``DAY0 + start``), written in bulk."""
    program, on = case.program, days(start, n)
    stages = stages_for(program)
    agency, _ = PartnerAgency.objects.get_or_create(program=program, kind="medical", name="みなと病院")
    mother = RelatedPerson.objects.create(program=program, case=case, relation="mother", name=f"母{start}")
    records = ConsultationRecord.objects.bulk_create(
        ConsultationRecord(
            program=program,
            case=case,
            held_on=d,
            starts_at=datetime.time(10),
            ends_at=datetime.time(11),
            duration_minutes=60,
            mode="phone",
            staff=user,
            author=user,
            summary=f"電話{start + i}",
        )
        for i, d in enumerate(on)
    )
    for record in ConsultationRecord.objects.filter(pk__in=[r.pk for r in records[-5:]]):
        record.family_present.add(mother)
    StageTransition.objects.bulk_create(
        StageTransition(program=program, case=case, stage=stages[(start + i) % 4], entered_on=d, actor=user)
        for i, d in enumerate(on)
    )
    LifeChange.objects.bulk_create(
        LifeChange(program=program, case=case, observed_on=d, area="going_out", note="散歩", actor=user)
        for d in on
    )
    Achievement.objects.bulk_create(
        Achievement(program=program, case=case, achieved_on=d, text="外に出られた", actor=user) for d in on
    )
    RiskFlag.objects.bulk_create(
        RiskFlag(
            program=program,
            case=case,
            kind="8050",
            raised_on=d,
            raised_by=user,
            cleared_on=d if i % 2 else None,
            cleared_by=user if i % 2 else None,
        )
        for i, d in enumerate(on)
    )
    CaseStatusChange.objects.bulk_create(
        CaseStatusChange(
            program=program,
            case=case,
            from_status=CaseStatus.CONTINUING,
            to_status=CaseStatus.CONTINUING,
            changed_on=d,
            actor=user,
        )
        for d in on
    )
    Consent.objects.bulk_create(
        Consent(
            program=program,
            case=case,
            given_by="self",
            given_on=d,
            method="verbal",
            explained="記録について説明した",
            recorded_by=user,
            withdrawn_on=d if i % 3 == 0 else None,
        )
        for i, d in enumerate(on)
    )
    Inquiry.objects.bulk_create(
        Inquiry(
            program=program,
            case=case,
            received_at=timezone.make_aware(datetime.datetime.combine(d, datetime.time(9))),
            channel="phone",
            caller_type="family",
            concern="相談",
            status="registered",
        )
        for d in on
    )
    # Every other one ahead (booked) and behind (held), further out as the history grows.
    add_appointments(
        case,
        user,
        [(k // 2 + 1, "booked") if k % 2 else (-k // 2 - 1, "held") for k in range(start, start + n)],
    )
    plan, _ = SupportPlan.objects.get_or_create(
        program=program, case=case, is_current=True, defaults={"version": 1, "made_on": DAY0, "author": user}
    )
    Goal.objects.bulk_create(
        Goal(
            program=program,
            plan=plan,
            text=f"目標{start + i}",
            order=start + i,
            achieved_on=d if i % 2 else None,
        )
        for i, d in enumerate(on)
    )
    referrals = Referral.objects.bulk_create(
        Referral(program=program, case=case, agency=agency, proposed_on=d, created_by=user) for d in on
    )
    ReferralStatusChange.objects.bulk_create(
        ReferralStatusChange(
            program=program, referral=r, to_status=r.status, changed_on=r.proposed_on, actor=user
        )
        for r in referrals
    )


def add_appointments(case, user, offsets_and_statuses) -> None:
    """Appointments of ``case`` starting that many days from now, with that status."""
    now, place = timezone.now(), Place.objects.filter(program=case.program).first()
    Appointment.objects.bulk_create(
        Appointment(
            program=case.program,
            kind=AppointmentKind.CONTINUING,
            status=status,
            case=case,
            place=place,
            staff=user,
            created_by=user,
            starts_at=now + datetime.timedelta(days=offset),
            ends_at=now + datetime.timedelta(days=offset, hours=1),
        )
        for offset, status in offsets_and_statuses
    )


def person_tables_read(queries) -> Counter:
    """How many SELECTs read each person table (the table after the statement's first FROM)."""
    tables = Counter()
    for query in queries:
        sql = query["sql"]
        if sql.startswith("SELECT") and (found := re.search(r'FROM "(\w+)"', sql)):
            if PERSON_TABLE.match(found.group(1)):
                tables[found.group(1)] += 1
    return tables


@pytest.fixture
def case(chiba, chiba_counselor):
    return make_case(program=chiba, actor=chiba_counselor)


def test_case_page_reads_each_table_once_in_the_same_queries_with_10_and_500_rows_of_history(
    case, chiba_counselor, client_as, django_assert_num_queries
):
    """Header, sections and timeline share their rows: one read per table, however long the history."""
    # given
    http = client_as(chiba_counselor)
    add_history(case, chiba_counselor, 10)
    http.get(case.get_absolute_url())
    views_before = AccessLog.objects.filter(action="case.view", subject_id=case.public_id).count()
    # when
    with django_assert_num_queries(CASE_PAGE_QUERIES) as few:
        assert http.get(case.get_absolute_url()).status_code == 200
    add_history(case, chiba_counselor, 490, start=10)
    with django_assert_num_queries(CASE_PAGE_QUERIES) as many:
        page = http.get(case.get_absolute_url()).content.decode()
    # then
    tables = person_tables_read(few.captured_queries)
    assert tables == Counter(CASE_PAGE_TABLES)
    assert person_tables_read(many.captured_queries) == tables
    assert AccessLog.objects.filter(action="case.view", subject_id=case.public_id).count() == views_before + 2
    records = page.split('id="records-h"')[1].split("</section>")[0]
    assert records.count("<li>") == 5 and "電話499" in records and "電話494" not in records
    assert records.count("（母／") == 5  # who took part, from the people already read
    stage = page.split('class="stage-line"')[1].split("</p>")[0]
    assert stages_for(case.program)[499 % 4].label in stage


def test_a_later_timeline_page_and_one_kind_cost_the_same_queries(
    case, chiba_counselor, client_as, django_assert_num_queries
):
    # given
    http = client_as(chiba_counselor)
    add_history(case, chiba_counselor, 500)
    http.get(case.get_absolute_url())
    # when / then
    for params, expected in (
        ({"page": "4"}, CASE_PAGE_QUERIES),
        ({"kind": "record"}, ONE_KIND_QUERIES),
        ({"kind": "flag", "page": "2"}, ONE_KIND_QUERIES),
    ):
        with django_assert_num_queries(expected) as queries:
            assert http.get(case.get_absolute_url(), params).status_code == 200
        assert set(person_tables_read(queries.captured_queries).values()) == {1}


def test_more_of_the_timeline_adds_the_next_entries_in_the_same_queries_with_10_and_500_rows(
    case, chiba_counselor, client_as, django_assert_num_queries
):
    """「もっと見る」 brings the next twenty entries only (no sections), logged as one view of the case."""
    # given
    http = client_as(chiba_counselor)
    more = {"kind": "record", "page": "2"}
    add_history(case, chiba_counselor, 30)
    http.get(case.get_absolute_url(), more, headers={"HX-Request": "true"})
    # when
    with django_assert_num_queries(TIMELINE_MORE_QUERIES) as few:
        http.get(case.get_absolute_url(), {"page": "2"}, headers={"HX-Request": "true"})
    add_history(case, chiba_counselor, 470, start=30)
    views_before = AccessLog.objects.filter(action="case.view", subject_id=case.public_id).count()
    with django_assert_num_queries(TIMELINE_MORE_QUERIES - 11) as one_kind:  # records only
        fragment = http.get(case.get_absolute_url(), more, headers={"HX-Request": "true"}).content.decode()
    with django_assert_num_queries(TIMELINE_MORE_QUERIES) as many:
        http.get(case.get_absolute_url(), {"page": "2"}, headers={"HX-Request": "true"})
    # then
    assert person_tables_read(few.captured_queries) == Counter(TIMELINE_TABLES)
    assert person_tables_read(many.captured_queries) == Counter(TIMELINE_TABLES)
    records_only = {"cases_case", "consultations_consultationrecord"}
    assert set(person_tables_read(one_kind.captured_queries)) == records_only
    assert "<html" not in fragment and 'id="records-h"' not in fragment
    assert 'hx-swap-oob="beforeend:#timeline-entries"' in fragment
    assert fragment.count("<li>") == 20
    assert "：電話479</strong>" in fragment and "：電話460</strong>" in fragment
    assert "：電話480</strong>" not in fragment and "：電話459</strong>" not in fragment
    assert 'hx-get="?kind=record&amp;page=3"' in fragment  # and the link moves on
    views = AccessLog.objects.filter(action="case.view", subject_id=case.public_id)
    assert views.count() == views_before + 2


@pytest.mark.parametrize(
    ("method", "url_name", "data", "expected", "tables"),
    [
        ("get", "cases:edit", None, CASE_EDIT_QUERIES, HEADER_TABLES),
        ("post", "cases:print", {"reason": "ケース会議の資料"}, CASE_PRINT_QUERIES, CASE_PAGE_TABLES),
    ],
)
def test_pages_under_the_case_read_each_table_once_however_long_the_history(
    case, chiba_counselor, client_as, django_assert_num_queries, method, url_name, data, expected, tables
):
    # given
    http = client_as(chiba_counselor)
    url = reverse(url_name, kwargs={"case_id": case.public_id})
    add_history(case, chiba_counselor, 10)
    getattr(http, method)(url, data)
    # when
    with django_assert_num_queries(expected) as few:
        assert getattr(http, method)(url, data).status_code == 200
    add_history(case, chiba_counselor, 490, start=10)
    with django_assert_num_queries(expected) as many:
        assert getattr(http, method)(url, data).status_code == 200
    # then
    assert person_tables_read(few.captured_queries) == Counter(tables)
    assert person_tables_read(many.captured_queries) == Counter(tables)


def test_an_open_flag_older_than_the_timeline_stays_in_the_header(case, chiba_counselor, client_as):
    """The header shows every open flag, however many newer ones the timeline shows first."""
    # given
    RiskFlag.objects.create(
        program=case.program,
        case=case,
        kind="domestic_violence",
        note="古い注意",
        raised_on=datetime.date(2019, 1, 1),
        raised_by=chiba_counselor,
    )
    RiskFlag.objects.bulk_create(
        RiskFlag(
            program=case.program,
            case=case,
            kind="8050",
            raised_on=d,
            raised_by=chiba_counselor,
            cleared_on=d,
            cleared_by=chiba_counselor,
        )
        for d in days(0, 60)
    )
    http = client_as(chiba_counselor)
    # when
    page = http.get(case.get_absolute_url()).content.decode()
    last = http.get(case.get_absolute_url(), {"kind": "flag", "page": "7"}).content.decode()
    # then
    header = page.split('class="notice notice-danger"')[1].split("</div>")[0]
    assert "家庭内暴力（古い注意）" in header and "8050" not in header
    assert "古い注意" not in page.split('id="timeline-h"')[1]
    assert "古い注意" in last.split('id="timeline-h"')[1]  # 121 entries, 20 a page: the 7th reaches it


def test_the_plan_shows_its_goals_and_the_timeline_goals_achieved_under_earlier_plans(
    case, chiba_counselor, client_as
):
    # given
    earlier = SupportPlan.objects.create(
        program=case.program, case=case, version=1, made_on=DAY0, author=chiba_counselor, is_current=False
    )
    Goal.objects.create(
        program=case.program, plan=earlier, text="図書館に行く", achieved_on=datetime.date(2020, 2, 1)
    )
    current = SupportPlan.objects.create(
        program=case.program, case=case, version=2, made_on=DAY0, author=chiba_counselor
    )
    Goal.objects.create(program=case.program, plan=current, text="散歩する", order=2)
    Goal.objects.create(program=case.program, plan=current, text="朝起きる", order=1)
    http = client_as(chiba_counselor)
    # when
    page = http.get(case.get_absolute_url()).content.decode()
    goals = http.get(case.get_absolute_url(), {"kind": "goal"}).content.decode()
    # then
    plan = page.split('class="goal-list"')[1].split("</ul>")[0]
    assert plan.index("朝起きる") < plan.index("散歩する") and "図書館に行く" not in plan
    assert "目標を達成：図書館に行く" in goals.split('id="timeline-h"')[1]


def test_the_section_lists_the_next_ten_appointments_and_the_timeline_the_past_ones(
    case, chiba_counselor, client_as
):
    # given
    add_appointments(case, chiba_counselor, [(d, "booked") for d in range(15, 0, -1)])
    add_appointments(case, chiba_counselor, [(-2, "held"), (-3, "cancelled"), (-4, "rescheduled")])
    http = client_as(chiba_counselor)
    # when
    page = http.get(case.get_absolute_url()).content.decode()
    past = http.get(case.get_absolute_url(), {"kind": "appointment"}).content.decode()
    # then
    section = page.split('id="appointments-h"')[1].split("</section>")[0]
    soonest = [timezone.localtime(timezone.now() + datetime.timedelta(days=d)) for d in (1, 10, 11)]
    assert section.count("<li>") == 10
    assert f"{soonest[0]:%-m月%-d日}" in section and f"{soonest[1]:%-m月%-d日}" in section
    assert f"{soonest[2]:%-m月%-d日}" not in section
    timeline = past.split('id="timeline-h"')[1]
    assert timeline.count("<li>") == 2 and "：実施" in timeline and "：キャンセル" in timeline
    assert "：変更" not in timeline
