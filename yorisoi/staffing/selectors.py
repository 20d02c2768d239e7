from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from yorisoi.accounts.models import User
from yorisoi.programs.models import Membership
from yorisoi.staffing.models import GrantStatus, MembershipGrant
from yorisoi.staffing.permissions import programs_managed_by


def pending_grants(*, user) -> QuerySet:
    """Grants waiting for a decision in the programs ``user`` manages, oldest first."""
    return (
        MembershipGrant.objects.filter(status=GrantStatus.PENDING, program__in=programs_managed_by(user))
        .select_related("program", "user", "requested_by")
        .order_by("requested_at", "id")
    )


def recent_decisions(*, user, limit: int = 20) -> list[MembershipGrant]:
    return list(
        MembershipGrant.objects.exclude(status=GrantStatus.PENDING)
        .filter(program__in=programs_managed_by(user))
        .select_related("program", "user", "requested_by", "decided_by")
        .order_by("-decided_at", "-id")[:limit]
    )


def members(*, user) -> QuerySet:
    return (
        Membership.objects.filter(program__in=programs_managed_by(user), is_active=True)
        .select_related("program", "user")
        .order_by("program__display_order", "user__username")
    )


def grantable_users() -> QuerySet:
    return User.objects.filter(is_active=True).order_by("username")


def grant_get(*, user, public_id) -> MembershipGrant:
    """A grant in a program ``user`` manages; any other looks missing."""
    return get_object_or_404(pending_grants(user=user), public_id=public_id)


def membership_get(*, user, membership_id: int) -> Membership:
    """An active membership in a program ``user`` manages; any other looks missing."""
    return get_object_or_404(members(user=user), pk=membership_id)
