"""Reads for the import pages, always inside the manager's active program."""

from django.shortcuts import get_object_or_404

from yorisoi.cases.models import Case
from yorisoi.imports.models import ImportBatch
from yorisoi.programs.permissions import Actor, person_scope, require_manager


def batch_list(*, actor: Actor):
    require_manager(actor)
    return person_scope(ImportBatch.objects.select_related("uploaded_by"), actor)


def batch_get(*, actor: Actor, batch_id) -> ImportBatch:
    """The batch, or 404 when missing, of another program, or the actor is no manager."""
    require_manager(actor)
    return get_object_or_404(person_scope(ImportBatch.objects.all(), actor), public_id=batch_id)


def matched_cases(*, actor: Actor, case_ids) -> dict[int, Case]:
    cases = person_scope(Case.objects.select_related("client"), actor).filter(pk__in=set(case_ids))
    return {case.pk: case for case in cases}
