"""Demo: one membership grant waiting for a second person, so a newcomer sees the two-person rule."""

from yorisoi.programs.models import Program, Role
from yorisoi.programs.permissions import Actor
from yorisoi.staffing.models import MembershipGrant
from yorisoi.staffing.services import grant_request


def create_demo_grants(users: dict) -> None:
    if MembershipGrant.objects.exists():
        return
    urayasu = Program.objects.get(slug="urayasu")
    asker = users["urayasu_manager"]
    grant_request(
        actor=Actor(user=asker, program=urayasu, role=Role.MANAGER),
        user=users["chiba_counselor2"],
        program=urayasu,
        role=Role.COUNSELOR,
        reason="浦安市の火曜日の窓口を手伝うため（デモ）",
    )
