import datetime

from yorisoi.cases.services import case_close
from yorisoi.cases.tests.factories import make_case
from yorisoi.core.testing.isolation import MANAGER_ONLY, Built, StaffPage
from yorisoi.retention.models import RetentionPolicy


def _old_closed_case(program, author):
    """A case closed ten years ago under a five-year term: due for anonymisation."""
    RetentionPolicy.objects.update_or_create(
        program=program, defaults={"years_after_closure": 5, "updated_by": author}
    )
    case = make_case(program=program, actor=author, registered_on=datetime.date(2015, 4, 1))
    case_close(case=case, reason="no_longer_needed", actor=author, on=datetime.date(2016, 3, 31))
    return Built({"case_id": case.public_id}, (str(case.public_id),), case.public_id)


def _listed(program, author):
    built = _old_closed_case(program, author)
    return Built({}, built.identifiers, built.subject_id)


PAGES = [
    StaffPage("retention:due", MANAGER_ONLY, _listed),
    StaffPage("retention:anonymise", MANAGER_ONLY, _old_closed_case, per_object=True),
    StaffPage(
        "retention:anonymise",
        MANAGER_ONLY,
        _old_closed_case,
        method="post",
        data={"reason": "保存期間を過ぎたため", "confirm": "on"},
    ),
]
