"""Demo: each program's retention term, and two long-closed fictional cases waiting for the manager."""

import datetime

from django.utils import timezone

from yorisoi.cases import services as cases
from yorisoi.cases.models import ClosureReason, Gender
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor
from yorisoi.retention.services import retention_policy_set

OLD_CASES = [
    # family, given, kana, kana, registered, closed
    ("古川", "誠", "フルカワ", "マコト", datetime.date(2017, 5, 8), datetime.date(2019, 3, 26)),
    ("早瀬", "みのり", "ハヤセ", "ミノリ", datetime.date(2018, 9, 3), datetime.date(2020, 1, 14)),
]


def create_demo_retention(program, manager) -> None:
    """Five years after closure (a typical contract term); the old cases are past it."""
    actor = Actor(user=manager, program=program, role=Role.MANAGER)
    retention_policy_set(actor=actor, years=5, note="委託契約の定め（デモ）")
    today = timezone.localdate()
    for family, given, family_kana, given_kana, registered, closed in OLD_CASES:
        client = cases.client_create(
            program=program,
            actor=actor,
            family_name=family,
            given_name=given,
            family_name_kana=family_kana,
            given_name_kana=given_kana,
            birth_date=registered.replace(year=registered.year - 27),
            gender=Gender.UNANSWERED,
            residence_city=program.service_city,
        )
        case = cases.case_register(
            program=program,
            actor=actor,
            client=client,
            primary_staff=manager,
            registered_on=registered,
            main_concerns="外に出るきっかけがほしい（デモ）",
            wishes="自分のペースで",
        )
        cases.case_close(case=case, reason=ClosureReason.NO_LONGER_NEEDED, actor=actor, on=min(closed, today))
