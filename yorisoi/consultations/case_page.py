"""What the consultations app adds to the case page (see yorisoi/cases/case_page.py)."""

from django.utils.translation import gettext_lazy as _

from yorisoi.cases.case_page import (
    CaseSection,
    HeaderPart,
    InquirySection,
    TimelineSource,
    register_header_part,
    register_inquiry_section,
    register_section,
    register_timeline_source,
)
from yorisoi.consultations import selectors
from yorisoi.consultations.models import GoalStatus


def _flags(case, actor):
    flags = selectors.open_flags(case=case)
    return {"flags": flags} if flags else None


def _stage(case, actor):
    return {"current": selectors.current_stage(case=case)}


def _records(case, actor, request):
    return {"records": selectors.records_of_case(case=case)}


def _plan(case, actor, request):
    return {
        "plan": selectors.current_plan(case=case),
        "achievements": selectors.achievements(case=case, limit=5),
        "goal_statuses": GoalStatus.choices,
    }


def _life(case, actor, request):
    return {
        "changes": selectors.life_changes(case=case, limit=5),
        "stages": selectors.stage_history(case=case, limit=5),
    }


def _inquiry_records(inquiry, actor):
    return {"records": selectors.records_of_inquiry(inquiry=inquiry)}


def register() -> None:
    register_inquiry_section(
        InquirySection("records", "consultations/inquiry_records.html", _inquiry_records, order=10)
    )
    register_header_part(HeaderPart("risk_flags", "consultations/header_flags.html", _flags, order=10))
    register_header_part(HeaderPart("stage", "consultations/header_stage.html", _stage, order=20))
    register_section(CaseSection("records", "consultations/section_records.html", _records, order=10))
    register_section(CaseSection("plan", "consultations/section_plan.html", _plan, order=20))
    register_section(CaseSection("life", "consultations/section_life.html", _life, order=30))
    register_timeline_source(TimelineSource("record", _("相談記録"), selectors.record_entries))
    register_timeline_source(TimelineSource("stage", _("支援段階"), selectors.stage_entries))
    register_timeline_source(TimelineSource("life", _("暮らしの変化"), selectors.life_entries))
    register_timeline_source(TimelineSource("achievement", _("できたこと"), selectors.achievement_entries))
    register_timeline_source(TimelineSource("flag", _("注意"), selectors.flag_entries))
    register_timeline_source(TimelineSource("goal", _("目標の達成"), selectors.goal_entries))
