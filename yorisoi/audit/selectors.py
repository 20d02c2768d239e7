import datetime

from django.db.models import QuerySet

from yorisoi.audit.models import AccessLog
from yorisoi.programs.permissions import Actor, person_scope, require_manager


def access_log_list(
    *,
    actor: Actor,
    staff_id: int | None = None,
    subject_label: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AccessLog]:
    """The program's access log for its manager, newest first, filtered by staff, person and date."""
    require_manager(actor)
    qs = person_scope(AccessLog.objects.all(), actor).select_related("actor")
    if staff_id:
        qs = qs.filter(actor_id=staff_id)
    if subject_label:
        qs = qs.filter(subject_label=subject_label.strip().upper())
    if date_from:
        qs = qs.filter(occurred_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(occurred_at__date__lte=date_to)
    return qs  # ordered by the keyset pager: newest first by (occurred_at, id)
