"""What referrals add to the case page: a section listing them, and timeline entries."""

from django.utils.translation import gettext_lazy as _

from yorisoi.cases import case_page
from yorisoi.programs.permissions import CONSULTATION_CONTENT_ROLES


def _section_context(rows, actor, request) -> dict:
    return {"referrals": rows["referrals"]}


def _timeline_entries(rows, limit):
    from yorisoi.referrals.selectors import referral_timeline_entries

    return referral_timeline_entries(rows, limit)


def register() -> None:
    from yorisoi.referrals.selectors import case_referral_changes, case_referrals

    case_page.register_rows("referrals", lambda rows: case_referrals(case=rows.case))
    case_page.register_rows("referral_changes", case_referral_changes)
    case_page.register_section(
        case_page.CaseSection(
            key="referrals",
            template="referrals/case_section.html",
            context=_section_context,
            order=60,
            roles=CONSULTATION_CONTENT_ROLES,
        )
    )
    case_page.register_timeline_source(
        case_page.TimelineSource("referral", _("連携・つなぎ"), _timeline_entries)
    )
