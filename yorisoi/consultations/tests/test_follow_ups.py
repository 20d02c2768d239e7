"""Follow-ups (次の連絡予定日) surface on the day they are due, and are marked done from there."""

import datetime

from django.urls import reverse
from django.utils import timezone

from yorisoi.audit.models import AccessLog
from yorisoi.cases.tests.factories import make_case
from yorisoi.consultations import selectors
from yorisoi.consultations.models import ConsultationMode, ConsultationRecord
from yorisoi.consultations.services import record_create
from yorisoi.programs.permissions import Actor


def actor_of(user, program, role="counselor"):
    return Actor(user=user, program=program, role=role)


def record_with_follow_up(case, user, follow_up_on, summary="電話で様子を聞いた", **fields):
    return record_create(
        actor=actor_of(user, case.program),
        case=case,
        held_on=min(follow_up_on, timezone.localdate()) - datetime.timedelta(days=7),
        starts_at=datetime.time(10),
        ends_at=datetime.time(10, 30),
        mode=ConsultationMode.PHONE,
        staff=user,
        summary=summary,
        next_step="母に電話して面談の日を決める",
        follow_up_on=follow_up_on,
        **fields,
    )


def test_follow_ups_due_today_and_overdue_appear_on_the_counselors_day(
    chiba, staff, chiba_counselor, client_as
):
    # given a case with a follow-up due today, one overdue, one next week, and another counselor's
    today = timezone.localdate()
    case = make_case(program=chiba, actor=chiba_counselor)
    due = record_with_follow_up(case, chiba_counselor, today)
    late = record_with_follow_up(case, chiba_counselor, today - datetime.timedelta(days=3))
    record_with_follow_up(case, chiba_counselor, today + datetime.timedelta(days=7))
    colleague = staff("chiba", "counselor")
    record_with_follow_up(make_case(program=chiba, actor=colleague), colleague, today)
    # when the counselor's home panel loads
    response = client_as(chiba_counselor).get(reverse("consultations:today"), HTTP_HX_REQUEST="true")
    # then exactly their due and overdue follow-ups are shown, logged with the cases they reveal
    assert [f.url for f in response.context["due_today"]] == [due.get_absolute_url()]
    assert [f.url for f in response.context["overdue"]] == [late.get_absolute_url()]
    body = response.content.decode()
    assert case.label in body and "母に電話して面談の日を決める" in body and "連絡済みにする" in body
    entry = AccessLog.objects.get(actor=chiba_counselor, action="case.list")
    assert entry.data["subjects"] == [str(case.public_id)]


def test_home_page_loads_the_days_panel_and_links_it_without_javascript(chiba_counselor, client_as):
    body = client_as(chiba_counselor).get(reverse("programs:home")).content.decode()
    assert 'hx-get="/staff/support/today/"' in body and 'href="/staff/support/today/"' in body


def test_marking_a_follow_up_done_removes_it(chiba, chiba_counselor, client_as):
    case = make_case(program=chiba, actor=chiba_counselor)
    record = record_with_follow_up(case, chiba_counselor, timezone.localdate())
    response = client_as(chiba_counselor).post(
        reverse("consultations:follow_up_done", kwargs={"record_id": record.public_id}), {"next": "home"}
    )
    record.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == reverse("programs:home")
    assert (record.follow_up_done_on, record.follow_up_done_by) == (timezone.localdate(), chiba_counselor)
    actor = actor_of(chiba_counselor, chiba)
    assert selectors.follow_ups_due(actor=actor, start=None, end=timezone.localdate()) == []


def test_writing_the_record_of_the_contact_from_a_follow_up_marks_it_done(chiba, chiba_counselor, client_as):
    case = make_case(program=chiba, actor=chiba_counselor)
    promised = record_with_follow_up(case, chiba_counselor, timezone.localdate())
    url = reverse("consultations:record_new", kwargs={"case_id": case.public_id})
    http = client_as(chiba_counselor)
    form_page = http.get(url, {"follow_up": promised.public_id}).content.decode()
    assert "に予定していた連絡の記録です" in form_page
    http.post(
        f"{url}?follow_up={promised.public_id}",
        {
            "held_on": timezone.localdate().isoformat(),
            "starts_at": "09:00",
            "ends_at": "09:15",
            "mode": "phone",
            "staff": chiba_counselor.pk,
            "summary": "約束どおり電話した",
        },
    )
    promised.refresh_from_db()
    assert ConsultationRecord.objects.count() == 2 and promised.follow_up_done_on == timezone.localdate()


def test_a_past_follow_up_date_on_a_new_record_needs_a_confirmation(chiba, chiba_counselor, client_as):
    case = make_case(program=chiba, actor=chiba_counselor)
    url = reverse("consultations:record_new", kwargs={"case_id": case.public_id})
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    data = {
        "held_on": (yesterday - datetime.timedelta(days=1)).isoformat(),
        "starts_at": "09:00",
        "ends_at": "09:15",
        "mode": "phone",
        "staff": chiba_counselor.pk,
        "summary": "要旨",
        "follow_up_on": yesterday.isoformat(),
    }
    http = client_as(chiba_counselor)
    warned = http.post(url, data).content.decode()
    assert "次の連絡予定日が過去の日付です" in warned and "過去の日付のまま保存する" in warned
    assert ConsultationRecord.objects.count() == 0
    http.post(url, {**data, "confirm_past_follow_up": "on"})
    assert ConsultationRecord.objects.get().follow_up_on == yesterday


def test_referral_follow_ups_are_in_the_same_list(chiba, chiba_counselor):
    from yorisoi.referrals.models import PartnerAgency, Referral

    case = make_case(program=chiba, actor=chiba_counselor)
    agency = PartnerAgency.objects.create(program=chiba, kind="hello_work", name="ハローワーク千葉")
    referral = Referral.objects.create(
        program=chiba,
        case=case,
        agency=agency,
        purpose="求職の相談",
        proposed_on=datetime.date(2026, 4, 1),
        follow_up_on=timezone.localdate(),
        created_by=chiba_counselor,
    )
    due = selectors.follow_ups_due(
        actor=actor_of(chiba_counselor, chiba), start=None, end=timezone.localdate()
    )
    assert [(f.kind, f.url) for f in due] == [("referral", referral.get_absolute_url())]


def test_urayasu_record_form_offers_no_chiba_ward_center(urayasu, urayasu_counselor, client_as):
    case = make_case(program=urayasu, actor=urayasu_counselor)
    body = (
        client_as(urayasu_counselor)
        .get(reverse("consultations:record_new", kwargs={"case_id": case.public_id}))
        .content.decode()
    )
    assert "保健福祉センターでの相談" not in body and "市役所窓口" in body and "---------" not in body


def test_achieving_a_goal_appears_on_the_timeline(chiba, chiba_counselor, client_as):
    from yorisoi.consultations import services

    case = make_case(program=chiba, actor=chiba_counselor)
    plan = services.plan_make(
        case=case,
        actor=actor_of(chiba_counselor, chiba),
        made_on=datetime.date(2026, 5, 1),
        persons_hopes="「外に出たい」",
        goals=[{"text": "コンビニに行く"}],
    )
    goal = plan.goals.get()
    client_as(chiba_counselor).post(
        reverse("consultations:goal_status", kwargs={"goal_id": goal.public_id}), {"status": "achieved"}
    )
    page = client_as(chiba_counselor).get(case.get_absolute_url()).content.decode()
    assert "目標を達成：コンビニに行く" in page.split('id="timeline-h"')[1]
    assert "「「" not in page


def test_printing_a_record_asks_a_reason_and_is_logged_as_a_print(chiba, chiba_counselor, client_as):
    case = make_case(program=chiba, actor=chiba_counselor)
    record = record_with_follow_up(case, chiba_counselor, timezone.localdate(), summary="印刷する記録")
    url = reverse("consultations:record_print", kwargs={"record_id": record.public_id})
    http = client_as(chiba_counselor)
    assert "印刷の理由をひとこと書いてください。" in http.post(url, {"reason": " "}).content.decode()
    assert AccessLog.objects.filter(kind="print").count() == 0
    body = http.post(url, {"reason": "保健福祉センターとの連携"}).content.decode()
    assert "印刷する記録" in body and "staff-nav" not in body
    entry = AccessLog.objects.get(kind="print")
    assert (entry.action, entry.subject_id, entry.data["reason"]) == (
        "record.print",
        case.public_id,
        "保健福祉センターとの連携",
    )
