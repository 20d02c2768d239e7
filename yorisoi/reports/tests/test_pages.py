"""The report page, its exports and print layout: who sees what, logged with the period."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yorisoi.audit.models import AccessLog
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor
from yorisoi.reports.tables import TABLES
from yorisoi.reports.tests.conftest import D, at, record

OCTOBER = {"kind": "month", "month": "2026-10"}


def url(name, slug="chiba"):
    return reverse(f"reports:{name}", kwargs={"program_slug": slug})


def shown(response, key):
    return next(t for t in response.context["tables"] if t.table.key == key)


def test_manager_sees_exact_counts_and_the_view_is_logged_with_the_period(october, staff, client_as):
    manager = staff("chiba", Role.MANAGER)
    # when the manager opens October
    response = client_as(manager).get(url("report"), OCTOBER)
    # then every table is there with the hand-counted figures, beside the year before
    assert response.status_code == 200
    assert [t.table.key for t in response.context["tables"]] == [t.key for t in TABLES]
    contacts = shown(response, "contacts")
    assert contacts.body() == [["相談記録", 7, 1], ["問い合わせ（初回の連絡）", 3, 0], ["計", 10, 1]]
    assert "令和8年10月 (2026年10月)" in response.content.decode()
    entry = AccessLog.objects.get(actor=manager)
    assert (entry.action, entry.kind) == ("report.view", "view")
    assert entry.data == {"period": {"kind": "month", "first": "2026-10-01", "last": "2026-10-31"}}


def test_officer_sees_small_cells_and_what_would_reveal_them_as_stars(october, staff, client_as):
    officer = staff("chiba", Role.CITY_OFFICER)
    # when the city's officer opens October
    response = client_as(officer).get(url("report"), OCTOBER)
    # then 3 inquiries are hidden (primary) and so are the 7 records (else 10 − 7 = 3)
    body = response.content.decode()
    assert shown(response, "contacts").body() == [
        ["相談記録", "*", "*"],
        ["問い合わせ（初回の連絡）", "*", 0],
        ["計", 10, "*"],
    ]
    assert shown(response, "subjects").body()[-1] == ["計", 7, "*"]  # C alone the year before
    assert "「*」は1〜4の数" in body
    # and nothing that names a person or a case is on the page
    assert "C-0001" not in body and "/staff/cases/" not in body


def test_another_programs_report_is_missing_and_unlogged(october, staff, client_as):
    officer = staff("chiba", Role.CITY_OFFICER)
    for name in ("report", "print", "export_xlsx", "export_csv"):
        assert client_as(officer).get(url(name, "urayasu"), OCTOBER).status_code == 404
    assert AccessLog.objects.filter(actor=officer).count() == 0


@pytest.mark.parametrize("role", [Role.COUNSELOR, Role.CLERK])
def test_staff_other_than_managers_get_no_report(october, staff, client_as, role):
    member = staff("chiba", role)
    assert client_as(member).get(url("report"), OCTOBER).status_code == 404
    assert client_as(member).get(reverse("reports:dashboard")).status_code == 404
    assert AccessLog.objects.filter(actor=member).count() == 0


def test_excel_has_one_sheet_per_table_equal_to_the_page_cell_for_cell(october, staff, client_as):
    manager = staff("chiba", Role.MANAGER)
    http = client_as(manager)
    page = http.get(url("report"), OCTOBER)
    # when the manager downloads the Excel file of the same period
    response = http.get(url("export_xlsx"), OCTOBER)
    # then each sheet has the title row, the headers and exactly the page's figures
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == len(TABLES)
    for sheet, table in zip(book.worksheets, page.context["tables"], strict=True):
        assert (
            sheet["A1"].value
            == f"千葉市ひきこもり地域支援センター　令和8年10月 (2026年10月)　{table.table.title}"
        )
        rows = list(sheet.iter_rows(min_row=2, max_row=2 + len(table.body()), values_only=True))
        assert [list(r) for r in rows] == [table.header(), *table.body()]
        assert sheet.cell(4 + len(table.body()), 1).value == table.table.definition
    entry = AccessLog.objects.filter(actor=manager).latest("id")
    assert (entry.action, entry.kind, entry.data["format"]) == ("report.export", "export", "xlsx")
    assert entry.data["period"] == {"kind": "month", "first": "2026-10-01", "last": "2026-10-31"}


def test_officers_excel_is_suppressed_like_their_page(october, staff, client_as):
    officer = staff("chiba", Role.CITY_OFFICER)
    response = client_as(officer).get(url("export_xlsx"), OCTOBER)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["延べ相談件数"]
    assert [list(r) for r in sheet.iter_rows(min_row=3, max_row=5, values_only=True)] == [
        ["相談記録", "*", "*"],
        ["問い合わせ（初回の連絡）", "*", 0],
        ["計", 10, "*"],
    ]


def test_csv_is_utf8_with_bom_and_logged(october, staff, client_as):
    manager = staff("chiba", Role.MANAGER)
    response = client_as(manager).get(url("export_csv"), OCTOBER)
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["千葉市ひきこもり地域支援センター　令和8年10月 (2026年10月)　延べ相談件数"]
    assert rows[1:5] == [
        ["区分", "件数", "前年同期"],
        ["相談記録", "7", "1"],
        ["問い合わせ（初回の連絡）", "3", "0"],
        ["計", "10", "1"],
    ]
    assert AccessLog.objects.get(actor=manager).data["format"] == "csv"


def test_print_layout_has_no_navigation_and_is_logged_as_a_print(october, staff, client_as):
    manager = staff("chiba", Role.MANAGER)
    response = client_as(manager).get(url("print"), {"kind": "fiscal_year", "fiscal_year": "2026"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "staff-nav" not in body and "<svg" in body
    entry = AccessLog.objects.get(actor=manager)
    assert (entry.action, entry.kind) == ("report.print", "print")
    assert entry.data["period"] == {"kind": "fiscal_year", "first": "2026-04-01", "last": "2027-03-31"}


def test_charts_are_svg_with_a_title_and_a_description(october, staff, client_as):
    response = client_as(staff("chiba", Role.MANAGER)).get(
        url("report"), {"kind": "fiscal_year", "fiscal_year": "2026"}
    )
    body = response.content.decode()
    assert body.count('role="img"') == 3
    assert '<title id="chart-modes-title">月別の延べ件数（相談の形別）</title>' in body
    assert "2026年4月から2027年3月まで" in body
    assert " style=" not in body  # the CSP forbids inline styles


@pytest.mark.parametrize(
    "query, message",
    [
        (
            {"kind": "range", "first": "2026-10-31", "last": "2026-10-01"},
            "「いつまで」は「いつから」と同じか後の日付",
        ),
        ({"kind": "range", "first": "2026-02-30", "last": "2026-03-01"}, "ない日付は使えません"),
        ({"kind": "range", "first": "2020-01-01", "last": "2025-01-01"}, "期間は5年以内"),
        ({"kind": "fiscal_year", "fiscal_year": "2199"}, "まだ始まっていない期間"),
        ({"kind": "fiscal_year", "fiscal_year": "99999999999999"}, "2200年度までで"),
        ({"kind": "month", "month": "0000-13"}, "「2025-10」の形"),
        ({"kind": "quarter", "fiscal_year": "2025", "quarter": "7"}, "第1から第4まで"),
        ({"kind": "nonsense"}, "期間の種類を選んでください"),
    ],
)
def test_bad_periods_get_a_kind_message_and_nothing_is_counted_or_logged(staff, client_as, query, message):
    manager = staff("chiba", Role.MANAGER)
    response = client_as(manager).get(url("report"), query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["tables"] is None
    assert AccessLog.objects.filter(actor=manager).count() == 0
    assert client_as(manager).get(url("export_xlsx"), query).status_code == 400


def test_a_range_of_just_under_five_years_is_fine(staff, client_as):
    response = client_as(staff("chiba", Role.MANAGER)).get(
        url("report"), {"kind": "range", "first": "2020-01-01", "last": "2024-12-31"}
    )
    assert response.status_code == 200
    assert "令和2年1月1日〜令和6年12月31日 (2020年1月1日〜2024年12月31日)" in response.content.decode()


def test_report_page_query_count_does_not_grow_with_history(
    october, staff, client_as, django_assert_num_queries
):
    http = client_as(staff("chiba", Role.MANAGER))
    http.get(url("report"), OCTOBER)
    # session, user (memberships are cached); the stage labels; 7 aggregate queries for the period and
    # 7 for the year before; 4 outreach counts for each of the two; the access log entry (savepoint,
    # insert, release); no session save (stamped less than a minute ago)
    with django_assert_num_queries(2 + 1 + 7 + 7 + 4 + 4 + 3 + 2):  # 2: the log chain's next link
        http.get(url("report"), OCTOBER)


def test_officers_home_is_their_report(staff, client_as):
    response = client_as(staff("chiba", Role.CITY_OFFICER)).get(reverse("programs:home"))
    assert response.status_code == 302
    assert response["Location"] == url("report")


def test_managers_home_loads_this_months_dashboard(october, staff, client_as):
    manager = staff("chiba", Role.MANAGER)
    http = client_as(manager)
    assert reverse("reports:dashboard") in http.get(reverse("programs:home")).content.decode()
    response = http.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert "今月の実績（今日まで）" in response.content.decode()
    assert AccessLog.objects.get(actor=manager).data["part"] == "dashboard"


FISCAL_2026 = {"kind": "fiscal_year", "fiscal_year": "2026"}


def test_fiscal_year_page_runs_the_same_queries_with_more_history(october, staff, client_as):
    """Every table is a fixed number of grouped queries: more cases, records and inquiries in the
    year and the year before add rows to count, never a query."""
    # given: the hand-counted month's fiscal year, asked for once
    http = client_as(staff("chiba", Role.MANAGER))
    http.get(url("report"), FISCAL_2026)
    with CaptureQueriesContext(connection) as small:
        before = http.get(url("report"), FISCAL_2026)
    # and more history: in four months of this year and of the year before, a case from an inquiry
    # with one record, and an inquiry that led nowhere
    user = staff("chiba", Role.COUNSELOR)
    actor = Actor(user=user, program=october.program, role=Role.COUNSELOR)
    for year in (2025, 2026):
        for month, mode in zip((4, 5, 6, 7), ("phone", "center_visit", "home_visit", "mail"), strict=True):
            inquiry = make_inquiry(program=october.program, actor=actor, received_at=at(D(year, month, 3)))
            case = make_case(
                program=october.program,
                actor=actor,
                primary_staff=user,
                inquiry=inquiry,
                registered_on=D(year, month, 4),
            )
            record(actor, case, D(year, month, 5), mode, client=True)
            make_inquiry(program=october.program, actor=actor, received_at=at(D(year, month, 6)))
    # when
    with CaptureQueriesContext(connection) as larger:
        after = http.get(url("report"), FISCAL_2026)
    # then: the same number of statements (the pinned count of the month page), the new rows counted
    assert before.status_code == after.status_code == 200
    assert len(small.captured_queries) == len(larger.captured_queries) == 2 + 1 + 7 + 7 + 4 + 4 + 3 + 2
    records_before, inquiries_before = (row.cells[0] for row in shown(before, "contacts").rows)
    assert [row.cells[0] for row in shown(after, "contacts").rows] == [
        records_before + 4,
        inquiries_before + 8,
    ]
