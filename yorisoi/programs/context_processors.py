from yorisoi.programs.models import Role
from yorisoi.programs.permissions import ANONYMOUS_ACTOR


def active_program(request):
    actor = getattr(request, "actor", ANONYMOUS_ACTOR)
    return {"actor": actor, "actor_role_label": Role(actor.role).label if actor.role else ""}
