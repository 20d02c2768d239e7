"""The aggregate queries every figure is cut from: a handful of GROUP BY queries per period.

``ReportData(program, period)`` runs each query at most once, when a figure first asks for it,
and keeps only grouped counts (a "cube": one row per combination of categories, with a count).
The figures in ``figures.py`` add up slices of a cube; no person row ever reaches Python.

Reports count for roles that may not see persons (委託元閲覧 has an empty person scope), so the
queries here bypass the person scope and filter by the program explicitly, in ``program_rows``;
the view decides which program the actor may have figures of, and only counts leave this module.
"""

import datetime
from functools import cached_property

from django.db import connections, router
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least, TruncDate
from django.db.models.lookups import LessThan
from django.utils import timezone

from yorisoi.cases.models import AgeBand, CaseStatus, CaseStatusChange, Inquiry
from yorisoi.cases.models import Case as CaseRow
from yorisoi.consultations.models import ConsultationMode, ConsultationRecord, StageTransition, SupportStage
from yorisoi.referrals.models import Referral
from yorisoi.reports.periods import Period

UNKNOWN = "unknown"
NO_STAGE = "none"
# A derived table is computed once per row when it cannot be merged into the outer query: a
# LIMIT stops SQLite's flattener and PostgreSQL's pull-up from copying the correlated subqueries
# into every place the outer query uses a column.
NO_MERGE_LIMIT = 1_000_000_000

AGE_LIMITS = (
    (15, AgeBand.UNDER_15),
    (20, AgeBand.FROM_15),
    (30, AgeBand.FROM_20),
    (40, AgeBand.FROM_30),
    (50, AgeBand.FROM_40),
    (60, AgeBand.FROM_50),
)
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
        *[When(LessThan(age, limit), then=Value(band)) for limit, band in AGE_LIMITS],
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


FAR_FUTURE = datetime.date(9999, 12, 31)


def least_day(*days):
    """The earliest of several nullable dates (SQLite's MIN() is NULL if any argument is); each once."""
    return Least(*[Coalesce(day, Value(FAR_FUTURE), output_field=DateField()) for day in days])


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


class ReportData:
    """The grouped counts of one program over one period; each query runs once, on first use."""

    def __init__(self, program, period: Period):
        self.program, self.period = program, period
        self.start, self.end = day_bounds(period)

    # the contacts of the period --------------------------------------------------------------

    def records(self):
        return program_rows(ConsultationRecord, self.program).filter(
            held_on__gte=self.period.first, held_on__lte=self.period.last
        )

    def inquiries(self):
        return program_rows(Inquiry, self.program).filter(
            received_at__gte=self.start, received_at__lt=self.end
        )

    @cached_property
    def record_cube(self) -> list[dict]:
        """Records held, by month, mode, accompaniment destination and outcome; with who took part."""
        family = ConsultationRecord.family_present.through.objects.filter(
            consultationrecord_id=OuterRef("pk")
        )
        rows = (
            self.records()
            .values(
                "mode",
                "accompaniment_destination",
                "accompaniment_outcome",
                month=month_index("held_on", self.period),
            )
            .annotate(
                n=Count("pk"),
                client=Count("pk", filter=Q(client_present=True)),
                family=Count("pk", filter=Q(Exists(family))),
                agency=Count("pk", filter=~Q(agencies_present="")),
            )
            .order_by()
        )
        return self._by_month(rows)

    @cached_property
    def inquiry_cube(self) -> list[dict]:
        """Inquiries received, by month, channel, how they ended and who called."""
        rows = (
            self.inquiries()
            .values(
                "channel",
                "status",
                "caller_type",
                month=month_index("received_at", self.period, local_time=True),
            )
            .annotate(n=Count("pk"))
            .order_by()
        )
        return self._by_month(rows)

    def _by_month(self, rows) -> list[dict]:
        """The cube's rows with the month index turned into the month's first day."""
        months = self.period.months()
        return [{**row, "month": months[row["month"]]} for row in rows]

    # the subjects served ---------------------------------------------------------------------

    def _served_cases(self):
        """Cases with a contact in the period, with what their categories are computed from."""
        records = self.records()
        case_records = records.filter(case=OuterRef("pk")).order_by("held_on").values("held_on")[:1]
        # a record of the inquiry, held before the inquiry became this case
        early_records = (
            records.filter(case__isnull=True, inquiry__case=OuterRef("pk"))
            .order_by("held_on")
            .values("held_on")[:1]
        )
        inquiries = (
            self.inquiries()
            .filter(case=OuterRef("pk"))
            .order_by("received_at")
            .annotate(day=TruncDate("received_at"))
            .values("day")[:1]
        )
        every_inquiry = (
            program_rows(Inquiry, self.program).filter(case=OuterRef("pk")).order_by("received_at")
        )
        latest_stage = (
            program_rows(StageTransition, self.program)
            .filter(case=OuterRef("pk"), entered_on__lte=self.period.last)
            .order_by("-entered_on", "-pk")
            .values("stage_id")[:1]
        )
        served = (
            Q(pk__in=records.exclude(case=None).values("case_id"))
            | Q(pk__in=records.filter(case=None).exclude(inquiry__case=None).values("inquiry__case_id"))
            | Q(pk__in=self.inquiries().exclude(case=None).values("case_id"))
        )
        return (
            program_rows(CaseRow, self.program)
            .filter(served)
            .values(
                first_contact=least_day(Subquery(case_records), Subquery(early_records), Subquery(inquiries)),
                birth=F("client__birth_date"),
                approx_age=F("client__approximate_age"),
                client_gender=F("client__gender"),  # NULL for a family-only case
                since=F("withdrawal_since"),
                stage=Subquery(latest_stage),
                # the first inquiry's caller, gender and age: joined by key in subject_cube
                first_inquiry=Subquery(every_inquiry.values("pk")[:1]),
                continuing=Case(
                    When(registered_on__lt=self.period.first, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                ),
            )
            .order_by()[:NO_MERGE_LIMIT]
        )

    @cached_property
    def subject_cube(self) -> list[dict]:
        """Subjects served: by kind (case, lone inquiry), age band, gender, withdrawal, stage, first party."""
        # the connection the router chose for these reads: the replica inside reads_from_replica
        connection = connections[router.db_for_read(CaseRow)]
        inner_sql, inner_params = self._served_cases().query.get_compiler(connection=connection).as_sql()
        parts_sql, parts_params = _date_parts_sql(connection)
        inquiry_table = connection.ops.quote_name(Inquiry._meta.db_table)
        # Built from Django's own compiled query (its parameters stay separate) and this module's
        # constants; nothing a person typed is put into the text.
        sql = (  # nosec B608
            f"SELECT {_age_band_sql()}, COALESCE(p.client_gender, p.inquiry_gender, '{UNKNOWN}'),"  # nosec B608
            f" {_withdrawal_sql()}, p.stage, COALESCE(p.inquiry_caller, '{UNKNOWN}'), p.continuing, COUNT(*)"
            f" FROM (SELECT {parts_sql}, t.*, i.caller_type AS inquiry_caller,"
            " i.person_gender AS inquiry_gender, i.person_age AS inquiry_age,"
            " i.person_age_band AS inquiry_age_band"
            f" FROM ({inner_sql}) t LEFT JOIN {inquiry_table} i ON i.id = t.first_inquiry"
            f" LIMIT {NO_MERGE_LIMIT}) p"
            " GROUP BY 1, 2, 3, 4, 5, 6"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*parts_params, *inner_params])
            fetched = cursor.fetchall()
        cube = [
            {
                "kind": "case",
                "age_band": age,
                "gender": gender,
                "withdrawal": withdrawal,
                "stage": NO_STAGE if stage is None else str(stage),
                "first_party": party,
                "continuing": bool(continuing),
                "n": n,
            }
            for age, gender, withdrawal, stage, party, continuing, n in fetched
        ]
        lone = (
            program_rows(Inquiry, self.program)
            .filter(case=None)
            .filter(
                Q(received_at__gte=self.start, received_at__lt=self.end)
                | Q(pk__in=self.records().filter(case=None).values("inquiry_id"))
            )
            .values(age_band=inquiry_age_band(), gender=F("person_gender"), first_party=F("caller_type"))
            .annotate(n=Count("pk"))
            .order_by()
        )
        cube += [
            {**row, "kind": "inquiry", "withdrawal": UNKNOWN, "stage": NO_STAGE, "continuing": False}
            for row in lone
        ]
        return cube

    # cases, referrals, stages ----------------------------------------------------------------

    @cached_property
    def registrations_by_month(self) -> dict[datetime.date, int]:
        rows = (
            program_rows(CaseRow, self.program)
            .filter(registered_on__gte=self.period.first, registered_on__lte=self.period.last)
            .values(month=month_index("registered_on", self.period))
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {row["month"]: row["n"] for row in self._by_month(rows)}

    @cached_property
    def status_change_cube(self) -> list[dict]:
        """Closings and reopenings in the period, by month, status and closure reason."""
        rows = (
            program_rows(CaseStatusChange, self.program)
            .filter(
                changed_on__gte=self.period.first,
                changed_on__lte=self.period.last,
                to_status__in=[CaseStatus.CLOSED, CaseStatus.REOPENED],
            )
            .values("to_status", "reason", month=month_index("changed_on", self.period))
            .annotate(n=Count("pk"))
            .order_by()
        )
        return self._by_month(rows)

    @cached_property
    def referral_cube(self) -> list[dict]:
        """Referrals proposed in the period, by the agency's kind and the referral's status now."""
        return list(
            program_rows(Referral, self.program)
            .filter(proposed_on__gte=self.period.first, proposed_on__lte=self.period.last)
            .values(kind=F("agency__kind"), state=F("status"))
            .annotate(n=Count("pk"))
            .order_by()
        )

    @cached_property
    def stages(self) -> list[tuple[str, str]]:
        return [
            (str(pk), label)
            for pk, label in SupportStage.objects.filter(program=self.program).values_list("pk", "label")
        ]


ACCOMPANIMENT = ConsultationMode.ACCOMPANIMENT


# Where year, month and day sit in a date SQLite stores as ISO text (YYYY-MM-DD).
ISO_DATE_PARTS = {"year": (1, 4), "month": (6, 2), "day": (9, 2)}


def _date_part_sql(connection, part: str, column: str) -> tuple[str, list]:
    """One part of a date column as an integer. On SQLite, cut from the ISO text natively: Django's
    EXTRACT there is a Python callback per row, nine per served case here."""
    if connection.vendor == "sqlite":
        start, length = ISO_DATE_PARTS[part]
        return f"CAST(substr({column}, {start}, {length}) AS INTEGER)", []
    sql, params = connection.ops.date_extract_sql(part, column, [])
    return sql, list(params)


def _date_parts_sql(connection):
    """Year, month and day of the first contact, the birth date and 'withdrawn since', each computed once."""
    sqls, params = [], []
    for column in ("first_contact", "birth", "since"):
        for part in ("year", "month", "day"):
            sql, part_params = _date_part_sql(connection, part, f"t.{column}")
            sqls.append(f"{sql} AS {column}_{part}")
            params.extend(part_params)
    return ", ".join(sqls), params


def _band_case(value_sql: str, limits, otherwise: str) -> str:
    whens = " ".join(f"WHEN {value_sql} < {limit} THEN '{band}'" for limit, band in limits)
    return f"CASE {whens} ELSE '{otherwise}' END"


def _age_band_sql() -> str:
    """The age band on the first contact: birth date, else the recorded age, else the first inquiry's."""
    before_birthday = "p.first_contact_month * 100 + p.first_contact_day < p.birth_month * 100 + p.birth_day"
    years = f"(p.first_contact_year - p.birth_year - CASE WHEN {before_birthday} THEN 1 ELSE 0 END)"
    by_birth = _band_case(years, AGE_LIMITS, AgeBand.FROM_60)
    by_age = _band_case("p.approx_age", AGE_LIMITS, AgeBand.FROM_60)
    by_inquiry = _band_case("p.inquiry_age", AGE_LIMITS, AgeBand.FROM_60)
    return (
        f"CASE WHEN p.birth IS NOT NULL THEN {by_birth} WHEN p.approx_age IS NOT NULL THEN {by_age}"
        f" WHEN p.inquiry_age IS NOT NULL THEN {by_inquiry}"
        f" ELSE COALESCE(p.inquiry_age_band, '{UNKNOWN}') END"
    )


def _withdrawal_sql() -> str:
    """Months withdrawn on the first contact (from 'hikikomori since'), banded; unknown if not recorded."""
    months = (
        "((p.first_contact_year - p.since_year) * 12 + p.first_contact_month - p.since_month"
        " - CASE WHEN p.first_contact_day < p.since_day THEN 1 ELSE 0 END)"
    )
    limits = [(limit, key) for limit, key, _ in WITHDRAWAL_BANDS if limit is not None]
    banded = _band_case(months, limits, WITHDRAWAL_BANDS[-1][1])
    return f"CASE WHEN p.since IS NULL THEN '{UNKNOWN}' ELSE {banded} END"
