"""Every write of retention: the policy, and anonymising a case (a manager's recorded decision)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from yorisoi.audit.services import audit_record
from yorisoi.cases.models import Case, CaseStatus
from yorisoi.core.anonymisation import registered
from yorisoi.programs.permissions import Actor, require_manager, user_of
from yorisoi.retention.models import AnonymisationDecision, RetentionPolicy
from yorisoi.retention.selectors import due_cutoff, policy_of


class RetentionRefused(Exception):
    """A refusal the manager can read (Japanese); nothing was changed."""


@transaction.atomic
def retention_policy_set(*, actor: Actor, years: int, note: str = "") -> RetentionPolicy:
    """Set the active program's retention term (years after closure, at least one)."""
    require_manager(actor)
    if years < 1:
        raise RetentionRefused("保存年数は1年以上で入力してください。")
    policy, _ = RetentionPolicy.objects.update_or_create(
        program=actor.program,
        defaults={"years_after_closure": years, "note": note, "updated_by": user_of(actor)},
    )
    audit_record(actor=actor, action="retention.policy", program=actor.program, data={"years": years})
    return policy


@transaction.atomic
def case_anonymise(
    *, case: Case, reason: str, actor: Actor, today: datetime.date | None = None
) -> AnonymisationDecision:
    """Remove what identifies the person from ``case`` and every row registered as belonging to it.

    Only a closed case past the program's retention term, by its manager, with a reason. Counted
    values stay, so reports of past years do not change; the access log keeps its entries.
    """
    require_manager(actor)
    case = Case.objects.select_for_update().get(pk=case.pk, program=actor.program)
    if not reason.strip():
        raise RetentionRefused("匿名化する理由を入力してください。")
    if case.status != CaseStatus.CLOSED:
        raise RetentionRefused("このケースはまだ終結していないため、匿名化できません。")
    if AnonymisationDecision.objects.filter(case=case).exists():
        raise RetentionRefused("このケースはすでに匿名化されています。")
    cutoff = due_cutoff(policy=policy_of(actor.program), today=today or timezone.localdate())
    if cutoff is None:
        raise RetentionRefused("この事業の保存期間がまだ決まっていません。先に保存期間を設定してください。")
    if case.closed_on > cutoff:
        raise RetentionRefused("このケースは保存期間がまだ過ぎていません。")
    with scopes_disabled():  # every anonymiser filters by this one case of this one program
        rows = {a.label: a.apply(a.rows_of_cases([case.pk])) for a in registered()}
    decision = AnonymisationDecision.objects.create(
        program=case.program, case=case, reason=reason.strip(), rows=rows, decided_by=user_of(actor)
    )
    audit_record(
        actor=actor, action="case.anonymise", target=case, reason=reason.strip(), data={"rows": rows}
    )
    return decision
