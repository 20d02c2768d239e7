"""Every read of partner agencies and referrals: scoped to the actor's program, related rows up front."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yorisoi.cases.case_page import CaseRows
from yorisoi.cases.follow_ups import FollowUp
from yorisoi.cases.models import Case
from yorisoi.cases.selectors import Later, TimelineEntry, consent_in_force
from yorisoi.programs.permissions import (
    Actor,
    person_scope,
    require_consultation_contents,
    require_person_access,
)
from yorisoi.referrals.models import (
    OPEN_STATUSES,
    PartnerAgency,
    Referral,
    ReferralStatus,
    ReferralStatusChange,
)

# --- partner agencies ------------------------------------------------------------------------------


def agency_list(*, actor: Actor, kind: str = "", include_inactive: bool = False) -> QuerySet[PartnerAgency]:
    """The program's directory: clerks read it too (it holds no person's data), the city does not."""
    qs = person_scope(PartnerAgency.objects.all(), actor)
    if kind:
        qs = qs.filter(kind=kind)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return qs.order_by("kind", "name", "id")


def agency_get(*, actor: Actor, agency_id) -> PartnerAgency:
    require_person_access(actor)
    return get_object_or_404(person_scope(PartnerAgency.objects.all(), actor), public_id=agency_id)


def agency_choices(*, program_id: int) -> QuerySet[PartnerAgency]:
    """Agencies a new referral of that program may go to: its own, still partners."""
    return PartnerAgency.objects.filter(program_id=program_id, is_active=True).order_by("kind", "name", "id")


# --- referrals -------------------------------------------------------------------------------------


def referral_list(*, actor: Actor, status: str = "", follow_up_due: bool = False) -> QuerySet[Referral]:
    """The program's referrals, newest first; ``follow_up_due``: a follow-up planned for today or before."""
    require_consultation_contents(actor)
    qs = (
        person_scope(Referral.objects.all(), actor)
        .select_related("agency", "case", "case__client")
        .only(
            "public_id",
            "status",
            "proposed_on",
            "follow_up_on",
            "agency",
            "agency__name",
            "agency__kind",
            "case",
            "case__public_id",
            "case__number",
            "case__client",
            "case__client__public_id",
            "case__client__family_name",
            "case__client__given_name",
        )  # fmt: skip
    )
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if follow_up_due:
        return qs.filter(follow_up_on__lte=timezone.localdate()).order_by("follow_up_on", "id")
    return qs.order_by("-proposed_on", "-id")


def referral_follow_ups(actor: Actor, start, end, limit: int) -> list[FollowUp]:
    """Referral follow-ups due in [start, end] on cases the actor is in charge of."""
    qs = person_scope(Referral.objects.all(), actor).filter(
        Q(case__primary_staff=actor.user) | Q(case__secondary_staff=actor.user),
        follow_up_on__isnull=False,
        follow_up_on__lte=end,
    )
    if start is not None:
        qs = qs.filter(follow_up_on__gte=start)
    rows = qs.select_related("case", "agency").order_by("follow_up_on", "id")[:limit]
    return [
        FollowUp(
            due_on=r.follow_up_on,
            kind="referral",
            title=_("%(agency)s へのつなぎ：%(note)s")
            % {"agency": r.agency.name, "note": r.follow_up_note or r.purpose},
            case=r.case,
            inquiry=None,
            url=r.get_absolute_url(),
            record_url=reverse("consultations:record_new", kwargs={"case_id": r.case.public_id}),
        )
        for r in rows
    ]


def case_referrals(*, case: Case) -> list[Referral]:
    return list(
        Referral.objects.filter(program_id=case.program_id, case=case)
        .select_related("agency")
        .order_by("-proposed_on", "-id")
    )


def shared_agencies(*, case: Case) -> list[str]:
    """The agency lines of the consent in force: what a referral sharing data may name."""
    consent = consent_in_force(case=case)
    return consent.shared_agencies if consent is not None else []


def referral_get(*, actor: Actor, referral_id) -> Referral:
    """One referral: consultation contents, so managers and counselors only."""
    require_consultation_contents(actor)
    return get_object_or_404(
        person_scope(Referral.objects.all(), actor).select_related(
            "agency", "case", "case__client", "case__primary_staff", "case__secondary_staff", "created_by"
        ),
        public_id=referral_id,
    )


def referral_history(*, referral: Referral) -> list[ReferralStatusChange]:
    return list(
        ReferralStatusChange.objects.filter(program_id=referral.program_id, referral=referral)
        .select_related("actor")
        .order_by("changed_on", "id")
    )


def case_referral_changes(rows: CaseRows) -> list[ReferralStatusChange]:
    """The timeline's newest moves of the case's referrals, each joined to its referral in ``rows``."""
    case, limit = rows.case, rows.timeline("referral")
    if limit <= 0:
        return []
    changes = list(
        ReferralStatusChange.objects.filter(program_id=case.program_id, referral__case=case)
        .select_related("actor")
        .order_by("-changed_on", "-id")[:limit]
    )
    referrals = {referral.pk: referral for referral in rows["referrals"]}
    for change in changes:
        change.referral = referrals[change.referral_id]  # the same case's referral, already read
    return changes


def _timeline_entry(change: ReferralStatusChange) -> TimelineEntry:
    title = _("連携・つなぎ：%(agency)s（%(status)s）") % {
        "agency": change.referral.agency.name,
        "status": ReferralStatus(change.to_status).label,
    }
    return TimelineEntry(
        change.changed_on,
        "referral",
        title,
        change.note,
        change.actor.name_for_display,
        url=change.referral.get_absolute_url(),
        at=change.created_at,
    )


def referral_timeline_entries(rows: CaseRows, limit: int) -> list[Later]:
    """The case's timeline rows for referrals: every move of every referral, newest first."""
    return [Later(c.changed_on, c.created_at, _timeline_entry, c) for c in rows["referral_changes"][:limit]]
