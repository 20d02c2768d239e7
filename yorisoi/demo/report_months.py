"""Demo activity for the 実績報告: this fiscal year and the last, month by month, in every category.

The persons of ``generate.py`` give a few contacts a month; a report of a program that size would
be mostly zeros. This adds, for each of the last 20 months, records of every mode and party among
the program's existing cases (accompaniments with destinations and outcomes), and a few inquiries
that never became cases (anonymous calls, web requests, unknown ages), all through the services.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from yorisoi.cases import services as case_services
from yorisoi.cases.models import AgeBand, CallerType, Case, Channel, Gender, InquiryStatus, RelatedPerson
from yorisoi.consultations import services as support
from yorisoi.consultations.models import AccompanimentDestination, AccompanimentOutcome, ConsultationMode
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor
from yorisoi.reports.periods import add_months

MONTHS = 20
MODES_BY_PROGRAM = {
    "chiba": [
        (ConsultationMode.PHONE, 8),
        (ConsultationMode.CENTER_VISIT, 5),
        (ConsultationMode.HOME_VISIT, 2),
        (ConsultationMode.HEALTH_CENTER, 3),
        (ConsultationMode.MAIL, 1),
        (ConsultationMode.ONLINE, 1),
        (ConsultationMode.ACCOMPANIMENT, 2),
        (ConsultationMode.CASE_MEETING, 1),
    ],
    "urayasu": [
        (ConsultationMode.PHONE, 6),
        (ConsultationMode.CITY_HALL, 6),
        (ConsultationMode.HOME_VISIT, 2),
        (ConsultationMode.ACCOMPANIMENT, 3),
        (ConsultationMode.MAIL, 1),
        (ConsultationMode.CASE_MEETING, 1),
    ],
}
AGENCIES = {"chiba": "保健福祉センター", "urayasu": "市役所 生活支援課"}


@transaction.atomic
def add_demo_report_months(*, program, staff, seed: int) -> None:
    rng, today = random.Random(seed), timezone.localdate()
    author = staff[0]
    actor = Actor(user=author, program=program, role=Role.COUNSELOR)
    cases = list(Case.objects.filter(program=program).select_related("client").order_by("pk"))
    family = {p.case_id: p for p in RelatedPerson.objects.filter(program=program).order_by("pk")}
    modes, weights = zip(*MODES_BY_PROGRAM[program.slug], strict=True)
    first_month = add_months(today.replace(day=1), -MONTHS + 1)
    for m in range(MONTHS):
        month = add_months(first_month, m)
        days = (add_months(month, 1) - month).days
        for _ in range(rng.randint(12, 22)):
            day = month + datetime.timedelta(days=rng.randrange(days))
            case = rng.choice(cases) if cases else None
            if case is None or day > today or day < case.registered_on:
                continue
            mode = rng.choices(modes, weights)[0]
            _record(actor, case, day, mode, family.get(case.pk), program, rng)
        for _ in range(rng.randint(1, 4)):
            day = month + datetime.timedelta(days=rng.randrange(days))
            if day <= today:
                _lone_inquiry(actor, program, day, rng)


def _record(actor, case, day, mode, mother, program, rng):
    accompanied = mode == ConsultationMode.ACCOMPANIMENT
    start = datetime.time(rng.choice([10, 11, 13, 14, 15]))
    support.record_create(
        actor=actor,
        case=case,
        held_on=day,
        starts_at=start,
        ends_at=datetime.time(start.hour, 50),
        mode=mode,
        staff=actor.user,
        summary="実績報告のデモ用の記録",
        client_present=case.client_id is not None and rng.random() < 0.45,
        family_present=[mother] if mother and rng.random() < 0.5 else [],
        agencies_present=AGENCIES[program.slug]
        if mode == ConsultationMode.CASE_MEETING or rng.random() < 0.08
        else "",
        accompaniment_destination=rng.choice(AccompanimentDestination.values) if accompanied else "",
        accompaniment_outcome=rng.choice(AccompanimentOutcome.values) if accompanied else "",
    )


def _lone_inquiry(actor, program, day, rng):
    caller = rng.choices(
        [CallerType.FAMILY, CallerType.SELF, CallerType.AGENCY, CallerType.ANONYMOUS], [4, 2, 1, 2]
    )[0]
    age = rng.choice([None, None, 16, 19, 24, 33, 41, 52, 63])
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(9, 16), rng.randint(0, 59)))
    case_services.inquiry_create(
        program=program,
        actor=actor,
        received_at=timezone.make_aware(moment),
        channel=rng.choices([Channel.PHONE, Channel.WALK_IN, Channel.WEB, Channel.EMAIL], [6, 2, 2, 1])[0],
        caller_type=caller,
        family_relation="mother" if caller == CallerType.FAMILY else "",
        person_age=age,
        person_age_band=AgeBand.UNKNOWN,
        person_gender=rng.choice([Gender.MALE, Gender.FEMALE, Gender.UNANSWERED, Gender.UNKNOWN]),
        residence_city=program.service_city,
        concern="相談先を知りたいという問い合わせ（デモ）",
        status=rng.choice([InquiryStatus.NO_FURTHER_CONTACT, InquiryStatus.REFERRED, InquiryStatus.NEW]),
    )
