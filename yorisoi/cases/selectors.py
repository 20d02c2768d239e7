"""Every read of inquiries, clients and cases: scoped to the actor's program, related rows up front."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from yorisoi.cases.models import Case, Inquiry, InquiryStatus
from yorisoi.programs.permissions import (
    Actor,
    person_scope,
    require_consultation_contents,
    require_person_access,
)


def inquiry_list(*, actor: Actor, status: str | None = None) -> QuerySet[Inquiry]:
    qs = person_scope(Inquiry.objects.all(), actor).select_related("taken_by")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-is_urgent", "-received_at", "-id")


def inquiry_get(*, actor: Actor, inquiry_id) -> Inquiry:
    require_person_access(actor)
    return get_object_or_404(
        person_scope(Inquiry.objects.all(), actor).select_related("taken_by", "case"), public_id=inquiry_id
    )


def urgent_inquiries_waiting(*, actor: Actor) -> list[Inquiry]:
    """Urgent inquiries nobody has taken yet: shown to every consultant of the program."""
    return list(
        person_scope(Inquiry.objects.all(), actor)
        .filter(is_urgent=True, taken_at__isnull=True)
        .exclude(
            status__in=[InquiryStatus.REGISTERED, InquiryStatus.REFERRED, InquiryStatus.NO_FURTHER_CONTACT]
        )
        .order_by("received_at")[:20]
    )


def case_list(*, actor: Actor, filters: dict | None = None) -> QuerySet[Case]:
    filters = filters or {}
    qs = person_scope(Case.objects.all(), actor).select_related("client", "primary_staff", "secondary_staff")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("staff"):
        qs = qs.filter(primary_staff=filters["staff"]) | qs.filter(secondary_staff=filters["staff"])
    return qs.order_by("-registered_on", "-number")


def case_get(*, actor: Actor, case_id) -> Case:
    """One case with its contents: for managers and counselors (clerks see no consultation contents)."""
    require_consultation_contents(actor)
    return get_object_or_404(
        person_scope(Case.objects.all(), actor).select_related("client", "primary_staff", "secondary_staff"),
        public_id=case_id,
    )
