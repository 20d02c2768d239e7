"""The building blocks the report's aggregate queries share: categories, bands and SQL expressions.

Counting only: ``program_rows`` bypasses the person scope and filters by the program explicitly
(see ``sources.py``'s docstring for why that is safe for reports).
"""

import datetime

from django.db.models import Case, CharField, F, Func, IntegerField, Value, When
from django.db.models.lookups import LessThan
from django.utils import timezone

from yorisoi.cases.models import AGE_BAND_LIMITS, AgeBand
from yorisoi.reports.periods import Period

UNKNOWN = "unknown"
NO_STAGE = "none"
# A derived table is computed once per row when it cannot be merged into the outer query: a
# LIMIT stops SQLite's flattener and PostgreSQL's pull-up from copying the correlated subqueries
# into every place the outer query uses a column.
NO_MERGE_LIMIT = 1_000_000_000

WITHDRAWAL_BANDS = (
    (6, "under_6m", "6か月未満"),
    (12, "6m_1y", "6か月〜1年"),
    (36, "1y_3y", "1〜3年"),
    (60, "3y_5y", "3〜5年"),
    (120, "5y_10y", "5〜10年"),
    (240, "10y_20y", "10〜20年"),
    (None, "20y_plus", "20年以上"),
)


def program_rows(model, program):
    """Every row of ``program`` in ``model``, for counting only (see the module docstring)."""
    return model.objects.with_scopes_disabled().filter(program_id=program.pk)


def day_bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """[start, end) in local time, for date-time columns."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.first, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(period.last + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return start, end


def age_band_of(age) -> Case:
    """The AgeBand of an integer expression."""
    return Case(
        *[When(LessThan(age, limit), then=Value(band)) for limit, band in AGE_BAND_LIMITS],
        default=Value(AgeBand.FROM_60),
        output_field=CharField(),
    )


def inquiry_age_band() -> Case:
    """An inquiry's band: from the age the caller gave, else the band they gave."""
    return Case(
        When(person_age__isnull=False, then=age_band_of(F("person_age"))),
        default=F("person_age_band"),
        output_field=CharField(),
    )


class MonthIndex(Func):
    """Which month of a period a row of the period falls in (0: its first month).

    Plain comparisons with each later month's first day, ``CASE WHEN day < %s THEN 0 … ELSE n END``:
    every database does them natively, where truncating to the month is a Python callback per row
    on SQLite. Written out here rather than as ``Case(When(...))``: a dozen ``When`` objects per
    query cost more to build and compile than the query takes to run.
    """

    output_field = IntegerField()

    def __init__(self, field: str, starts: tuple):
        super().__init__(F(field))
        self.starts = starts

    def get_group_by_cols(self):
        return super().get_group_by_cols() if self.starts else []  # a one-month period: a constant

    def as_sql(self, compiler, connection, **extra_context):
        if not self.starts:
            return "0", []
        column = self.source_expressions[0]
        column_sql, params = compiler.compile(column)
        field = column.output_field
        whens = " ".join(f"WHEN {column_sql} < %s THEN {i}" for i in range(len(self.starts)))
        values = [field.get_db_prep_value(start, connection) for start in self.starts]
        params = [value for start_value in values for value in (*params, start_value)]
        return f"CASE {whens} ELSE {len(self.starts)} END", params


def month_index(field: str, period: Period, *, local_time: bool = False) -> MonthIndex:
    """The ``MonthIndex`` of ``field`` in ``period``; a date-time column is cut at local midnight."""
    starts = period.months()[1:]
    if local_time:
        tz = timezone.get_current_timezone()
        starts = [datetime.datetime.combine(month, datetime.time.min, tzinfo=tz) for month in starts]
    return MonthIndex(field, tuple(starts))
