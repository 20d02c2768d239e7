"""Who may see a program's figures, and whether small cells are hidden from them."""

from django.http import Http404

from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor


def report_program(actor: Actor, program_slug: str):
    """The active program, if its figures are the actor's to see (managers, the city's officer); else 404.

    Another program's report answers like a missing page, as for person data.
    """
    if not actor.may_see_statistics or actor.program.slug != program_slug:
        raise Http404
    return actor.program


def must_protect_small_cells(actor: Actor) -> bool:
    """The city's officer sees 1–4 as 「*」 (and secondary suppression); staff see exact counts."""
    return actor.role == Role.CITY_OFFICER
