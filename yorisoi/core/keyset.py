"""Newest-first paging that costs the same on the last page as on the first.

OFFSET paging reads and throws away every earlier row, and its page count needs a count(*)
over the whole table; on a log that only grows both get slower every day. Here the next page
starts strictly after the last row shown, found through the (time, id) index.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet


@dataclass(frozen=True)
class KeysetPage:
    object_list: list
    next_cursor: str  # empty on the last page
    is_first: bool

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


def _parse(cursor: str) -> tuple[datetime.datetime, int] | None:
    try:
        stamp, _, pk = cursor.rpartition("_")
        return datetime.datetime.fromisoformat(stamp), int(pk)
    except (ValueError, TypeError):
        return None


def keyset_page(queryset: QuerySet, *, time_field: str, cursor: str = "", size: int = 50) -> KeysetPage:
    """Rows of ``queryset`` newest first by (``time_field``, id), starting after ``cursor``."""
    after = _parse(cursor) if cursor else None
    if after is not None:
        stamp, pk = after
        # The plain "<=" lets the (program, time) index seek straight to the cursor; the OR alone
        # would make the database walk every newer row first.
        queryset = queryset.filter(**{f"{time_field}__lte": stamp}).filter(
            Q(**{f"{time_field}__lt": stamp}) | Q(**{time_field: stamp, "pk__lt": pk})
        )
    rows = list(queryset.order_by(f"-{time_field}", "-pk")[: size + 1])
    next_cursor = ""
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        next_cursor = f"{getattr(last, time_field).isoformat()}_{last.pk}"
    return KeysetPage(rows, next_cursor, after is None)
