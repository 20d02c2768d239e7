"""Reads of recurring sessions."""

from django.shortcuts import get_object_or_404

from yorisoi.appointments.models import Appointment, RecurringSeries
from yorisoi.programs.permissions import Actor, person_scope, require_person_access


def series_get(*, actor: Actor, series_id) -> RecurringSeries:
    require_person_access(actor)
    return get_object_or_404(
        person_scope(RecurringSeries.objects.all(), actor).select_related(
            "case__client", "place", "staff", "second_staff"
        ),
        public_id=series_id,
    )


def series_occurrences(*, series: RecurringSeries) -> list[Appointment]:
    return list(
        Appointment.objects.filter(program_id=series.program_id, series=series)
        .select_related("place", "room", "staff", "second_staff")
        .order_by("starts_at", "id")
    )
