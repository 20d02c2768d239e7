"""What SQLite's planner is told (core/query_hints.py, core/db_statistics.py), and that the rows
stay the same on both databases."""

import sqlite3

import pytest
from django.db import connection

from yorisoi.cases import selectors
from yorisoi.cases.models import Inquiry, InquiryStatus
from yorisoi.cases.tests.factories import make_inquiry
from yorisoi.core.db_statistics import SQLITE_SQL
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor


@pytest.fixture
def inbox(chiba, chiba_counselor):
    """Two open inquiries (one urgent) among ones that became cases or were referred elsewhere."""
    made = {}
    for name, status, urgent in [
        ("new", InquiryStatus.NEW, True),
        ("booked", InquiryStatus.BOOKED, False),
        ("registered", InquiryStatus.REGISTERED, True),
        ("referred", InquiryStatus.REFERRED, False),
    ]:
        made[name] = make_inquiry(program=chiba, actor=chiba_counselor, status=status, is_urgent=urgent)
    return made, Actor(user=chiba_counselor, program=chiba, role=Role.COUNSELOR)


def test_the_inbox_lists_the_open_inquiries_and_tells_sqlite_they_are_few(inbox):
    made, actor = inbox
    rows = selectors.inquiry_list(actor=actor)
    assert set(rows) == {made["new"], made["booked"]}
    sql = str(rows.query)
    assert ("likelihood(" in sql) is (connection.vendor == "sqlite")


def test_urgent_inquiries_waiting_are_read_by_an_equality_on_urgent(inbox):
    made, actor = inbox
    assert selectors.urgent_inquiries_waiting(actor=actor) == [made["new"]]
    assert selectors.urgent_waiting_count(actor=actor) == 1
    # Django would write a bare "is_urgent", on which SQLite cannot seek the urgent index
    assert '"is_urgent" IN (' in str(selectors._urgent_waiting(actor).query)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner only")
def test_sqlite_seeks_the_status_index_for_the_open_inquiries(inbox):
    _, actor = inbox
    rows = selectors.inquiry_list(actor=actor).order_by("-received_at", "-id")[:51]
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Inquiry._meta.db_table}")
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "inquiry_program_status" in plan


def test_the_statistics_count_a_programs_rows_not_the_first_thousand(tmp_path):
    # SQLite reads an index's first rows: with a small bound all of them belong to the first program
    with sqlite3.connect(tmp_path / "two_programs.sqlite3") as raw:
        raw.execute("CREATE TABLE row (id integer PRIMARY KEY, program int)")
        raw.execute("CREATE INDEX row_program ON row (program)")
        raw.executemany("INSERT INTO row (program) VALUES (?)", [(1 + i // 3000,) for i in range(6000)])
        for statement in SQLITE_SQL:
            raw.execute(statement)
        stat = raw.execute("SELECT stat FROM sqlite_stat1 WHERE idx = 'row_program'").fetchone()[0]
    assert stat == "6000 3000"  # rows, rows per program
