"""How later apps add to the case page without the cases app importing them.

An app that owns part of a case's story (consultation records, referrals, appointments, …)
registers, in its ``AppConfig.ready()``:

- a **section**: a template and a function building its context, shown on the case page in
  ``order``; ``roles`` says who sees it (consultation contents: managers and counselors);
- a **header part**: a short template shown at the top of *every* page of the case (risk flags,
  the current support stage), built from a function returning its context or None to skip;
- a **timeline source**: a function returning the case's ``TimelineEntry`` rows newest first,
  at most ``limit`` of them, in a fixed number of queries however long the history.

Each function receives ``case`` and ``actor`` and must read only through scoped selectors.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from yorisoi.programs.permissions import CONSULTATION_CONTENT_ROLES


@dataclass(frozen=True)
class CaseSection:
    key: str
    template: str
    context: Callable  # (case, actor, request) -> dict
    order: int = 100
    roles: frozenset = field(default=CONSULTATION_CONTENT_ROLES)


@dataclass(frozen=True)
class HeaderPart:
    key: str
    template: str
    context: Callable  # (case, actor) -> dict | None
    order: int = 100


@dataclass(frozen=True)
class TimelineSource:
    kind: str  # the filter key, "record"
    label: str  # the filter label, 「相談記録」
    entries: Callable  # (case, limit) -> list[TimelineEntry]


SECTIONS: dict[str, CaseSection] = {}
HEADER_PARTS: dict[str, HeaderPart] = {}
TIMELINE_SOURCES: dict[str, TimelineSource] = {}


def register_section(section: CaseSection) -> None:
    SECTIONS[section.key] = section


def register_header_part(part: HeaderPart) -> None:
    HEADER_PARTS[part.key] = part


def register_timeline_source(source: TimelineSource) -> None:
    TIMELINE_SOURCES[source.kind] = source


def sections_for(*, case, actor, request) -> list[tuple[CaseSection, dict]]:
    visible = [s for s in SECTIONS.values() if actor.role in s.roles]
    return [(s, s.context(case, actor, request)) for s in sorted(visible, key=lambda s: s.order)]


def header_parts_for(*, case, actor) -> list[tuple[HeaderPart, dict]]:
    built = [(p, p.context(case, actor)) for p in sorted(HEADER_PARTS.values(), key=lambda p: p.order)]
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
