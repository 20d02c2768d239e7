"""Every read of inquiries, clients and cases: scoped to the actor's program, related rows up front."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from yorisoi.cases.case_reads import (  # noqa: F401  (re-exported: the case page's reads are reads too)
    CASE_INQUIRIES,
    TIMELINE_PAGE,
    Later,
    TimelineEntry,
    TimelinePage,
    case_consents,
    case_header_rows,
    case_inquiries,
    case_page_rows,
    case_people,
    case_print_rows,
    case_timeline,
    case_timeline_between,
    timeline_kinds,
)
from yorisoi.cases.models import (
    OPEN_INQUIRY_STATUSES,
    Case,
    CaseStatus,
    Channel,
    Client,
    Consent,
    Inquiry,
    InquiryStatus,
)
from yorisoi.cases.normalize import kana_key, phone_digits
from yorisoi.cases.search import (  # noqa: F401  (re-exported: the search is a read like any other)
    SearchHit,
    client_search,
    person_search,
    registration_matches,
)
from yorisoi.core.query_hints import Rare, seekable_true
from yorisoi.programs.permissions import (
    Actor,
    person_scope,
    require_consultation_contents,
    require_person_access,
)

# What a row of a staff list shows about a user: ``name_for_display`` reads these and nothing else.
STAFF_NAME_COLUMNS = ("display_name", "first_name", "last_name", "username")


def staff_name_columns(relation: str) -> tuple[str, ...]:
    """``STAFF_NAME_COLUMNS`` of the user behind ``relation`` (for ``.only()`` through a join)."""
    return (relation, *(f"{relation}__{name}" for name in STAFF_NAME_COLUMNS))


# --- inquiries -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxFilters:
    """What the inbox shows. The default is what still needs someone: new or booked inquiries."""

    statuses: tuple[str, ...] = OPEN_INQUIRY_STATUSES
    channel: str = ""
    urgent: bool = False
    taken_by_me: bool = False
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None


# The home page's 「ウェブからの新しい申し込みが N件」 and the inbox it opens: one definition.
NEW_WEB_REQUESTS = InboxFilters(statuses=(InquiryStatus.NEW,), channel=Channel.WEB)


# What a row of the inbox shows (and the access log reads: a registered inquiry's case).
INQUIRY_ROW_COLUMNS = (
    "public_id",
    "received_at",
    "is_urgent",
    "channel",
    "caller_type",
    "family_relation",
    "contact_preferences",
    "concern",
    "status",
    "case",
    "taken_by",
)


def inquiry_list(*, actor: Actor, filters: InboxFilters = InboxFilters()) -> QuerySet[Inquiry]:
    """The inbox, newest first (keyset paged by received_at, id): each filter is an indexed column."""
    require_person_access(actor)
    qs = (
        person_scope(Inquiry.objects.all(), actor)
        .select_related("taken_by", "case")
        .only(*INQUIRY_ROW_COLUMNS, "case__public_id", "case__number", *staff_name_columns("taken_by"))
    )
    if filters.statuses:
        # still open is rare (a few dozen of tens of thousands); any other status is common
        still_open = set(filters.statuses) <= set(OPEN_INQUIRY_STATUSES)
        by_status = Q(status__in=filters.statuses)
        qs = qs.filter(Rare(by_status) if still_open else by_status)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.urgent:
        qs = qs.filter(seekable_true("is_urgent"))
    if filters.taken_by_me:
        qs = qs.filter(taken_by=actor.user)
    if filters.received_from:
        qs = qs.filter(received_at__date__gte=filters.received_from)
    if filters.received_to:
        qs = qs.filter(received_at__date__lte=filters.received_to)
    return qs


def inquiry_get(*, actor: Actor, inquiry_id) -> Inquiry:
    require_person_access(actor)
    return get_object_or_404(
        person_scope(Inquiry.objects.all(), actor).select_related("taken_by", "case", "created_by"),
        public_id=inquiry_id,
    )


# What a line of the lists of urgent inquiries shows (and the access log reads: a case, if any).
URGENT_ITEM_COLUMNS = ("public_id", "received_at", "channel", "caller_type", "urgent_note", "case")


def _urgent_waiting(actor: Actor) -> QuerySet[Inquiry]:
    return person_scope(Inquiry.objects.all(), actor).filter(
        seekable_true("is_urgent"), taken_at__isnull=True, status__in=OPEN_INQUIRY_STATUSES
    )


def urgent_waiting_count(*, actor: Actor) -> int:
    """How many urgent inquiries nobody has taken: the line in every staff page's header."""
    return _urgent_waiting(actor).count()


def urgent_inquiries_waiting(*, actor: Actor) -> list[Inquiry]:
    """Urgent inquiries nobody has taken yet: shown to every consultant of the program.

    Only what the inbox's and the home page's lists show, and the case the access log names.
    """
    rows = _urgent_waiting(actor).select_related("case").only(*URGENT_ITEM_COLUMNS, "case__public_id")
    return list(rows.order_by("received_at")[:20])


# --- cases -----------------------------------------------------------------------------------------


def new_web_requests_count(*, actor: Actor) -> int:
    """Web requests nobody has handled yet: a count for the home page, no personal data.

    Counted through ``inquiry_list`` with ``NEW_WEB_REQUESTS``, the very filter its link opens.
    """
    return inquiry_list(actor=actor, filters=NEW_WEB_REQUESTS).count()


def case_row_columns(prefix: str = "") -> tuple[str, ...]:
    """The columns a list row of a case reads (label, link, person's name, status, dates, staff).

    A list selects these and no more: sorting a deep page then moves a few narrow columns instead of
    every column of the case, the client and both staff members.
    """
    columns = (
        "public_id",
        "number",
        "status",
        "registered_on",
        "closed_on",
        "closure_reason",
        "last_contact_on",
        "client",
        "client__public_id",
        "client__family_name",
        "client__given_name",
        *staff_name_columns("primary_staff"),
        *staff_name_columns("secondary_staff"),
    )
    return tuple(f"{prefix}{column}" for column in columns)


# How a deep page of ``case_list`` finds its rows (``list_page(deferred_join=…)``): the case number is
# unique in a program and sits beside the sort columns in ``case_program_newest``, so the skipped
# rows are counted off that index alone.
CASE_LIST_KEY = "number"


def case_list(*, actor: Actor, filters: dict | None = None) -> QuerySet[Case]:
    """The caseload: ``mine``, ``status``, ``staff`` (a user), ``quiet_days`` (no contact in N days)."""
    filters = filters or {}
    qs = (
        person_scope(Case.objects.all(), actor)
        .select_related("client", "primary_staff", "secondary_staff")
        .only(*case_row_columns())
    )
    if filters.get("mine"):
        qs = qs.filter(Q(primary_staff=actor.user) | Q(secondary_staff=actor.user))
    if filters.get("staff"):
        qs = qs.filter(Q(primary_staff=filters["staff"]) | Q(secondary_staff=filters["staff"]))
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("quiet_days"):
        since = timezone.localdate() - datetime.timedelta(days=filters["quiet_days"])
        qs = qs.exclude(status=CaseStatus.CLOSED).filter(
            Q(last_contact_on__lte=since) | Q(last_contact_on__isnull=True)
        )
        return qs.order_by("last_contact_on", "number")
    return qs.order_by("-registered_on", "-number")


def case_get(*, actor: Actor, case_id) -> Case:
    """One case with its contents: for managers and counselors (clerks see no consultation contents)."""
    require_consultation_contents(actor)
    return get_object_or_404(
        person_scope(Case.objects.all(), actor).select_related("client", "primary_staff", "secondary_staff"),
        public_id=case_id,
    )


def consent_in_force(*, case: Case) -> Consent | None:
    """The consent the program acts on: the newest not withdrawn (a later one replaces earlier ones)."""
    return (
        Consent.objects.filter(program_id=case.program_id, case=case, withdrawn_on__isnull=True)
        .order_by("-given_on", "-id")
        .first()
    )


def consent_states(consents: list[Consent]) -> dict[int, str]:
    """For each consent of one case (newest first): 'in_force', 'superseded' or 'withdrawn'."""
    states, found = {}, False
    for consent in consents:
        if consent.withdrawn_on:
            states[consent.pk] = "withdrawn"
        elif not found:
            states[consent.pk], found = "in_force", True
        else:
            states[consent.pk] = "superseded"
    return states


def consent_get(*, actor: Actor, consent_id) -> Consent:
    require_consultation_contents(actor)
    return get_object_or_404(
        person_scope(Consent.objects.all(), actor).select_related("case"), public_id=consent_id
    )


# --- search and duplicates -------------------------------------------------------------------------


def possible_duplicates(
    *, actor: Actor, family_kana: str, given_kana: str, birth_date, phone: str
) -> list[Client]:
    """Clients who look like the one being registered: same furigana and birth date, or same phone."""
    require_person_access(actor)
    conditions = Q(pk__in=[])
    key = kana_key(family_kana + given_kana)
    if key and birth_date:
        conditions |= Q(kana_key=key, birth_date=birth_date)
    digits = phone_digits(phone)
    if len(digits) >= 10:
        conditions |= Q(phone_digits=digits)
    return list(person_scope(Client.objects.all(), actor).filter(conditions).order_by("id")[:10])


def assigned_pairs(program_id: int, pairs: set) -> set:
    """Of ``pairs`` (staff user id, case public id), those where the staff member is assigned to the case.

    For the audit's monthly review (registered in apps.py: audit may not import cases).
    """
    case_ids = {case_id for _, case_id in pairs}
    staff = Case.objects.filter(program_id=program_id, public_id__in=case_ids).values_list(
        "public_id", "primary_staff_id", "secondary_staff_id"
    )
    assigned = {(user_id, case_id) for case_id, *users in staff for user_id in users if user_id}
    return pairs & assigned
