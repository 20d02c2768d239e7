"""After an import's bulk write the planner's statistics describe the new rows (no ANALYZE to remember)."""

from django.db import connection

from yorisoi.cases.models import Case
from yorisoi.imports import services
from yorisoi.imports.tests.workbooks import messy_workbook


def case_rows_in_statistics() -> set[int]:
    """The row count the planner believes ``cases_case`` has (one figure per index on SQLite)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return set()
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'cases_case'")
            return {int(stat.split()[0]) for (stat,) in cursor.fetchall()}
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'cases_case'")
        return {int(reltuples) for (reltuples,) in cursor.fetchall()}


def test_confirming_an_import_refreshes_the_planners_statistics(upload, actor):
    # given an uploaded workbook, and no statistics about the cases yet
    batch = upload(messy_workbook())
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # creates sqlite_stat1, which may not exist yet
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'cases_case'")
    assert Case.objects.count() not in case_rows_in_statistics()
    # when it is confirmed
    services.batch_confirm(batch=batch, actor=actor)
    # then every index of the case table is described with the new row count
    assert Case.objects.count() == 2
    assert case_rows_in_statistics() == {2}
