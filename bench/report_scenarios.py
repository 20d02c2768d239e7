"""The 実績報告 pages in the benchmark: a month, a fiscal year, and the fiscal year's Excel file.

Their floor is the page's own aggregate statements (captured once from the report code and run raw
with a cursor), plus the prelude and the access log entry every report view writes. So the ratio
says what rendering, suppression-free table building and the template cost on top of the SQL;
whether the SQL itself is as cheap as it can be shows in the bare column across scales.
"""

import datetime
from functools import cache
from urllib.parse import urlencode

from django.db import connection
from django.urls import reverse
from django_scopes import scopes_disabled

from bench.scenarios import Scenario, Statement, logged, prelude
from bench.subjects import Subjects


def last_month():
    from yorisoi.reports.periods import Period

    return Period.month(datetime.date.today().replace(day=1) - datetime.timedelta(days=1))


def last_fiscal_year():
    from yorisoi.reports.periods import Period

    return Period.fiscal_year(last_month().fiscal_year_number - 1)


@cache
def _program(program_id: int):
    from yorisoi.programs.models import Program

    return Program.objects.get(pk=program_id)


@cache
def aggregate_statements(program_id: int, period) -> tuple[Statement, ...]:
    """The statements ``build_report`` runs for ``period``, as (sql, params), captured once."""
    from yorisoi.reports.shown import build_report

    captured: list[Statement] = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, list(params or [])))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture), scopes_disabled():
        build_report(_program(program_id), period, protect=False)
    return tuple(captured)


def report_url(name: str, period_of):
    def url(s: Subjects) -> str:
        path = reverse(f"reports:{name}", kwargs={"program_slug": _program(s.program_id).slug})
        return f"{path}?{urlencode(period_of().as_query())}"

    return url


def report_floor(period_of, action: str):
    def floor(s: Subjects) -> list[Statement]:
        return [
            *prelude(s, as_manager=True),
            *aggregate_statements(s.program_id, period_of()),
            *logged(s, action, "report"),
        ]

    return floor


REPORT_SCENARIOS = [
    Scenario(
        "report (manager), last month",
        report_url("report", last_month),
        report_floor(last_month, "report.view"),
        as_manager=True,
    ),
    Scenario(
        "report (manager), last fiscal year",
        report_url("report", last_fiscal_year),
        report_floor(last_fiscal_year, "report.view"),
        as_manager=True,
    ),
    Scenario(
        "report Excel export, last fiscal year",
        report_url("export_xlsx", last_fiscal_year),
        report_floor(last_fiscal_year, "report.export"),
        as_manager=True,
    ),
]
