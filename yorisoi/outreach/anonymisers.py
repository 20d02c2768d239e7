"""Event registrations linked to a case lose their names and contacts with the case (retention).

Counts stay: the category, status, channel and attendance rows are kept. The cancellation token's
hash identifies nobody and is kept so an old link still answers 「見つかりません」 the same way.
"""

from yorisoi.core.anonymisation import Anonymiser, register
from yorisoi.outreach.models import Registration


def _registrations_of_cases(case_ids):
    return Registration.objects.with_scopes_disabled().filter(case__in=case_ids)


def register_anonymisers() -> None:
    register(
        Anonymiser(
            Registration,
            rows_of_cases=_registrations_of_cases,
            blank=("name", "contact_email", "contact_phone", "accessibility_needs"),
        )
    )
