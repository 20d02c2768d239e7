"""Asking for and deciding membership grants, each recorded in the security record and in the
program's access log (a grant opens that program's case files)."""

from django.db import transaction
from django.utils import timezone

from yorisoi.accounts.security_events import security_event_record
from yorisoi.audit.services import audit_record
from yorisoi.programs.models import Membership
from yorisoi.staffing.models import GrantStatus, MembershipGrant
from yorisoi.staffing.permissions import may_decide, may_manage


class GrantRefused(Exception):
    """The grant may not be asked for or decided by this person; the message is for the screen."""


def _record(*, actor, action: str, grant: MembershipGrant, request=None) -> None:
    data = {"grant": str(grant.public_id), "user": grant.user_id, "role": grant.role}
    security_event_record(
        actor=actor, action=action, subject_user=grant.user, program=grant.program, data=data
    )
    audit_record(actor=actor, action=action, program=grant.program, request=request, data=data)


@transaction.atomic
def grant_request(*, actor, user, program, role: str, reason: str, request=None) -> MembershipGrant:
    """``actor`` (an ``Actor``) asks that ``user`` work in ``program`` as ``role``.

    Nothing changes until someone else confirms.
    """
    me = actor.user
    if user.pk == me.pk:
        raise GrantRefused("自分自身への付与は申請できません。ほかの管理者に依頼してください。")
    if not may_manage(me, program):
        raise GrantRefused("この事業の職員を管理する権限がありません。")
    if MembershipGrant.objects.filter(program=program, user=user, status=GrantStatus.PENDING).exists():
        raise GrantRefused("この職員には、確認待ちの申請がすでにあります。")
    grant = MembershipGrant.objects.create(
        program=program, user=user, role=role, reason=reason, requested_by=me
    )
    _record(actor=actor, action="membership.request", grant=grant, request=request)
    return grant


@transaction.atomic
def grant_confirm(*, actor, grant: MembershipGrant, request=None) -> Membership:
    """The second person confirms: the membership starts (or its role changes) now."""
    grant = MembershipGrant.objects.select_for_update().select_related("program", "user").get(pk=grant.pk)
    _ensure_decidable(actor.user, grant)
    grant.status, grant.decided_by, grant.decided_at = GrantStatus.CONFIRMED, actor.user, timezone.now()
    grant.save(update_fields=["status", "decided_by", "decided_at"])
    membership, _created = Membership.objects.update_or_create(
        user=grant.user, program=grant.program, defaults={"role": grant.role, "is_active": True}
    )
    _record(actor=actor, action="membership.confirm", grant=grant, request=request)
    return membership


@transaction.atomic
def grant_refuse(*, actor, grant: MembershipGrant, request=None) -> MembershipGrant:
    grant = MembershipGrant.objects.select_for_update().select_related("program", "user").get(pk=grant.pk)
    _ensure_decidable(actor.user, grant)
    grant.status, grant.decided_by, grant.decided_at = GrantStatus.REFUSED, actor.user, timezone.now()
    grant.save(update_fields=["status", "decided_by", "decided_at"])
    _record(actor=actor, action="membership.refuse", grant=grant, request=request)
    return grant


def _ensure_decidable(user, grant: MembershipGrant) -> None:
    if grant.status != GrantStatus.PENDING:
        raise GrantRefused("この申請は、すでに決まっています。")
    if user.pk in (grant.requested_by_id, grant.user_id):
        raise GrantRefused("申請した人と、付与される本人は承認できません。ほかの管理者に依頼してください。")
    if not may_decide(user, grant):
        raise GrantRefused("この事業の職員を管理する権限がありません。")


@transaction.atomic
def membership_end(*, actor, membership: Membership, request=None) -> Membership:
    """End a membership at once: taking access away needs no second person, only a record."""
    if not may_manage(actor.user, membership.program):
        raise GrantRefused("この事業の職員を管理する権限がありません。")
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    data = {"user": membership.user_id, "role": membership.role}
    security_event_record(
        actor=actor,
        action="membership.end",
        subject_user=membership.user,
        program=membership.program,
        data=data,
    )
    audit_record(actor=actor, action="membership.end", program=membership.program, request=request, data=data)
    return membership
