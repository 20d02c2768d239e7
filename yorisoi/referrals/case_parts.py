"""What referrals add to the case page: a section listing them, and timeline entries."""

from django.utils.translation import gettext_lazy as _

from yorisoi.cases import case_page
from yorisoi.programs.permissions import CONSULTATION_CONTENT_ROLES


def _section_context(case, actor, request) -> dict:
    from yorisoi.referrals.selectors import case_referrals

    return {"referrals": case_referrals(case=case)}


def _timeline_entries(case, limit):
    from yorisoi.referrals.selectors import referral_timeline_entries

    return referral_timeline_entries(case, limit)


def register() -> None:
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
