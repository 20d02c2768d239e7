"""How later apps add to the case page without the cases app importing them.

An app that owns part of a case's story (consultation records, referrals, appointments, …)
registers, in its ``AppConfig.ready()``:

- a **row reader** per table it owns: a function ``(rows) -> rows of that table`` reading, in a
  fixed number of queries, as many rows as the page in ``rows`` needs (see ``CaseRows``);
- a **section**: a template and a function building its context, shown on the case page in
  ``order``; ``roles`` says who sees it (consultation contents: managers and counselors);
- a **header part**: a short template shown at the top of *every* page of the case (risk flags,
  the current support stage), built from a function returning its context or None to skip;
- a **timeline source**: a function returning the case's newest timeline entries, at most ``limit``
  rows' worth however long the history, each a ``Later(on, at, write, row)`` (``case_reads.py``):
  the page sorts them all and writes only the entries it shows.

Sections, header parts and timeline sources receive the page's ``CaseRows`` and take their rows
from it, never from a query of their own: header, sections and timeline share the rows, so each
table is read once per page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from yorisoi.programs.permissions import CONSULTATION_CONTENT_ROLES


class CaseRows:
    """The rows one page of a case shows, each table read at most once.

    A page says what it shows: the header always; ``sections`` on the case page and its print
    (the sections, the people, the consents); the timeline's newest ``timeline_limit`` rows of each
    kind in ``timeline_kinds``. A table's reader runs the first time a header part, a section or a
    timeline source asks for it (``rows["stages"]``) and reads at once the most rows any of them
    needs; the others take theirs from the same list. Pages that show only the header (forms under
    the case) read only what the header needs.
    """

    def __init__(self, case, *, sections: bool = False, timeline_kinds=(), timeline_limit: int = 0):
        self.case = case
        self.sections = sections
        self.timeline_kinds = frozenset(timeline_kinds)
        self.timeline_limit = timeline_limit
        self._read: dict[str, object] = {}

    def timeline(self, kind: str) -> int:
        """How many rows of ``kind`` the timeline shows (0: this page's timeline does not show it)."""
        return self.timeline_limit if kind in self.timeline_kinds else 0

    def section(self, count: int) -> int:
        """``count`` on a page that shows the sections, 0 on a page that shows only the header."""
        return count if self.sections else 0

    def __getitem__(self, table: str):
        if table not in self._read:
            self._read[table] = ROW_READERS[table](self)
        return self._read[table]


ROW_READERS: dict[str, Callable] = {}


def register_rows(table: str, reader: Callable) -> None:
    """``reader(rows: CaseRows)`` reads ``table``'s rows of ``rows.case`` for the page, in fixed queries."""
    ROW_READERS[table] = reader


@dataclass(frozen=True)
class CaseSection:
    key: str
    template: str
    context: Callable  # (rows: CaseRows, actor, request) -> dict
    order: int = 100
    roles: frozenset = field(default=CONSULTATION_CONTENT_ROLES)


@dataclass(frozen=True)
class HeaderPart:
    key: str
    template: str
    context: Callable  # (rows: CaseRows, actor) -> dict | None
    order: int = 100


@dataclass(frozen=True)
class TimelineSource:
    kind: str  # the filter key, "record"
    label: str  # the filter label, 「相談記録」
    entries: Callable  # (rows: CaseRows, limit) -> list[Later]


SECTIONS: dict[str, CaseSection] = {}
HEADER_PARTS: dict[str, HeaderPart] = {}
TIMELINE_SOURCES: dict[str, TimelineSource] = {}


def register_section(section: CaseSection) -> None:
    SECTIONS[section.key] = section


def register_header_part(part: HeaderPart) -> None:
    HEADER_PARTS[part.key] = part


def register_timeline_source(source: TimelineSource) -> None:
    TIMELINE_SOURCES[source.kind] = source


def sections_for(*, rows: CaseRows, actor, request) -> list[tuple[CaseSection, dict]]:
    visible = [s for s in SECTIONS.values() if actor.role in s.roles]
    return [(s, s.context(rows, actor, request)) for s in sorted(visible, key=lambda s: s.order)]


def header_parts_for(*, rows: CaseRows, actor) -> list[tuple[HeaderPart, dict]]:
    built = [(p, p.context(rows, actor)) for p in sorted(HEADER_PARTS.values(), key=lambda p: p.order)]
    return [(p, ctx) for p, ctx in built if ctx is not None]


# The day a case registered from an inquiry dates from: the day its initial consultation was held
# (an app that knows, e.g. appointments, registers a function ``(inquiry) -> date | None``).
REGISTRATION_DATE_SOURCES: list[Callable] = []


def register_registration_date(source: Callable) -> None:
    if source not in REGISTRATION_DATE_SOURCES:
        REGISTRATION_DATE_SOURCES.append(source)


def registration_date_for(inquiry):
    for source in REGISTRATION_DATE_SOURCES:
        day = source(inquiry)
        if day is not None:
            return day
    return None


# --- the inquiry page --------------------------------------------------------------------------------
# An inquiry can carry rows of later apps before it becomes a case (an email reply recorded as a
# consultation record). They stay visible from the inquiry after registration: an app registers a
# section ``(template, context(inquiry, actor) -> dict | None)`` shown on the inquiry page.
@dataclass(frozen=True)
class InquirySection:
    key: str
    template: str
    context: Callable  # (inquiry, actor) -> dict | None (None: nothing to show)
    order: int = 100
    roles: frozenset = field(default=CONSULTATION_CONTENT_ROLES)


INQUIRY_SECTIONS: dict[str, InquirySection] = {}


def register_inquiry_section(section: InquirySection) -> None:
    INQUIRY_SECTIONS[section.key] = section


def inquiry_sections_for(*, inquiry, actor) -> list[tuple[InquirySection, dict]]:
    visible = sorted((s for s in INQUIRY_SECTIONS.values() if actor.role in s.roles), key=lambda s: s.order)
    built = [(s, s.context(inquiry, actor)) for s in visible]
    return [(s, c) for s, c in built if c is not None]
