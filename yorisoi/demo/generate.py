"""Fictional staff and persons for a newcomer's first look (and the benchmark). No real people."""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from faker import Faker

from yorisoi.accounts.models import PledgeAcceptance, User
from yorisoi.accounts.pledge import current_version as current_pledge_version
from yorisoi.appointments.demo import create_demo_appointments
from yorisoi.cases import services as case_services
from yorisoi.cases.models import (
    CallerType,
    Case,
    CaseStatus,
    Channel,
    ClosureReason,
    ConsentGivenBy,
    ConsentMethod,
    FamilyRelation,
    Gender,
    age_band_for,
)
from yorisoi.core.db_statistics import statistics_refresh
from yorisoi.demo.continuity import create_demo_continuity
from yorisoi.demo.report_months import add_demo_report_months
from yorisoi.outreach.demo import create_demo_outreach
from yorisoi.programs.bootstrap import bootstrap_organization, program_seed
from yorisoi.programs.models import Membership, Program, Role
from yorisoi.programs.permissions import CONSULTANT_ROLES
from yorisoi.referrals.demo import create_demo_referrals
from yorisoi.retention.demo import create_demo_retention
from yorisoi.staffing.demo import create_demo_grants

DEMO_PASSWORD = "yorisoi-demo-2026"
DEMO_NEWCOMER = "chiba_counselor2"  # has not accepted the pledge yet; a grant for Urayasu awaits a 2nd person

# username, display name, [(program slug, role)], system admin
DEMO_STAFF = [
    ("chiba_manager", "千葉 管理者（デモ）", [("chiba", Role.MANAGER)], False),
    ("chiba_counselor", "千葉 相談員A（デモ）", [("chiba", Role.COUNSELOR)], False),
    ("chiba_counselor2", "千葉 相談員B（デモ）", [("chiba", Role.COUNSELOR)], False),
    ("chiba_clerk", "千葉 事務（デモ）", [("chiba", Role.CLERK)], False),
    ("chiba_city", "千葉市 担当課（デモ）", [("chiba", Role.CITY_OFFICER)], False),
    ("urayasu_manager", "浦安 管理者（デモ）", [("urayasu", Role.MANAGER)], False),
    ("urayasu_counselor", "浦安 相談員（デモ）", [("urayasu", Role.COUNSELOR)], False),
    ("urayasu_clerk", "浦安 事務（デモ）", [("urayasu", Role.CLERK)], False),
    ("urayasu_city", "浦安市 担当課（デモ）", [("urayasu", Role.CITY_OFFICER)], False),
    (
        "both_counselor",
        "両事業 相談員（デモ）",
        [("chiba", Role.COUNSELOR), ("urayasu", Role.COUNSELOR)],
        False,
    ),
    ("sysadmin", "システム管理者（デモ）", [], True),
]

CONCERNS = [
    "仕事を辞めてから2年ほど自室で過ごしている。何から始めたらよいかわからない。",
    "息子が家族とも話さなくなった。どこに相談したらいいかわからない。",
    "働きたい気持ちはあるが、人と関わるのが苦手で外に出られない。",
    "将来を考えると不安になるが、家族や友人には相談できない。",
    "娘が高校を中退してから家にいる。本人は相談を知らない。",
    "親が高齢になり、このままでいいのか心配（8050）。",
]
WISHES = [
    "少しずつ外に出られるようになりたい",
    "同じ立場の人と話してみたい",
    "まずは生活のリズムを整えたい",
    "",
]


def create_demo_staff() -> dict[str, User]:
    programs = {p.slug: p for p in Program.objects.all()}
    users = {}
    for username, display_name, memberships, is_system_admin in DEMO_STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": display_name,
                "is_system_admin": is_system_admin,
                "is_staff": is_system_admin,
                "is_superuser": is_system_admin,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        for slug, role in memberships:
            Membership.objects.get_or_create(user=user, program=programs[slug], defaults={"role": role})
        if username != DEMO_NEWCOMER:  # the newcomer is shown the confidentiality pledge at first login
            PledgeAcceptance.objects.get_or_create(user=user, version=current_pledge_version())
        users[username] = user
    return users


@transaction.atomic
def create_demo_persons(*, program: Program, staff: list[User], count: int, seed: int = 1) -> None:
    """``count`` fictional inquiries, most of which became cases in every stage of the lifecycle."""
    fake, rng = Faker("ja_JP"), random.Random(seed)
    fake.seed_instance(seed)
    today = timezone.localdate()
    city = program.service_city
    for i in range(count):
        received = timezone.now() - datetime.timedelta(days=rng.randint(0, 900), hours=rng.randint(0, 8))
        caller = rng.choices(
            [CallerType.FAMILY, CallerType.SELF, CallerType.AGENCY, CallerType.ANONYMOUS], [6, 2, 1, 1]
        )[0]
        male = rng.random() < 0.6
        age = rng.randint(17, 58)
        inquiry = case_services.inquiry_create(
            program=program,
            actor=rng.choice(staff),
            received_at=received,
            channel=rng.choices([Channel.PHONE, Channel.WALK_IN, Channel.WEB], [7, 2, 1])[0],
            caller_type=caller,
            family_relation=FamilyRelation.MOTHER if caller == CallerType.FAMILY else "",
            caller_name="" if caller == CallerType.ANONYMOUS else fake.name(),
            contact_phone=fake.phone_number() if caller != CallerType.ANONYMOUS else "",
            contact_preferences=rng.choice(
                ["", "固定電話にはかけないでください", "本人は相談していることを知りません"]
            ),
            person_age=age,
            person_age_band=age_band_for(age),
            person_gender=Gender.MALE if male else Gender.FEMALE,
            residence_city=city,
            concern=rng.choice(CONCERNS),
            is_urgent=(i % 23 == 0),
        )
        if caller == CallerType.ANONYMOUS or i % 7 == 0:
            continue
        family_name, family_kana, _ = fake.last_name_pair()
        given_name, given_kana, _ = fake.first_name_male_pair() if male else fake.first_name_female_pair()
        birth = today - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
        client = case_services.client_create(
            program=program,
            actor=staff[0],
            family_name=family_name,
            given_name=given_name,
            family_name_kana=family_kana,
            given_name_kana=given_kana,
            birth_date=birth,
            gender=Gender.MALE if male else Gender.FEMALE,
            residence_city=city,
            phone=fake.phone_number() if rng.random() < 0.4 else "",
            contact_preferences=rng.choice(
                [
                    "",
                    "電話には出られません。メールでお願いします。",
                    "家族が相談していることを本人は知りません",
                ]
            ),
        )
        registered = received.date() + datetime.timedelta(days=rng.randint(3, 20))
        if registered > today:
            registered = today
        case = case_services.case_register(
            program=program,
            actor=staff[0],
            client=client,
            inquiry=inquiry,
            primary_staff=rng.choice(staff),
            registered_on=registered,
            current_situation="日中はほとんど自室で過ごしている。家族とは必要なことだけ話す。",
            main_concerns=inquiry.concern,
            wishes=rng.choice(WISHES),
            withdrawal_since=registered - datetime.timedelta(days=rng.randint(200, 4000)),
        )
        case_services.related_person_add(
            case=case,
            actor=staff[0],
            relation=FamilyRelation.MOTHER,
            name=f"{family_name} {fake.first_name_female()}",
            consults=True,
        )
        case_services.consent_record(
            case=case,
            actor=staff[0],
            given_by=ConsentGivenBy.FAMILY,
            given_on=registered,
            method=ConsentMethod.WRITTEN,
            explained="個人情報の取り扱い、記録の保管、連携先との情報共有について説明した。",
            shares_with="保健福祉センター" if program.slug == "chiba" else "市役所内関係課",
            sensitive_info_recording=rng.random() < 0.5,
        )
        add_demo_support_work(case=case, staff=staff, rng=rng, today=today)
        case.refresh_from_db()
        last_contact = case.last_contact_on or registered  # a case closes after its last contact
        roll = rng.random()
        if roll < 0.65:
            case_services.case_transition(
                case=case, to_status=CaseStatus.CONTINUING, actor=staff[0], on=registered
            )
        elif roll < 0.85:
            closed = min(last_contact + datetime.timedelta(days=rng.randint(7, 120)), today)
            case_services.case_close(
                case=case, reason=ClosureReason.NO_LONGER_NEEDED, actor=staff[0], on=closed
            )
        elif roll < 0.92:
            closed = min(last_contact + datetime.timedelta(days=rng.randint(60, 200)), today)
            case_services.case_close(case=case, reason=ClosureReason.LOST_CONTACT, actor=staff[0], on=closed)
            case_services.case_reopen(case=case, actor=staff[0], on=closed)


RECORD_SUMMARIES = [
    "母と電話。本人の生活リズムについて話した",
    "来所面談。最近の様子と、やってみたいことを聞いた",
    "訪問。本人はドア越しに返事をした",
    "本人と電話。好きなゲームの話ができた",
    "居場所の見学に同行した",
]


def add_demo_support_work(*, case, staff, rng: random.Random, today: datetime.date) -> None:
    """A few consultation records, a support stage and, for some, a plan of small goals and a flag."""
    from yorisoi.consultations import services as support
    from yorisoi.consultations.models import ConsultationMode
    from yorisoi.consultations.stages import stages_for
    from yorisoi.programs.permissions import Actor

    author = staff[0]
    actor = Actor(user=author, program=case.program, role=Role.COUNSELOR)
    day = case.registered_on
    for _ in range(rng.randint(1, 6)):
        day = min(day + datetime.timedelta(days=rng.randint(7, 40)), today)
        mode = rng.choice(
            [
                ConsultationMode.PHONE,
                ConsultationMode.PHONE,
                ConsultationMode.CENTER_VISIT,
                ConsultationMode.HOME_VISIT,
                ConsultationMode.ACCOMPANIMENT,
            ]
        )
        start = datetime.time(rng.choice([10, 11, 13, 14, 15]))
        support.record_create(
            actor=actor,
            case=case,
            held_on=day,
            starts_at=start,
            ends_at=datetime.time(start.hour, 50),
            mode=mode,
            staff=rng.choice(staff),
            summary=rng.choice(RECORD_SUMMARIES),
            client_present=rng.random() < 0.4,
            accompaniment_destination="ibasho" if mode == ConsultationMode.ACCOMPANIMENT else "",
            accompaniment_outcome="connected" if mode == ConsultationMode.ACCOMPANIMENT else "",
        )
    stages = stages_for(case.program)
    support.stage_set(
        case=case, stage=stages[rng.randint(0, 2)], entered_on=case.registered_on, note="", actor=actor
    )
    if rng.random() < 0.4:
        support.plan_make(
            case=case,
            actor=actor,
            made_on=case.registered_on,
            persons_hopes=rng.choice(WISHES),
            goals=[{"text": "朝10時までに起きる", "in_persons_words": True}, {"text": "週に一度は散歩する"}],
        )
    if rng.random() < 0.08:
        support.risk_flag_raise(
            case=case, actor=actor, kind="8050", note="親が高齢", raised_on=case.registered_on
        )


def seed_demo(*, persons_per_program: int = 60) -> dict[str, User]:
    with scopes_disabled():
        bootstrap_organization()
        users = create_demo_staff()
        create_demo_grants(users)  # waits for sysadmin (or another manager) in 職員の所属
        for program in Program.objects.all():
            staff = [m.user for m in program.memberships.filter(role__in=CONSULTANT_ROLES).order_by("pk")]
            if Case.objects.filter(program=program).exists():
                continue  # already seeded
            create_demo_persons(
                program=program, staff=staff, count=persons_per_program, seed=program_seed(program)
            )
            create_demo_referrals(program, staff)
            create_demo_appointments(program, staff)
            create_demo_outreach(program, staff)
            create_demo_continuity(program, users[f"{program.slug}_counselor"], staff)
            add_demo_report_months(program=program, staff=staff, seed=program_seed(program))
            # last: the others pick closed cases to reopen, and these two must stay closed and old
            create_demo_retention(program, program.memberships.filter(role=Role.MANAGER).first().user)
    statistics_refresh()
    return users
