"""The served-subject query in SQL: one row per case served, banded by age, gender and withdrawal.

Age and months withdrawn are counted on the day of the first contact in the period, from dates
whose year, month and day are cut once per row; the bands are ``CASE`` expressions built from the
constants in ``expressions.py``. Everything here is the module's own text or Django's compiled
query, with its parameters kept apart: nothing a person typed is put into the SQL.
"""

from yorisoi.cases.models import AGE_BAND_LIMITS, AgeBand, Case, Client, Inquiry
from yorisoi.consultations.models import StageTransition
from yorisoi.reports.expressions import NO_MERGE_LIMIT, UNKNOWN, WITHDRAWAL_BANDS


def subject_cube_sql(connection, contacts, *, program, period) -> tuple[str, list]:
    """The grouped count of the cases served in ``period``: the cases of ``contacts`` (querysets
    of ``subject``, ``day`` rows), each once with its first contact, banded as the figures need."""
    inner_sql, inner_params = served_cases_sql(connection, contacts, program=program, period=period)
    parts_sql, parts_params = _date_parts_sql(connection)
    inquiry_table = connection.ops.quote_name(Inquiry._meta.db_table)
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
    return sql, [*parts_params, *inner_params]


def served_cases_sql(connection, contacts, *, program, period) -> tuple[str, list]:
    """One row per case served: its first contact (the earliest day over ``contacts``, grouped once,
    not looked up per case), birth date, age, gender, 'withdrawn since', stage at the period's end,
    first inquiry and whether it was registered before the period (continuing).

    The stage and the first inquiry are two index look-ups per served case
    (``stage_program_case_entered``, ``inquiry_program_case``)."""
    union, params = [], []
    for queryset in contacts:
        part_sql, part_params = queryset.query.get_compiler(connection=connection).as_sql()
        union.append(part_sql)
        params.extend(part_params)
    case, client, stage, inquiry = (
        _columns(connection, model) for model in (Case, Client, StageTransition, Inquiry)
    )
    last, first = (connection.ops.adapt_datefield_value(day) for day in (period.last, period.first))
    sql = (  # nosec B608
        f"SELECT s.first_contact, cl.{client.birth_date} AS birth, cl.{client.approximate_age} AS approx_age,"  # nosec B608
        f" cl.{client.gender} AS client_gender, c.{case.withdrawal_since} AS since,"
        f" (SELECT st.{stage.stage} FROM {stage.table} st WHERE st.{stage.program} = %s"
        f" AND st.{stage.case} = c.{case.id} AND st.{stage.entered_on} <= %s"
        f" ORDER BY st.{stage.entered_on} DESC, st.{stage.id} DESC LIMIT 1) AS stage,"
        f" (SELECT fi.{inquiry.id} FROM {inquiry.table} fi WHERE fi.{inquiry.program} = %s"
        f" AND fi.{inquiry.case} = c.{case.id} ORDER BY fi.{inquiry.received_at} LIMIT 1) AS first_inquiry,"
        f" CASE WHEN c.{case.registered_on} < %s THEN 1 ELSE 0 END AS continuing"
        f" FROM (SELECT u.subject, MIN(u.day) AS first_contact FROM ({' UNION ALL '.join(union)}) u"
        " GROUP BY u.subject) s"
        f" JOIN {case.table} c ON c.{case.id} = s.subject AND c.{case.program} = %s"
        f" LEFT JOIN {client.table} cl ON cl.{client.id} = c.{case.client}"
        f" LIMIT {NO_MERGE_LIMIT}"
    )
    return sql, [program.pk, last, program.pk, first, *params, program.pk]


class _columns:
    """A model's quoted table and column names: ``_columns(connection, Case).registered_on``."""

    def __init__(self, connection, model):
        self._connection, self._model = connection, model
        self.table = connection.ops.quote_name(model._meta.db_table)

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._connection.ops.quote_name(self._model._meta.get_field(name).column)


# Where year, month and day sit in a date SQLite stores as ISO text (YYYY-MM-DD).
ISO_DATE_PARTS = {"year": (1, 4), "month": (6, 2), "day": (9, 2)}


def _date_part_sql(connection, part: str, column: str) -> tuple[str, list]:
    """One part of a date column as an integer. On SQLite, cut from the ISO text natively: Django's
    EXTRACT there is a Python callback per row, nine per served case here."""
    if connection.vendor == "sqlite":
        start, length = ISO_DATE_PARTS[part]
        return f"CAST(substr({column}, {start}, {length}) AS INTEGER)", []
    sql, params = connection.ops.date_extract_sql(part, column, [])
    # PostgreSQL's EXTRACT is numeric: the band arithmetic on it costs more than the rest of the query
    return f"CAST({sql} AS integer)", list(params)


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
    by_birth = _band_case(years, AGE_BAND_LIMITS, AgeBand.FROM_60)
    by_age = _band_case("p.approx_age", AGE_BAND_LIMITS, AgeBand.FROM_60)
    by_inquiry = _band_case("p.inquiry_age", AGE_BAND_LIMITS, AgeBand.FROM_60)
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
