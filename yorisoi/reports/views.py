import datetime

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from yorisoi.audit.services import audit_record
from yorisoi.audit.shortcuts import render_logged
from yorisoi.core.db_router import reads_from_replica
from yorisoi.programs.permissions import require_manager
from yorisoi.reports.charts import report_charts
from yorisoi.reports.exports import report_csv, report_xlsx
from yorisoi.reports.forms import period_from_query
from yorisoi.reports.periods import Period, PeriodKind
from yorisoi.reports.permissions import must_protect_small_cells, report_program
from yorisoi.reports.shown import build_report

DASHBOARD_TABLES = ("contacts", "subjects", "case_flow")


def _report(request, program_slug):
    """(program, form, period, tables); tables is None when the period is not valid.

    The figures are read from the streaming replica when one is configured (core/db_router.py): a
    report of a period can miss the last second's writes. The entry that logs the page is written
    afterwards, on the primary.
    """
    program = report_program(request.actor, program_slug)
    form, period = period_from_query(request.GET)
    tables = None
    if period is not None:
        with reads_from_replica(request):
            tables = build_report(program, period, protect=must_protect_small_cells(request.actor))
    return program, form, period, tables


def _context(program, form, period, tables):
    by_key = {shown.table.key: shown for shown in tables or []}
    return {
        "nav": "reports",
        "program": program,
        "form": form,
        "period": period,
        "tables": tables,
        "charts": report_charts(by_key) if tables else [],
        "query": period.as_query() if period else {},
        "shortcuts": _shortcuts(),
    }


@login_required
def report(request, program_slug):
    program, form, period, tables = _report(request, program_slug)
    context = _context(program, form, period, tables)
    if tables is None:
        return render(request, "reports/report.html", context, status=400)
    return render_logged(
        request, "reports/report.html", context, action="report.view", data={"period": period.as_data()}
    )


@login_required
def report_print(request, program_slug):
    program, form, period, tables = _report(request, program_slug)
    context = _context(program, form, period, tables)
    if tables is None:
        return render(request, "reports/report.html", context, status=400)
    return render_logged(
        request, "reports/print.html", context, action="report.print", data={"period": period.as_data()}
    )


@login_required
def report_export(request, program_slug, file_format):
    program, form, period, tables = _report(request, program_slug)
    if tables is None:
        return render(request, "reports/report.html", _context(program, form, period, tables), status=400)
    with transaction.atomic():
        audit_record(
            actor=request.actor,
            action="report.export",
            program=program,
            request=request,
            data={"period": period.as_data(), "format": file_format},
        )
        if file_format == "xlsx":
            body, kind = (
                report_xlsx(program, period, tables),
                ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            )
        else:
            body, kind = report_csv(program, period, tables), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=kind)
    name = f"jisseki-{program.slug}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def dashboard(request):
    """This month so far, for the manager's home page (an htmx fragment).

    Read from the primary, never the replica: it is what a manager looks at right after entering
    the day's records, so it must include them.
    """
    require_manager(request.actor)
    program, today = request.actor.program, timezone.localdate()
    period = Period(PeriodKind.RANGE, today.replace(day=1), today)
    tables = {t.table.key: t for t in build_report(program, period, protect=False, keys=DASHBOARD_TABLES)}
    return render_logged(
        request,
        "reports/_dashboard.html",
        {
            "program": program,
            "period": period,
            "today": today,
            "tables": tables,
            "month_query": Period.month(today).as_query(),
        },
        action="report.view",
        data={"period": period.as_data(), "part": "dashboard"},
    )


def _shortcuts() -> list[tuple[str, dict]]:
    today = timezone.localdate()
    last_month = Period.month(today.replace(day=1) - datetime.timedelta(days=1))
    this_fy = Period.fiscal_year(Period.month(today).fiscal_year_number)
    return [
        ("今月", Period.month(today).as_query()),
        ("先月", last_month.as_query()),
        ("今年度", this_fy.as_query()),
        ("前年度", this_fy.year_before().as_query()),
    ]
