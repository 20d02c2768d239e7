"""Demo rows that show continuity and a counselor's day (fictional, no real people):

- a father's web request (email only) answered by email before registration, then registered:
  the case shows the reply on its timeline and the father with his email;
- a mother's web request with her email, answered by email, still waiting in the inbox;
- a mother's call years after her son's case closed, attached to it (the case is reopened);
- follow-ups due today and one overdue, on the demo counselor's home page;
- a consent given by a mother on behalf of her adult son, with the reason, replacing an older one;
- an urgent web request nobody has taken yet (shown in every staff page's header).
"""

import datetime

from django.utils import timezone

from yorisoi.cases import services as cases
from yorisoi.cases.models import CallerType, Case, CaseStatus, Channel, ConsentGivenBy, FamilyRelation
from yorisoi.consultations import services as support
from yorisoi.consultations.models import ConsultationMode
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor

EMAIL_ONLY = "希望する連絡方法：メール\n・メールだけで連絡してほしい（電話はしないでほしい）"


def create_demo_continuity(program, counselor, staff) -> None:
    actor = Actor(user=counselor, program=program, role=Role.COUNSELOR)
    today = timezone.localdate()
    now = timezone.now()

    def reply(inquiry, days_ago, summary, follow_up_on=None):
        return support.record_create(
            actor=actor,
            inquiry=inquiry,
            held_on=today - datetime.timedelta(days=days_ago),
            starts_at=datetime.time(16),
            ends_at=datetime.time(16, 20),
            mode=ConsultationMode.MAIL,
            staff=counselor,
            summary=summary,
            caller_present=True,
            follow_up_on=follow_up_on,
        )

    # a father, email only: replied to by email, then registered
    father_request = cases.inquiry_create(
        program=program,
        actor=None,
        received_at=now - datetime.timedelta(days=12),
        channel=Channel.WEB,
        caller_type=CallerType.FAMILY,
        family_relation=FamilyRelation.FATHER,
        caller_name="架空 一郎",
        contact_email="ichiro.demo@example.jp",
        contact_preferences=EMAIL_ONLY,
        residence_city=program.service_city,
        concern="息子（28歳）が3年ほど家から出ていません。電話は苦手なのでメールでお願いします。",
    )
    reply(father_request, 11, "メールで返信。来所での初回相談の日程を3つ提案した")
    client = cases.client_create(
        program=program,
        actor=actor,
        family_name="架空",
        given_name="大輔",
        family_name_kana="かくう",
        given_name_kana="だいすけ",
        birth_date=today.replace(year=today.year - 28) - datetime.timedelta(days=40),
        residence_city=program.service_city,
        contact_preferences="本人へは連絡しない（父とのメールのみ）",
    )
    case = cases.initial_consultation_register(
        program=program,
        actor=actor,
        case_fields={
            "primary_staff": counselor,
            "registered_on": today - datetime.timedelta(days=5),
            "main_concerns": father_request.concern,
            "wishes": "",
        },
        client_fields=None,
        existing_client=client,
        consulting_person=cases.caller_fields(father_request),
        consent={
            "given_by": ConsentGivenBy.FAMILY,
            "given_on": today - datetime.timedelta(days=5),
            "method": "written",
            "explained": "個人情報の取り扱い、記録の保管、連携先との情報共有について説明した。",
            "shares_with": "",
        },
        inquiry=father_request,
    )
    _record(actor, case, counselor, 5, "父と来所面談。本人の様子を聞いた", follow_up_on=today)

    # a mother with email, answered, still waiting in the inbox (not yet a case)
    mother_request = cases.inquiry_create(
        program=program,
        actor=None,
        received_at=now - datetime.timedelta(days=2),
        channel=Channel.WEB,
        caller_type=CallerType.FAMILY,
        family_relation=FamilyRelation.MOTHER,
        caller_name="架空 花子",
        contact_email="hanako.demo@example.jp",
        contact_phone="090-0000-1234",
        contact_preferences="希望する連絡方法：メール\n・自宅の固定電話にはかけないでほしい",
        residence_city=program.service_city,
        concern="娘が高校をやめてから家にいます。どこに相談したらいいかわからず、書きました。",
    )
    reply(mother_request, 1, "メールで返信。初回相談の希望日を尋ねた", follow_up_on=today)

    # a closed case whose mother calls again: attached, the case reopens with its history
    closed = Case.objects.filter(program=program, status=CaseStatus.CLOSED).order_by("number").first()
    if closed is not None:
        mother = closed.related_people.order_by("id").first()
        again = cases.inquiry_create(
            program=program,
            actor=actor,
            received_at=now - datetime.timedelta(days=1),
            channel=Channel.PHONE,
            caller_type=CallerType.FAMILY,
            family_relation=FamilyRelation.MOTHER,
            caller_name=mother.name if mother else "",
            concern="以前お世話になりました。最近また息子が部屋から出てこなくなりました。",
        )
        cases.inquiry_attach(inquiry=again, case=closed, actor=actor)

    # the counselor's follow-ups: one due today, one overdue, on cases they are in charge of
    mine = list(
        Case.objects.filter(program=program, primary_staff=counselor)
        .exclude(status=CaseStatus.CLOSED)
        .exclude(pk=case.pk)
        .order_by("number")[:3]
    )
    for days_late, target in zip((0, 3), mine[:2], strict=False):
        _record(
            actor,
            target,
            counselor,
            10,
            "母と電話。来週また様子を聞く約束をした",
            follow_up_on=today - datetime.timedelta(days=days_late),
        )

    # a consent given by a mother for her adult son, with the reason, replacing an older consent
    if mine:
        target = mine[-1]
        mother = cases.related_person_add(
            case=target, actor=actor, relation=FamilyRelation.MOTHER, name="架空 良子", consults=True
        )
        cases.consent_record(
            case=target,
            actor=actor,
            given_by=ConsentGivenBy.FAMILY,
            given_by_person=mother,
            given_on=today - datetime.timedelta(days=2),
            method="written",
            explained="通院の状況を記録し、保健福祉センターと共有することについて説明した。",
            shares_with="保健福祉センター",
            sensitive_info_recording=True,
            proxy_reason="本人は面談に応じられない状態が続いており、通院の情報を支援に生かすため母が同意した。",
        )

    # an urgent web request that nobody has taken yet
    cases.inquiry_create(
        program=program,
        actor=None,
        received_at=now - datetime.timedelta(hours=1),
        channel=Channel.WEB,
        caller_type=CallerType.FAMILY,
        family_relation=FamilyRelation.SIBLING,
        caller_name="架空 さくら",
        contact_email="sakura.demo@example.jp",
        contact_preferences=EMAIL_ONLY,
        residence_city=program.service_city,
        concern="兄が「もう限界だ」と言っています。どうしたらいいでしょうか。",
        is_urgent=True,
        urgent_note="「もう限界」という言葉あり。早めに連絡する",
    )


def _record(actor, case, staff, days_ago, summary, follow_up_on=None):
    today = timezone.localdate()
    return support.record_create(
        actor=actor,
        case=case,
        held_on=today - datetime.timedelta(days=days_ago),
        starts_at=datetime.time(14),
        ends_at=datetime.time(14, 30),
        mode=ConsultationMode.PHONE,
        staff=staff,
        summary=summary,
        next_step="様子をうかがう電話をする",
        follow_up_on=follow_up_on,
    )
