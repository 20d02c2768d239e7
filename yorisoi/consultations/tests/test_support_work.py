import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Case
from yorisoi.cases.services import related_person_add
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.consultations import services
from yorisoi.consultations.models import (
    ConsultationRecord,
    ConsultationRecordRevision,
    Goal,
    GoalStatus,
    RiskFlag,
    StageTransition,
    SupportPlan,
    SupportStage,
)
from yorisoi.consultations.stages import DEFAULT_STAGES, stages_for
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor


def record_url(case):
    return reverse("consultations:record_new", kwargs={"case_id": case.public_id})


def record_post(user, **overrides):
    data = {
        "held_on": "2026-11-20",
        "starts_at": "10:00",
        "ends_at": "10:45",
        "mode": "home_visit",
        "staff": user.pk,
        "summary": "母と面談。本人は部屋から挨拶だけした",
        "next_step": "2週間後にまた訪問",
        # a follow-up already past is refused, so it is two weeks from whatever today is
        "follow_up_on": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def case(chiba, chiba_counselor):
    return make_case(program=chiba, actor=chiba_counselor, registered_on=datetime.date(2026, 4, 10))


def actor(user, program, role=Role.COUNSELOR):
    return Actor(user=user, program=program, role=role)


def test_quick_entry_saves_a_record_with_who_took_part(case, chiba_counselor, client_as):
    mother = related_person_add(
        case=case, actor=actor(chiba_counselor, case.program), relation="mother", name="母"
    )
    data = record_post(chiba_counselor, client_present="on", family_present=[mother.pk], second_staff="")
    response = client_as(chiba_counselor).post(record_url(case), data)
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    record = ConsultationRecord.objects.get()
    assert (record.mode, record.duration_minutes, record.client_present) == ("home_visit", 45, True)
    assert list(record.family_present.all()) == [mother]
    case.refresh_from_db()
    assert case.last_contact_on == datetime.date(2026, 11, 20)
    assert AccessLog.objects.filter(action="record.create", subject_id=case.public_id).count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"starts_at": "11:00", "ends_at": "10:00"}, "終了時刻が開始時刻より前になっています。"),
        ({"starts_at": "06:00", "ends_at": "18:30"}, "12時間を超えています。"),
        ({"held_on": "2099-01-01"}, "未来の日付になっています。"),
        ({"mode": "accompaniment"}, "同行支援のときは、同行先を選んでください。"),
        ({"summary": ""}, "入力してください。"),
        ({"starts_at": "10時"}, "時刻を「10:00」の形で入力してください。"),
        ({"follow_up_on": "2026-11-01"}, "次の連絡予定日が、相談した日より前になっています。"),
    ],
)
def test_bad_record_input_is_explained_and_nothing_typed_is_lost(
    case, chiba_counselor, client_as, overrides, message
):
    data = record_post(chiba_counselor, details="長い記録の本文をここに書いた", **overrides)
    page = client_as(chiba_counselor).post(record_url(case), data).content.decode()
    assert message in page
    assert "長い記録の本文をここに書いた" in page
    assert ConsultationRecord.objects.count() == 0


def test_a_record_can_precede_any_case(chiba, chiba_counselor, client_as):
    inquiry = make_inquiry(program=chiba, actor=chiba_counselor)
    url = reverse("consultations:record_new_for_inquiry", kwargs={"inquiry_id": inquiry.public_id})
    client_as(chiba_counselor).post(url, record_post(chiba_counselor, mode="phone"))
    record = ConsultationRecord.objects.get()
    assert (record.inquiry, record.case) == (inquiry, None)


def test_a_held_appointment_opens_the_record_prefilled(case, chiba_counselor, client_as):
    place = case.program.places.first()
    params = {
        "date": "2026-11-24",
        "start": "13:00",
        "end": "14:00",
        "mode": "center_visit",
        "place": place.pk,
    }
    form = client_as(chiba_counselor).get(record_url(case), params).context["form"]
    assert form["held_on"].value() == "2026-11-24" and form["starts_at"].value() == "13:00"
    assert form["mode"].value() == "center_visit" and str(form["place"].value()) == str(place.pk)


def test_edits_by_the_author_keep_the_earlier_text(case, chiba_counselor, client_as):
    client_as(chiba_counselor).post(record_url(case), record_post(chiba_counselor))
    record = ConsultationRecord.objects.get()
    edit = reverse("consultations:record_edit", kwargs={"record_id": record.public_id})
    client_as(chiba_counselor).post(edit, record_post(chiba_counselor, summary="書き直した要旨", version=1))
    record.refresh_from_db()
    assert (record.summary, record.version) == ("書き直した要旨", 2)
    revision = ConsultationRecordRevision.objects.get()
    assert (revision.version, revision.snapshot["summary"]) == (1, "母と面談。本人は部屋から挨拶だけした")
    page = client_as(chiba_counselor).get(record.get_absolute_url()).content.decode()
    assert "変更の履歴" in page and "母と面談。本人は部屋から挨拶だけした" in page


def test_only_the_author_and_the_manager_may_edit(case, chiba_counselor, staff, client_as):
    client_as(chiba_counselor).post(record_url(case), record_post(chiba_counselor))
    record = ConsultationRecord.objects.get()
    edit = reverse("consultations:record_edit", kwargs={"record_id": record.public_id})
    colleague, manager = staff("chiba", Role.COUNSELOR), staff("chiba", Role.MANAGER)
    assert (
        client_as(colleague).post(edit, record_post(colleague, summary="他人が直す", version=1)).status_code
        == 404
    )
    record.refresh_from_db()
    assert record.summary != "他人が直す" and ConsultationRecordRevision.objects.count() == 0
    assert (
        client_as(manager).post(edit, record_post(manager, summary="管理者が直す", version=1)).status_code
        == 302
    )


def test_stages_default_to_the_guideline_and_move_both_ways(case, chiba_counselor, client_as):
    stages = stages_for(case.program)
    assert [s.label for s in stages] == [label for label, _ in DEFAULT_STAGES]
    url = reverse("consultations:stage_set", kwargs={"case_id": case.public_id})
    http = client_as(chiba_counselor)
    http.post(url, {"stage": stages[2].pk, "entered_on": "2026-06-01"})
    http.post(url, {"stage": stages[1].pk, "entered_on": "2026-08-01", "note": "体調を崩して居場所を休む"})
    history = list(
        StageTransition.objects.filter(case=case)
        .order_by("entered_on")
        .values_list("stage__order", flat=True)
    )
    assert history == [3, 2]
    page = http.get(case.get_absolute_url()).content.decode()
    assert "個人的支援段階</span>" in page  # the current stage, at the top of the case


def test_stage_labels_are_per_program_data(chiba, urayasu):
    stages_for(chiba)
    SupportStage.objects.filter(program=chiba, order=1).update(label="出会いの段階")
    assert stages_for(chiba)[0].label == "出会いの段階"
    assert stages_for(urayasu)[0].label == "出会い・評価段階"


def test_a_risk_flag_shows_on_every_page_of_the_case_until_cleared(case, chiba_counselor, client_as):
    http = client_as(chiba_counselor)
    http.post(
        reverse("consultations:flag_raise", kwargs={"case_id": case.public_id}),
        {"kind": "8050", "note": "父80代・本人50代", "raised_on": "2026-11-01"},
    )
    pages = [
        case.get_absolute_url(),
        reverse("cases:edit", kwargs={"case_id": case.public_id}),
        record_url(case),
        reverse("consultations:plan_edit", kwargs={"case_id": case.public_id}),
    ]
    for url in pages:
        assert "8050（高齢の親と長期のひきこもり）（父80代・本人50代）" in http.get(url).content.decode(), url
    flag = RiskFlag.objects.get()
    http.post(reverse("consultations:flag_clear", kwargs={"flag_id": flag.public_id}))
    page = http.get(case.get_absolute_url()).content.decode()
    assert 'role="alert"' not in page.split('id="content-h"')[0]
    assert "注意を解除：8050" in page


def test_reviewing_the_plan_keeps_the_earlier_version(case, chiba_counselor, client_as):
    url = reverse("consultations:plan_edit", kwargs={"case_id": case.public_id})
    http = client_as(chiba_counselor)
    http.post(
        url,
        {
            "made_on": "2026-05-01",
            "persons_hopes": "朝起きられるようになりたい",
            "goal_0_text": "週に一度コンビニへ行く",
            "goal_0_words": "on",
            "goal_0_status": "working",
        },
    )
    http.post(
        url,
        {
            "made_on": "2026-08-01",
            "persons_hopes": "朝起きられるようになりたい",
            "review_note": "コンビニは達成",
            "goal_0_text": "週に一度コンビニへ行く",
            "goal_0_status": "achieved",
            "goal_1_text": "居場所を見学する",
            "goal_1_status": "working",
        },
    )
    plans = list(SupportPlan.objects.filter(case=case).order_by("version"))
    assert [(p.version, p.is_current) for p in plans] == [(1, False), (2, True)]
    assert [(g.text, g.status) for g in plans[0].goals.all()] == [
        ("週に一度コンビニへ行く", GoalStatus.WORKING)
    ]
    assert [(g.text, g.status) for g in plans[1].goals.all()] == [
        ("週に一度コンビニへ行く", GoalStatus.ACHIEVED),
        ("居場所を見学する", GoalStatus.WORKING),
    ]
    history = http.get(
        reverse("consultations:plan_history", kwargs={"case_id": case.public_id})
    ).content.decode()
    assert "第1版" in history and "第2版" in history


def test_a_plan_needs_at_least_one_goal_and_keeps_what_was_typed(case, chiba_counselor, client_as):
    url = reverse("consultations:plan_edit", kwargs={"case_id": case.public_id})
    page = (
        client_as(chiba_counselor)
        .post(url, {"made_on": "2026-05-01", "persons_hopes": "本人の思いをここに"})
        .content.decode()
    )
    assert "小さな目標を一つ以上書いてください。" in page and "本人の思いをここに" in page
    assert SupportPlan.objects.count() == 0


def test_an_achievement_marks_its_goal_achieved(case, chiba_counselor, client_as):
    plan = services.plan_make(
        case=case,
        actor=actor(chiba_counselor, case.program),
        made_on=datetime.date(2026, 5, 1),
        persons_hopes="",
        goals=[{"text": "図書館に行く"}],
    )
    goal = plan.goals.get()
    client_as(chiba_counselor).post(
        reverse("consultations:achievement_add", kwargs={"case_id": case.public_id}),
        {"text": "一人で図書館に行けた", "achieved_on": "2026-06-10", "goal": goal.pk},
    )
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACHIEVED
    assert (
        "できたこと：一人で図書館に行けた"
        in client_as(chiba_counselor).get(case.get_absolute_url()).content.decode()
    )


def test_life_changes_beyond_work_are_recorded(case, chiba_counselor, client_as):
    client_as(chiba_counselor).post(
        reverse("consultations:life_change_add", kwargs={"case_id": case.public_id}),
        {"observed_on": "2026-07-01", "area": "asking_for_help", "note": "困ったときに母へ自分から話せた"},
    )
    page = client_as(chiba_counselor).get(case.get_absolute_url()).content.decode()
    assert "暮らしの変化（助けを求められる）" in page and "困ったときに母へ自分から話せた" in page


def test_timeline_query_count_is_the_same_with_10_and_500_records(
    case, chiba_counselor, client_as, django_assert_num_queries
):
    http = client_as(chiba_counselor)
    a = actor(chiba_counselor, case.program)

    def add_records(first, n):
        for i in range(first, first + n):
            services.record_create(
                actor=a,
                case=case,
                held_on=datetime.date(2026, 5, 1) + datetime.timedelta(days=i),
                starts_at=datetime.time(10),
                ends_at=datetime.time(11),
                mode="phone",
                staff=chiba_counselor,
                summary=f"電話{i}",
            )

    add_records(0, 10)
    http.get(case.get_absolute_url(), {"kind": "record"})
    with CaptureQueriesContext(connection) as few_records:
        http.get(case.get_absolute_url(), {"kind": "record"})
    add_records(10, 490)
    with django_assert_num_queries(len(few_records.captured_queries)):
        page = http.get(case.get_absolute_url(), {"kind": "record"}).content.decode()
    timeline = page.split('id="timeline-h"')[1]
    assert "：電話499</strong>" in timeline and "：電話480</strong>" in timeline  # the newest 20 of 500
    assert "：電話479</strong>" not in timeline
    # and the next page goes on from there, in as many queries
    with django_assert_num_queries(len(few_records.captured_queries)):
        older = http.get(case.get_absolute_url(), {"kind": "record", "page": 2}).content.decode()
    older = older.split('id="timeline-h"')[1]
    assert (
        "：電話479</strong>" in older and "：電話460</strong>" in older and "：電話459</strong>" not in older
    )
    assert timeline.count("<li>") == 20
    assert "状況の変化" in timeline  # the filter links; no status entries in the list itself
    assert "初回相談</strong>" not in timeline


def test_quiet_cases_panel_lists_my_cases_without_contact(case, chiba_counselor, client_as):
    Case.objects.filter(pk=case.pk).update(last_contact_on=timezone.localdate() - datetime.timedelta(days=90))
    panel = client_as(chiba_counselor).get(reverse("consultations:quiet_panel")).content.decode()
    assert case.label in panel


def test_goal_rows_keep_their_order(case, chiba_counselor):
    plan = services.plan_make(
        case=case,
        actor=actor(chiba_counselor, case.program),
        made_on=datetime.date(2026, 5, 1),
        persons_hopes="",
        goals=[{"text": "一つ目"}, {"text": ""}, {"text": "三つ目"}],
    )
    assert list(Goal.objects.filter(plan=plan).values_list("text", flat=True)) == ["一つ目", "三つ目"]


@pytest.mark.parametrize(
    ("now", "starts", "ends"),
    [
        ((14, 40), datetime.time(14, 10), datetime.time(14, 40)),
        ((0, 10), datetime.time(0, 0), datetime.time(0, 30)),
    ],
)
def test_quick_entry_defaults_to_the_last_half_hour_without_crossing_midnight(
    chiba_counselor, monkeypatch, now, starts, ends
):
    from yorisoi.consultations.forms import record_initial

    fixed = timezone.make_aware(datetime.datetime(2026, 11, 26, *now))
    monkeypatch.setattr(timezone, "localtime", lambda *a, **k: fixed)
    initial = record_initial({}, actor=actor(chiba_counselor, None))
    assert (initial["held_on"], initial["starts_at"], initial["ends_at"]) == (
        datetime.date(2026, 11, 26),
        starts,
        ends,
    )
