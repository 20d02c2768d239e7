"""Every read of inquiries, clients and cases: scoped to the actor's program, related rows up front."""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorisoi.cases import case_page
from yorisoi.cases.models import (
    Case,
    CaseStatus,
    CaseStatusChange,
    Channel,
    Client,
    Consent,
    Inquiry,
    InquiryStatus,
    RelatedPerson,
)
from yorisoi.cases.normalize import kana_key, looks_like_kana, name_key, phone_digits
from yorisoi.programs.permissions import (
    Actor,
    person_scope,
    require_consultation_contents,
    require_person_access,
)

SEARCH_LIMIT = 30
CASE_NUMBER = re.compile(r"^[CcＣｃ]?[-－]?\s*(\d{1,7})$")
# The highest katakana code point: a prefix search "key >= q and key < q + MAX" uses the index
# on both SQLite and PostgreSQL, where LIKE 'q%' would not on SQLite.
PREFIX_END = "\uffff"


# --- inquiries -------------------------------------------------------------------------------------


def inquiry_list(*, actor: Actor, status: str | None = None) -> QuerySet[Inquiry]:
    qs = person_scope(Inquiry.objects.all(), actor).select_related("taken_by")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-is_urgent", "-received_at", "-id")


def inquiry_get(*, actor: Actor, inquiry_id) -> Inquiry:
    require_person_access(actor)
    return get_object_or_404(
        person_scope(Inquiry.objects.all(), actor).select_related("taken_by", "case", "created_by"),
        public_id=inquiry_id,
    )


def urgent_inquiries_waiting(*, actor: Actor) -> list[Inquiry]:
    """Urgent inquiries nobody has taken yet: shown to every consultant of the program."""
    return list(
        person_scope(Inquiry.objects.all(), actor)
        .filter(is_urgent=True, taken_at__isnull=True)
        .exclude(
            status__in=[InquiryStatus.REGISTERED, InquiryStatus.REFERRED, InquiryStatus.NO_FURTHER_CONTACT]
        )
        .order_by("received_at")[:20]
    )


# --- cases -----------------------------------------------------------------------------------------


def new_web_requests_count(*, actor: Actor) -> int:
    """Web requests nobody has handled yet: a count for the home page, no personal data."""
    return (
        person_scope(Inquiry.objects.all(), actor)
        .filter(channel=Channel.WEB, status=InquiryStatus.NEW, taken_at__isnull=True)
        .count()
    )


def case_list(*, actor: Actor, filters: dict | None = None) -> QuerySet[Case]:
    """The caseload: ``mine``, ``status``, ``staff`` (a user), ``quiet_days`` (no contact in N days)."""
    filters = filters or {}
    qs = person_scope(Case.objects.all(), actor).select_related("client", "primary_staff", "secondary_staff")
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


def case_people(*, case: Case) -> list[RelatedPerson]:
    return list(RelatedPerson.objects.filter(program_id=case.program_id, case=case).order_by("id"))


def case_consents(*, case: Case) -> list[Consent]:
    """The whole consent history, newest first; withdrawn consents stay in it."""
    return list(
        Consent.objects.filter(program_id=case.program_id, case=case)
        .select_related("recorded_by")
        .order_by("-given_on", "-id")
    )


def consent_get(*, actor: Actor, consent_id) -> Consent:
    require_consultation_contents(actor)
    return get_object_or_404(
        person_scope(Consent.objects.all(), actor).select_related("case"), public_id=consent_id
    )


@dataclass(frozen=True)
class TimelineEntry:
    on: datetime.date
    kind: str  # the source's filter key: "status", "consent", "inquiry", "record", ...
    title: str
    detail: str = ""
    by: str = ""
    url: str = ""
    at: datetime.datetime | None = None  # orders entries of the same day; None sorts first


def _status_entries(case: Case, limit: int) -> list[TimelineEntry]:
    changes = (
        CaseStatusChange.objects.filter(program_id=case.program_id, case=case)
        .select_related("actor")
        .order_by("-changed_on", "-id")[:limit]
    )
    entries = []
    for change in changes:
        title = CaseStatus(change.to_status).label
        if change.reason:
            title += f"（{change.get_reason_display()}）"
        entries.append(
            TimelineEntry(
                change.changed_on,
                "status",
                title,
                change.note,
                change.actor.name_for_display,
                at=change.created_at,
            )
        )
    return entries


def _consent_entries(case: Case, limit: int) -> list[TimelineEntry]:
    entries = []
    for consent in case_consents(case=case)[:limit]:
        who = consent.get_given_by_display() + (
            f"（{consent.given_by_name}）" if consent.given_by_name else ""
        )
        entries.append(
            TimelineEntry(
                consent.given_on,
                "consent",
                _("同意を記録：%(who)s") % {"who": who},
                consent.explained,
                at=consent.created_at,
            )
        )
        if consent.withdrawn_on:
            entries.append(
                TimelineEntry(
                    consent.withdrawn_on,
                    "consent",
                    _("同意の撤回：%(who)s") % {"who": who},
                    consent.withdrawal_note,
                )
            )
    return entries


def _inquiry_entries(case: Case, limit: int) -> list[TimelineEntry]:
    inquiries = Inquiry.objects.filter(program_id=case.program_id, case=case).order_by("-received_at")[:limit]
    return [
        TimelineEntry(
            timezone.localtime(inquiry.received_at).date(),
            "inquiry",
            _("問い合わせ（%(channel)s・%(caller)s）")
            % {"channel": inquiry.get_channel_display(), "caller": inquiry.get_caller_type_display()},
            inquiry.concern,
            at=inquiry.received_at,
        )
        for inquiry in inquiries
    ]


case_page.register_timeline_source(case_page.TimelineSource("status", _("状況の変化"), _status_entries))
case_page.register_timeline_source(case_page.TimelineSource("consent", _("同意"), _consent_entries))
case_page.register_timeline_source(case_page.TimelineSource("inquiry", _("問い合わせ"), _inquiry_entries))


def timeline_kinds() -> dict[str, str]:
    return {kind: source.label for kind, source in case_page.TIMELINE_SOURCES.items()}


TIMELINE_PAGE = 50


@dataclass(frozen=True)
class TimelinePage:
    entries: list[TimelineEntry]
    number: int
    has_next: bool


def case_timeline(*, case: Case, kind: str = "", page: int = 1) -> TimelinePage:
    """Everything that happened in the case, newest first, from every registered source.

    Page ``n`` asks each source for its newest ``n × 50`` rows and keeps the ``n``-th fifty of the
    merge: the same number of queries on every page, however long the history.
    """
    page = max(1, page)
    wanted = page * TIMELINE_PAGE
    entries: list[TimelineEntry] = []
    for source in case_page.TIMELINE_SOURCES.values():
        if kind in ("", source.kind):
            entries.extend(source.entries(case, wanted + 1))
    floor = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    entries.sort(key=lambda e: (e.on, e.at or floor), reverse=True)
    return TimelinePage(entries[wanted - TIMELINE_PAGE : wanted], page, len(entries) > wanted)


# --- search and duplicates -------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    client: Client | None
    case: Case | None
    matched: str  # what matched, in words: "ふりがな", "電話番号（家族）", ...


def client_search(*, actor: Actor, query: str) -> list[SearchHit]:
    """Find people by kanji or kana name (prefix, any width or script), phone digits or case number."""
    require_person_access(actor)
    query = (query or "").strip()
    if not query:
        return []
    clients = person_scope(Client.objects.all(), actor)
    cases = person_scope(Case.objects.all(), actor).select_related("client")
    hits: list[SearchHit] = []

    number = CASE_NUMBER.match(query)
    digits = phone_digits(query)
    if number and len(number.group(1)) <= 5:
        for case in cases.filter(number=int(number.group(1))):
            hits.append(SearchHit(case.client, case, "ケース番号"))
    if len(digits) >= 4 and len(digits) == len(re.sub(r"[-－ー()（）\s]", "", query)):
        tail = digits[::-1]
        for client in clients.filter(
            phone_digits_reversed__gte=tail, phone_digits_reversed__lt=tail + PREFIX_END
        )[:SEARCH_LIMIT]:
            hits.append(SearchHit(client, None, "電話番号"))
        family = (
            person_scope(RelatedPerson.objects.all(), actor)
            .filter(phone_digits_reversed__gte=tail, phone_digits_reversed__lt=tail + PREFIX_END)
            .select_related("case__client")
            .order_by("id")[:SEARCH_LIMIT]
        )
        for person in family:
            hits.append(
                SearchHit(person.case.client, person.case, f"電話番号（{person.get_relation_display()}）")
            )
    elif looks_like_kana(query):
        key = kana_key(query)
        for client in clients.filter(kana_key__gte=key, kana_key__lt=key + PREFIX_END).order_by("kana_key")[
            :SEARCH_LIMIT
        ]:
            hits.append(SearchHit(client, None, "ふりがな"))
    elif not digits:
        key = name_key(query)
        for client in clients.filter(name_key__gte=key, name_key__lt=key + PREFIX_END).order_by("name_key")[
            :SEARCH_LIMIT
        ]:
            hits.append(SearchHit(client, None, "名前"))
    return _attach_latest_cases(actor, hits)


def _attach_latest_cases(actor: Actor, hits: list[SearchHit]) -> list[SearchHit]:
    """Give each client hit its newest case, in one query, and drop repeats."""
    client_ids = {h.client.pk for h in hits if h.client is not None and h.case is None}
    latest: dict[int, Case] = {}
    if client_ids:
        for case in (
            person_scope(Case.objects.all(), actor).filter(client_id__in=client_ids).order_by("registered_on")
        ):
            latest[case.client_id] = case
    seen, result = set(), []
    for hit in hits:
        case = hit.case or (latest.get(hit.client.pk) if hit.client else None)
        key = (hit.client.pk if hit.client else None, case.pk if case else None)
        if key in seen:
            continue
        seen.add(key)
        result.append(SearchHit(hit.client, case, hit.matched))
    return result[:SEARCH_LIMIT]


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
