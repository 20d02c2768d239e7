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
from yorisoi.consultations import case_reads, selectors
from yorisoi.consultations.models import GoalStatus


def _flags(rows, actor):
    flags = case_reads.open_flags(rows)
    return {"flags": flags} if flags else None


def _stage(rows, actor):
    return {"current": case_reads.current_stage(rows)}


def _records(rows, actor, request):
    return {"records": case_reads.recent_records(rows)}


def _plan(rows, actor, request):
    return {
        "plan": rows["plan"],
        "goals": case_reads.plan_goals(rows),
        "achievements": rows["achievements"][: case_reads.RECENT],
        "goal_statuses": GoalStatus.choices,
    }


def _life(rows, actor, request):
    return {
        "changes": rows["life_changes"][: case_reads.RECENT],
        "stages": rows["stages"][: case_reads.RECENT],
    }


def _inquiry_records(inquiry, actor):
    return {"records": selectors.records_of_inquiry(inquiry=inquiry)}


def register() -> None:
    case_reads.register()
    register_inquiry_section(
        InquirySection("records", "consultations/inquiry_records.html", _inquiry_records, order=10)
    )
    register_header_part(HeaderPart("risk_flags", "consultations/header_flags.html", _flags, order=10))
    register_header_part(HeaderPart("stage", "consultations/header_stage.html", _stage, order=20))
    register_section(CaseSection("records", "consultations/section_records.html", _records, order=10))
    register_section(CaseSection("plan", "consultations/section_plan.html", _plan, order=20))
    register_section(CaseSection("life", "consultations/section_life.html", _life, order=30))
    register_timeline_source(TimelineSource("record", _("相談記録"), case_reads.record_entries))
    register_timeline_source(TimelineSource("stage", _("支援段階"), case_reads.stage_entries))
    register_timeline_source(TimelineSource("life", _("暮らしの変化"), case_reads.life_entries))
    register_timeline_source(TimelineSource("achievement", _("できたこと"), case_reads.achievement_entries))
    register_timeline_source(TimelineSource("flag", _("注意"), case_reads.flag_entries))
    register_timeline_source(TimelineSource("goal", _("目標の達成"), case_reads.goal_entries))
