"""Fictional partner agencies and referrals for the demo. No real people; clinics and groups are made up.

Called by the demo seeder once per program, after the program's cases exist.
"""

import datetime

from django.utils import timezone
from django_scopes import scopes_disabled

from yorisoi.cases.models import Case, CaseStatus
from yorisoi.referrals import services
from yorisoi.referrals.consent import consent_names_agency
from yorisoi.referrals.models import AgencyKind, PartnerAgency, ReferralStatus

K = AgencyKind
AGENCIES = {
    "chiba": [
        (
            K.HELLO_WORK,
            "ハローワーク千葉",
            "職業相談部門（架空）",
            "043-000-0101",
            "初回は相談員の同行が望ましい。",
        ),
        (
            K.YOUTH_SUPPORT_STATION,
            "ちば若者サポートステーション（架空）",
            "相談担当 佐々木（架空）",
            "043-000-0102",
            "",
        ),
        (K.HEALTH_WELFARE_CENTER, "美浜保健福祉センター", "健康課 精神保健担当（架空）", "043-000-0103", ""),
        (
            K.MEDICAL,
            "稲毛こころのクリニック（架空）",
            "受付（架空）",
            "043-000-0104",
            "予約は電話のみ。初診まで約1か月。",
        ),
        (
            K.IBASHO,
            "居場所カフェ ひだまり（架空）",
            "スタッフ 田中（架空）",
            "043-000-0105",
            "毎週水曜 13:00〜16:00。",
        ),
        (K.MENTAL_HEALTH_CENTER, "千葉市こころの健康センター", "", "043-000-0106", ""),
    ],
    "urayasu": [
        (K.HELLO_WORK, "ハローワーク市川", "職業相談部門（架空）", "047-000-0201", "同行支援の実績あり。"),
        (K.CITY_HALL, "浦安市役所 障がい福祉担当（架空）", "担当 鈴木（架空）", "047-000-0202", "同じ3階。"),
        (K.LIVELIHOOD_SUPPORT, "浦安市 自立相談支援窓口（架空）", "相談員 高橋（架空）", "047-000-0203", ""),
        (K.YOUTH_SUPPORT_STATION, "うらやす若者サポートステーション（架空）", "", "047-000-0204", ""),
        (
            K.IBASHO,
            "居場所スペース なぎさ（架空）",
            "スタッフ 伊藤（架空）",
            "047-000-0205",
            "第2・第4土曜。",
        ),
        (K.MEDICAL, "猫実メンタルクリニック（架空）", "受付（架空）", "047-000-0206", ""),
    ],
}
# (agency index, purpose, end status or None for still open, days from proposal to the end)
STORIES = [
    (0, "本人が「仕事の話を聞いてみたい」と話したため、職業相談の利用を提案。", ReferralStatus.CONNECTED, 21),
    (1, "同世代と話せる場として、サポートステーションの見学を提案。", ReferralStatus.ARRANGING, 10),
    (2, "母親の不眠について、保健福祉センターの精神保健相談を案内。", ReferralStatus.CONNECTED, 14),
    (3, "本人の同意のもと、受診先を一緒に探すことを提案。", ReferralStatus.WITHDRAWN, 30),
    (4, "週1回の居場所の利用を提案。", None, 0),
    (0, "求職登録の手続きに同行を提案。", ReferralStatus.NOT_CONNECTED, 40),
]


def create_demo_referrals(program, staff) -> None:
    """A few partner agencies of ``program`` and referrals for some of its cases; does nothing twice."""
    with scopes_disabled():
        if PartnerAgency.objects.filter(program=program).exists():
            return
        actor = staff[0]
        agencies = [
            services.agency_create(
                program=program,
                actor=actor,
                kind=kind,
                name=name,
                contact_person=contact,
                phone=phone,
                notes=notes,
            )
            for kind, name, contact, phone, notes in AGENCIES.get(program.slug, AGENCIES["chiba"])
        ]
        cases = Case.objects.filter(program=program).exclude(status=CaseStatus.CLOSED).order_by("number")
        today = timezone.localdate()
        for n, case in enumerate(cases[: len(STORIES)]):
            index, purpose, end, days = STORIES[n]
            agency = agencies[index % len(agencies)]
            user = staff[n % len(staff)]
            proposed_on = min(case.registered_on + datetime.timedelta(days=7), today)
            covered = any(
                consent_names_agency(c.shared_agencies, name=agency.name, kind=agency.kind)
                for c in case.consents.filter(withdrawn_on__isnull=True)
            )
            referral = services.referral_create(
                case=case,
                agency=agency,
                actor=user,
                purpose=purpose,
                shares_personal_info=covered,
                proposed_on=proposed_on,
            )
            if end is None:
                continue
            on = min(proposed_on + datetime.timedelta(days=days), today)
            if end != ReferralStatus.ARRANGING:
                arranged_on = min(proposed_on + datetime.timedelta(days=days // 2), on)
                referral = services.referral_transition(
                    referral=referral, to_status=ReferralStatus.ARRANGING, actor=user, on=arranged_on
                )
            services.referral_transition(
                referral=referral, to_status=end, actor=user, on=on, note=_OUTCOME_NOTES.get(end, "")
            )
            if end == ReferralStatus.CONNECTED:
                services.referral_follow_up(
                    referral=referral,
                    actor=user,
                    follow_up_on=on + datetime.timedelta(days=30),
                    follow_up_note="通い続けられているか、本人の負担になっていないか確かめる。",
                )


_OUTCOME_NOTES = {
    ReferralStatus.CONNECTED: "相談員が同行し、担当者と顔合わせができた。次回は本人だけで行く予定。",
    ReferralStatus.NOT_CONNECTED: "当日の朝、体調がすぐれず見送り。本人のペースで改めて考える。",
    ReferralStatus.WITHDRAWN: "本人が「今はまだ早い」と話したため、いったん取り下げ。",
    ReferralStatus.ARRANGING: "",
}
