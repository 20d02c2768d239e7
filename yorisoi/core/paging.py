"""Pages of a staff list that never count a whole table: the one paging rule of every list.

A list shows ``size`` rows with 前へ/次へ and how many rows match. The total is counted over at
most ``COUNT_CAP + 1`` rows (``SELECT COUNT(*) FROM (SELECT … LIMIT 1001)``), so a program with
40,000 cases costs what one with 1,001 does, and beyond the cap the page says 「1,000件以上」
instead of a number nobody reads. Whether there is a next page comes from reading one row more
than the page shows, not from the count, so paging still reaches every row past the cap.
Narrowing with the filters is how a person finds one row among thousands.

A deep page of a long list (``deferred_join="number"``) skips its earlier rows by a key alone: the
``OFFSET`` walks an index holding the sort columns and the key (``SELECT number … ORDER BY …
LIMIT 51 OFFSET n``, read from the index only), and just the page's 51 rows are then joined and
read, in the same statement (``WHERE number IN (…)``). Without it the database joins and reads
every skipped row only to throw it away.

The two logs that only grow (the access log and the inquiry inbox) page by time instead
(``core/keyset.py``): they have a natural newest-first key and never count either.
"""

import math
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from yorisoi.core.bounds import page_number

COUNT_CAP = 1000
PAGE_SIZE = 50


@dataclass(frozen=True)
class ListPage:
    object_list: list
    number: int
    has_next: bool
    total: int  # exact up to COUNT_CAP; COUNT_CAP + 1 means "more than COUNT_CAP"
    size: int

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def is_capped(self) -> bool:
        return self.total > COUNT_CAP

    @property
    def num_pages(self) -> int | None:
        """How many pages there are, or None when the count stopped at the cap."""
        return None if self.is_capped else max(1, math.ceil(self.total / self.size))

    def total_label(self, unit: str = "件") -> str:
        """「12件」, or 「1,000件以上」 past the cap (``unit`` is 件 or 人)."""
        if self.is_capped:
            return _("%(n)s%(unit)s以上") % {"n": f"{COUNT_CAP:,}", "unit": unit}
        return f"{self.total:,}{unit}"

    @property
    def total_text(self) -> str:
        return self.total_label()

    @property
    def total_people_text(self) -> str:
        return self.total_label("人")


def list_page(
    queryset: QuerySet, params, *, size: int = PAGE_SIZE, name: str = "page", deferred_join: str = ""
) -> ListPage:
    """The page of ``queryset`` asked for by ``params[name]`` (1 when missing or not a number).

    Two queries whatever the list's length, the capped count and the page's rows (one when nothing
    matches). A number past the end shows the last page; past the cap, an empty page with 前へ.
    ``queryset`` must be ordered (the order decides which rows a page holds). ``deferred_join``
    names a field unique among the queryset's rows that an index holds beside the sort columns
    ("pk" will do where no such index is needed); pages after the first are then read through it.
    """
    total = queryset[: COUNT_CAP + 1].count()
    if not total:
        return ListPage([], 1, False, 0, size)
    number = page_number(params, name)
    if total <= COUNT_CAP:
        number = min(number, math.ceil(total / size))
    offset = (number - 1) * size
    if deferred_join and offset:
        keys = queryset.values(deferred_join)[offset : offset + size + 1]
        rows = list(queryset.filter(**{f"{deferred_join}__in": keys}))
    else:
        rows = list(queryset[offset : offset + size + 1])
    return ListPage(rows[:size], number, len(rows) > size, total, size)
