"""Follow-ups (次の連絡予定日): promised contacts that surface on the day they are due.

A record's 次の連絡予定日 and a referral's フォローアップ予定日 are the same kind of work. The apps
that own them register a *source* in ``AppConfig.ready()``; ``follow_ups_due`` asks each, so the
home page, 自分の週 and any calendar read one list. A source returns at most ``limit`` rows in a
fixed number of queries, read through the actor's program scope.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from yorisoi.programs.permissions import Actor


@dataclass(frozen=True)
class FollowUp:
    due_on: datetime.date
    kind: str  # the source's key: "record", "referral"
    title: str  # what was promised, in a few words (no name: the case label says whose)
    case: object  # the Case, or None before registration
    inquiry: object  # the Inquiry when there is no case yet
    url: str  # where the promise was written
    done_url: str = ""  # POST here to mark it done; empty when the source has its own flow
    record_url: str = ""  # write the record of that contact

    @property
    def audit_subject(self):
        return self.case or self.inquiry


@dataclass(frozen=True)
class FollowUpSource:
    key: str
    due: Callable  # (actor, start | None, end, limit) -> list[FollowUp]


SOURCES: dict[str, FollowUpSource] = {}
LIMIT = 50


def register_source(key: str, due: Callable) -> None:
    SOURCES[key] = FollowUpSource(key, due)


def follow_ups_due(
    *, actor: Actor, start: datetime.date | None, end: datetime.date, limit: int = LIMIT
) -> list[FollowUp]:
    """The actor's open follow-ups due from ``start`` (None: however long overdue) to ``end``."""
    if not actor.may_read_consultation_contents:
        return []
    rows: list[FollowUp] = []
    for source in SOURCES.values():
        rows.extend(source.due(actor, start, end, limit))
    rows.sort(key=lambda f: (f.due_on, f.kind))
    return rows[:limit]
