import datetime

from yorisoi.cases.models import Case
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.consultations import services
from yorisoi.consultations.models import ConsultationMode
from yorisoi.core.testing.isolation import CONTENT_ROLES, MANAGER_ONLY, Built, StaffPage


def _case(program, author):
    case = make_case(program=program, actor=author)
    name = f"{case.client.family_name} {case.client.given_name}"
    return Built({"case_id": case.public_id}, (str(case.public_id), name), case.public_id)


def _inquiry(program, author):
    inquiry = make_inquiry(program=program, actor=author, caller_name="照合用 花子")
    return Built(
        {"inquiry_id": inquiry.public_id}, (str(inquiry.public_id), "照合用 花子"), inquiry.public_id
    )


def _record(program, author):
    built = _case(program, author)
    case = Case.objects.get(public_id=built.subject_id)
    record = services.record_create(
        actor=_Actor(author, program),
        case=case,
        held_on=datetime.date(2026, 5, 1),
        starts_at=datetime.time(10),
        ends_at=datetime.time(11),
        mode=ConsultationMode.PHONE,
        staff=author,
        summary="照合用の要旨",
    )
    return Built({"record_id": record.public_id}, (*built.identifiers, "照合用の要旨"), case.public_id)


def _flag(program, author):
    built = _case(program, author)
    case = Case.objects.get(public_id=built.subject_id)
    flag = services.risk_flag_raise(
        case=case,
        actor=_Actor(author, program),
        kind="8050",
        note="照合用の注意",
        raised_on=datetime.date(2026, 5, 1),
    )
    return Built({"flag_id": flag.public_id}, (str(flag.public_id),), case.public_id)


def _goal(program, author):
    built = _case(program, author)
    case = Case.objects.get(public_id=built.subject_id)
    plan = services.plan_make(
        case=case,
        actor=_Actor(author, program),
        made_on=datetime.date(2026, 5, 1),
        persons_hopes="",
        goals=[{"text": "照合用の目標"}],
    )
    goal = plan.goals.get()
    return Built({"goal_id": goal.public_id}, (str(goal.public_id),), case.public_id)


class _Actor:
    def __init__(self, user, program):
        self.user, self.program, self.role = user, program, "counselor"
        self.may_read_consultation_contents, self.is_manager = True, False


PAGES = [
    StaffPage("consultations:record_new", CONTENT_ROLES, _case),
    StaffPage("consultations:record_new_for_inquiry", CONTENT_ROLES, _inquiry),
    StaffPage("consultations:record_detail", CONTENT_ROLES, _record, per_object=True),
    # built by another counselor: only the manager (or the author, tested elsewhere) may edit it
    StaffPage("consultations:record_edit", MANAGER_ONLY, _record),
    StaffPage("consultations:stage_set", CONTENT_ROLES, _case),
    StaffPage("consultations:life_change_add", CONTENT_ROLES, _case),
    StaffPage("consultations:flag_raise", CONTENT_ROLES, _case),
    StaffPage("consultations:flag_clear", CONTENT_ROLES, _flag, method="post"),
    StaffPage("consultations:plan_edit", CONTENT_ROLES, _case),
    StaffPage("consultations:plan_history", CONTENT_ROLES, _case, per_object=True),
    StaffPage("consultations:goal_status", CONTENT_ROLES, _goal, method="post", data={"status": "achieved"}),
    StaffPage("consultations:achievement_add", CONTENT_ROLES, _case),
    StaffPage("consultations:quiet_panel", CONTENT_ROLES),
    StaffPage("consultations:today", CONTENT_ROLES),
    StaffPage("consultations:record_print", CONTENT_ROLES, _record, per_object=True),
    StaffPage("consultations:follow_up_done", CONTENT_ROLES, _record, method="post"),
]
