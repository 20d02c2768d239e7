"""What the pages of one case read: each table once, shared by header, sections and timeline.

A page builds its ``CaseRows`` here (``case_header_rows``, ``case_page_rows``, ``case_print_rows``);
the cases app reads its own tables through the readers below, later apps register theirs
(see ``case_page.py``), and the timeline merges every source's newest rows.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorisoi.cases import case_page
from yorisoi.cases.case_page import CaseRows
from yorisoi.cases.models import (
    CallerType,
    Case,
    CaseStatus,
    CaseStatusChange,
    Channel,
    ClosureReason,
    Consent,
    ConsentGivenBy,
    Inquiry,
    RelatedPerson,
)

CASE_INQUIRIES = 50  # the inquiries the case page lists
TIMELINE_PAGE = 20  # timeline entries the case page shows at first, and each 「もっと見る」 adds
PRINT_LIMIT = 1000  # rows of each kind of history a print reads


def case_inquiries(*, case: Case, limit: int = CASE_INQUIRIES) -> list[Inquiry]:
    """The inquiries that led to the case, newest first (one family may call several times)."""
    if limit <= 0:
        return []
    return list(
        Inquiry.objects.filter(program_id=case.program_id, case=case)
        .select_related("taken_by")
        .order_by("-received_at", "-id")[:limit]
    )


def case_people(*, case: Case) -> list[RelatedPerson]:
    return list(RelatedPerson.objects.filter(program_id=case.program_id, case=case).order_by("id"))


def case_consents(*, case: Case) -> list[Consent]:
    """The whole consent history, newest first; withdrawn consents stay in it."""
    return list(
        Consent.objects.filter(program_id=case.program_id, case=case)
        .select_related("recorded_by", "given_by_person")
        .order_by("-given_on", "-id")
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


@dataclass(frozen=True, slots=True)
class Later:
    """A timeline entry placed in time but not written yet: ``write(row)`` gives the ``TimelineEntry``.

    A timeline source returns these, so the page sorts every source's rows by ``(on, at)`` and
    writes (labels, translations, links) only the entries it shows. ``on`` and ``at`` are those of
    the entry ``write`` makes.
    """

    on: datetime.date
    at: datetime.datetime | None
    write: Callable[[Any], TimelineEntry]
    row: Any

    def entry(self) -> TimelineEntry:
        return self.write(self.row)


def _people_rows(rows: CaseRows) -> list[RelatedPerson]:
    return case_people(case=rows.case)


def _consent_rows(rows: CaseRows) -> list[Consent]:
    return case_consents(case=rows.case)


def _inquiry_rows(rows: CaseRows) -> list[Inquiry]:
    return case_inquiries(case=rows.case, limit=max(rows.section(CASE_INQUIRIES), rows.timeline("inquiry")))


def _status_change_rows(rows: CaseRows) -> list[CaseStatusChange]:
    limit, case = rows.timeline("status"), rows.case
    if limit <= 0:
        return []
    return list(
        CaseStatusChange.objects.filter(program_id=case.program_id, case=case)
        .select_related("actor")
        .order_by("-changed_on", "-id")[:limit]
    )


case_page.register_rows("people", _people_rows)
case_page.register_rows("consents", _consent_rows)
case_page.register_rows("inquiries", _inquiry_rows)
case_page.register_rows("status_changes", _status_change_rows)


def _status_entry(change: CaseStatusChange) -> TimelineEntry:
    title = CaseStatus(change.to_status).label
    if change.reason:
        title += f"（{ClosureReason(change.reason).label}）"
    return TimelineEntry(
        change.changed_on, "status", title, change.note, change.actor.name_for_display, at=change.created_at
    )


def _status_entries(rows: CaseRows, limit: int) -> list[Later]:
    return [Later(c.changed_on, c.created_at, _status_entry, c) for c in rows["status_changes"][:limit]]


def _consent_who(consent: Consent) -> str:
    name = f"（{consent.given_by_name}）" if consent.given_by_name else ""
    return f"{ConsentGivenBy(consent.given_by).label}{name}"


def _consent_given(consent: Consent) -> TimelineEntry:
    title = _("同意を記録：%(who)s") % {"who": _consent_who(consent)}
    return TimelineEntry(consent.given_on, "consent", title, consent.explained, at=consent.created_at)


def _consent_withdrawn(consent: Consent) -> TimelineEntry:
    title = _("同意の撤回：%(who)s") % {"who": _consent_who(consent)}
    return TimelineEntry(consent.withdrawn_on, "consent", title, consent.withdrawal_note)


def _consent_entries(rows: CaseRows, limit: int) -> list[Later]:
    entries = []
    for consent in rows["consents"][:limit]:
        entries.append(Later(consent.given_on, consent.created_at, _consent_given, consent))
        if consent.withdrawn_on:
            entries.append(Later(consent.withdrawn_on, None, _consent_withdrawn, consent))
    return entries


def _inquiry_entry(inquiry: Inquiry) -> TimelineEntry:
    title = _("問い合わせ（%(channel)s・%(caller)s）") % {
        "channel": Channel(inquiry.channel).label,
        "caller": CallerType(inquiry.caller_type).label,
    }
    on = timezone.localtime(inquiry.received_at).date()
    return TimelineEntry(on, "inquiry", title, inquiry.concern, at=inquiry.received_at)


def _inquiry_entries(rows: CaseRows, limit: int) -> list[Later]:
    return [
        Later(timezone.localtime(i.received_at).date(), i.received_at, _inquiry_entry, i)
        for i in rows["inquiries"][:limit]
    ]


case_page.register_timeline_source(case_page.TimelineSource("status", _("状況の変化"), _status_entries))
case_page.register_timeline_source(case_page.TimelineSource("consent", _("同意"), _consent_entries))
case_page.register_timeline_source(case_page.TimelineSource("inquiry", _("問い合わせ"), _inquiry_entries))


def timeline_kinds() -> dict[str, str]:
    return {kind: source.label for kind, source in case_page.TIMELINE_SOURCES.items()}


def case_header_rows(*, case: Case) -> CaseRows:
    """What a page under the case reads: only its header (risk flags, the current stage)."""
    return CaseRows(case)


def case_page_rows(*, case: Case, kind: str = "", page: int = 1, sections: bool = True) -> CaseRows:
    """What the case page reads: header, sections, and page ``page`` of the timeline of ``kind`` ("": all).

    Page ``n`` of the timeline needs each source's newest ``n × 20`` rows (and one more, to know
    whether there is a next page): the same number of queries on every page, however long the history.
    ``sections=False``: only the timeline's page (「もっと見る」 adds it under the entries shown).
    """
    kinds = [kind] if kind else list(case_page.TIMELINE_SOURCES)
    return CaseRows(
        case, sections=sections, timeline_kinds=kinds, timeline_limit=max(1, page) * TIMELINE_PAGE + 1
    )


def case_print_rows(*, case: Case) -> CaseRows:
    """What a case's print reads: the case page's parts, and up to 1,000 rows of each kind of history."""
    return CaseRows(
        case, sections=True, timeline_kinds=case_page.TIMELINE_SOURCES, timeline_limit=PRINT_LIMIT
    )


@dataclass(frozen=True)
class TimelinePage:
    entries: list[TimelineEntry]
    number: int
    has_next: bool


def _timeline_entries(rows: CaseRows, limit: int) -> list[Later]:
    entries: list[Later] = []
    for source in case_page.TIMELINE_SOURCES.values():
        if rows.timeline(source.kind):
            entries.extend(source.entries(rows, limit))
    return entries


_FLOOR = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def _when(entry: Later) -> tuple:
    return entry.on, entry.at or _FLOOR


def case_timeline(*, rows: CaseRows, page: int = 1) -> TimelinePage:
    """Everything that happened in the case, newest first, from every source ``rows`` shows.

    ``rows`` comes from ``case_page_rows(page=page)``: page ``n`` keeps the ``n``-th twenty of the
    merge of each source's newest ``n × 20`` rows; only those twenty are written out.
    """
    page = max(1, page)
    wanted = page * TIMELINE_PAGE
    entries = _timeline_entries(rows, wanted + 1)
    entries.sort(key=_when, reverse=True)
    shown = [e.entry() for e in entries[wanted - TIMELINE_PAGE : wanted]]
    return TimelinePage(shown, page, len(entries) > wanted)


def case_timeline_between(*, rows: CaseRows, start=None, end=None) -> list[TimelineEntry]:
    """The timeline for a print, oldest first, limited to [start, end] (either may be open)."""
    entries = _timeline_entries(rows, PRINT_LIMIT)
    entries = [e for e in entries if (start is None or e.on >= start) and (end is None or e.on <= end)]
    entries.sort(key=_when)
    return [e.entry() for e in entries]
