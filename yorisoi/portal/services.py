"""The one write the public site makes: a web request for a first consultation becomes an Inquiry."""

from django.utils.translation import gettext as _

from yorisoi.cases.models import AgeBand, CallerType, Channel, Inquiry
from yorisoi.cases.services import inquiry_create
from yorisoi.portal.forms import CONTACT_CAUTIONS, CONTACT_METHODS
from yorisoi.programs.models import OpeningHours, Program


def contact_preferences_text(*, method: str, cautions: list[str], note: str) -> str:
    """What staff must see before they make contact, in the words the visitor chose."""
    method_labels, caution_labels = dict(CONTACT_METHODS), dict(CONTACT_CAUTIONS)
    lines = [_("希望する連絡方法：%(method)s") % {"method": method_labels[method]}]
    lines += [f"・{caution_labels[c]}" for c in cautions]
    if note:
        lines.append(_("そのほか：%(note)s") % {"note": note})
    return "\n".join(lines)


def web_request_submit(*, program: Program, data: dict, request=None) -> Inquiry:
    """Log the visitor's request in ``program``'s inbox (actor None: it came from the public)."""
    caller_type = data["caller_type"]
    days = [str(OpeningHours.Weekday(int(d)).label) for d in sorted(data["preferred_days"], key=int)]
    return inquiry_create(
        program=program,
        actor=None,
        request=request,
        channel=Channel.WEB,
        caller_type=caller_type,
        family_relation=data["family_relation"] if caller_type == CallerType.FAMILY else "",
        agency_name=data["agency_name"] if caller_type == CallerType.AGENCY else "",
        caller_name=data["caller_name"],
        contact_email=data["contact_email"],
        contact_phone=data["contact_phone"],
        contact_preferences=contact_preferences_text(
            method=data["contact_method"], cautions=data["contact_cautions"], note=data["contact_note"]
        ),
        preferred_days="・".join(days),
        person_age_band=data["person_age_band"] or AgeBand.UNKNOWN,
        concern=data["concern"],
    )
