"""A whole case's life with a canary name everywhere a person's words can go, for retention tests."""

import datetime

from django.utils import timezone

from yorisoi.appointments.models import Appointment
from yorisoi.cases import services as cases
from yorisoi.consultations import services as support
from yorisoi.consultations.stages import stages_for
from yorisoi.programs.models import Place
from yorisoi.referrals import services as referrals

CANARY = "栗栖川 瑠璃子"
CANARY_KANA = "クリスガワ ルリコ"
CANARY_PHONE = "090-8765-4321"
CANARY_EMAIL = "rurikokurisugawa@example.jp"
CANARY_ADDRESS = "千葉市美浜区高浜9-9-9 カナリア荘101"
CANARIES = (
    "栗栖川",
    "瑠璃子",
    "クリスガワ",
    "ルリコ",
    "09087654321",
    "8765-4321",
    "12345678090",
    CANARY_EMAIL,
    "カナリア荘",
)


PERSON = {
    "family_name": "栗栖川",
    "given_name": "瑠璃子",
    "family_name_kana": "クリスガワ",
    "given_name_kana": "ルリコ",
    "phone": CANARY_PHONE,
    "email": CANARY_EMAIL,
    "address": CANARY_ADDRESS,
}
OTHER_PERSON = {
    "family_name": "別府",
    "given_name": "花子",
    "family_name_kana": "ベップ",
    "given_name_kana": "ハナコ",
    "phone": "080-1111-2222",
    "email": "beppu@example.jp",
    "address": "千葉市中央区1-1",
}


def lived_case(*, program, actor, staff, year: int, mode: str = "phone", closed=True, person=None):
    """Inquiry → registration with consent → records (one edited) → plan, stage, flag → referral,
    appointment → closed. Every free-text field mentions the person's name."""
    d = datetime.date
    person = person or PERSON
    canary = f"{person['family_name']} {person['given_name']}"
    inquiry = cases.inquiry_create(
        program=program,
        actor=actor,
        channel="phone",
        caller_type="family",
        family_relation="mother",
        caller_name=f"{canary}の母",
        contact_phone=person["phone"],
        contact_email=person["email"],
        contact_preferences=f"{canary}本人は相談を知らない",
        concern=f"{canary}が家から出られない",
        person_age=24,
        person_age_band="20_29",
        person_gender="female",
        residence_city="千葉市",
        preferred_days="火曜日",
        received_at=timezone.make_aware(datetime.datetime(year, 4, 3, 10)),
    )
    case = cases.initial_consultation_register(
        program=program,
        actor=actor,
        inquiry=inquiry,
        case_fields={
            "primary_staff": staff,
            "registered_on": d(year, 4, 10),
            "withdrawal_since": d(year - 3, 6, 1),
            "withdrawal_since_note": f"{canary}が高校2年の夏ごろから",
            "current_situation": f"{canary}は昼夜逆転",
            "main_concerns": f"{canary}の将来",
            "wishes": f"{canary}「少しずつ外に」",
        },
        client_fields={
            **person,
            "birth_date": d(year - 24, 9, 1),
            "gender": "female",
            "residence_city": "千葉市",
            "contact_preferences": f"{canary}には電話しない",
        },
        consulting_person={
            "relation": "mother",
            "name": f"{canary}の母",
            "name_kana": f"{person['family_name_kana']} ハハ",
            "phone": person["phone"],
            "relation_note": f"{canary}の実母",
            "contact_preferences": "夜は不可",
        },
        consent={
            "given_by": "self",
            "given_by_name": canary,
            "given_on": d(year, 4, 10),
            "method": "written",
            "explained": f"{canary}に個人情報の扱いを説明",
            "shares_with": "ハローワーク",
        },
    )
    mother = case.related_people.get()
    place = Place.objects.filter(program=program).first()
    record = support.record_create(
        actor=actor,
        case=case,
        held_on=d(year, 5, 1),
        starts_at=datetime.time(10),
        ends_at=datetime.time(11),
        mode=mode,
        staff=staff,
        client_present=True,
        family_present=[mother],
        agencies_present=f"{canary}の主治医",
        summary=f"{canary}と初めて会えた",
        details=f"{canary}は緊張していた",
        next_step=f"{canary}に手紙",
        place=place,
        place_note=f"{canary}の自宅近くの公園",
    )
    support.record_update(
        record=record,
        actor=actor,
        expected_version=1,
        details=f"{canary}は少し笑った",
    )
    support.record_create(
        actor=actor,
        case=case,
        held_on=d(year, 6, 1),
        starts_at=datetime.time(13),
        ends_at=datetime.time(15),
        mode="accompaniment",
        staff=staff,
        summary=f"{canary}とハローワークへ",
        accompaniment_destination="hello_work",
        accompaniment_destination_name=f"{canary}の地元の窓口",
        accompaniment_outcome="connected",
    )
    support.record_create(
        actor=actor,
        inquiry=inquiry,
        held_on=d(year, 4, 3),
        starts_at=datetime.time(9),
        ends_at=datetime.time(9, 30),
        mode="phone",
        staff=staff,
        summary=f"{canary}の母から電話",
    )
    plan = support.plan_make(
        case=case,
        actor=actor,
        made_on=d(year, 5, 2),
        persons_hopes=f"{canary}「図書館に行きたい」",
        review_note=f"{canary}と見直し",
        goals=[{"text": f"{canary}が週1回散歩", "in_persons_words": True}],
    )
    support.achievement_add(
        case=case,
        actor=actor,
        text=f"{canary}がコンビニへ",
        achieved_on=d(year, 5, 20),
        goal=plan.goals.get(),
    )
    stage = stages_for(program)[1]
    support.stage_set(
        case=case, stage=stage, entered_on=d(year, 5, 3), note=f"{canary}と個別支援へ", actor=actor
    )
    support.life_change_add(
        case=case, actor=actor, observed_on=d(year, 5, 4), area="going_out", note=f"{canary}が外に出た"
    )
    support.risk_flag_raise(
        case=case, actor=actor, kind="other", note=f"{canary}の父が高齢", raised_on=d(year, 5, 5)
    )
    agency = referrals.agency_create(
        program=program, actor=actor, kind="hello_work", name=f"ハローワーク{year}"
    )
    referral = referrals.referral_create(
        case=case,
        agency=agency,
        actor=actor,
        purpose=f"{canary}の就労相談",
        shares_personal_info=False,
        proposed_on=d(year, 6, 2),
    )
    referrals.referral_transition(
        referral=referral, to_status="arranging", actor=actor, on=d(year, 6, 3), note=f"{canary}の予定を調整"
    )
    Appointment.objects.create(
        program=program,
        kind="home_visit",
        case=case,
        place=place,
        staff=staff,
        created_by=staff,
        starts_at=timezone.make_aware(datetime.datetime(year, 7, 1, 10)),
        ends_at=timezone.make_aware(datetime.datetime(year, 7, 1, 11)),
        note=f"{canary}の家の前で待ち合わせ",
        outside_hours_reason=f"{canary}の都合",
        status_note="",
    )
    if closed:
        cases.case_close(
            case=case,
            reason="no_longer_needed",
            actor=actor,
            on=d(year + 1, 3, 1),
            note=f"{canary}から「もう大丈夫」",
        )
    case.refresh_from_db()
    return case
