"""Run by test_replica.py against a real primary and its streaming standby (not collected otherwise).

Settings see ``DATABASE_URL`` (the primary) and ``DATABASE_REPLICA_URL`` (the standby, alias
"replica"). The tests are transactional: what they write is committed on the primary, so the standby
receives it by replication and by nothing else.
"""

import time
from contextlib import ExitStack

import pytest
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from yorisoi.audit.guard import AccessLogGuardMiddleware, UnloggedPersonData, person_tables
from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Case
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.core.db_router import REPLICA, reads_from_replica
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])

OCTOBER = {"kind": "month", "month": "2026-10"}


@pytest.fixture(autouse=True)
def _a_real_standby():
    if REPLICA not in connections.settings:
        pytest.fail("DATABASE_REPLICA_URL is not set: run through test_replica.py")
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)  # a standby, not the primary under another name


def wait_until_replayed(timeout=10.0):
    """Until the standby has replayed everything the primary has written so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (target,) = cursor.fetchone()
    deadline = time.monotonic() + timeout
    with connections[REPLICA].cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
            assert time.monotonic() < deadline, f"the standby did not replay up to {target}"
            time.sleep(0.05)


def replay(paused: bool):
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()" if paused else "SELECT pg_wal_replay_resume()")


class PersonReads:
    """Which database aliases ran a SELECT on a person table (as the access-log guard counts them)."""

    def __init__(self, tables=None):
        self.tables, self.aliases = tables or person_tables(), set()
        self.stack = ExitStack()

    def __enter__(self):
        for alias in ("default", REPLICA):
            self.stack.enter_context(connections[alias].execute_wrapper(self.watch(alias)))
        return self

    def __exit__(self, *exc):
        self.stack.close()

    def watch(self, alias):
        def wrapper(execute, sql, params, many, context):
            if sql.startswith("SELECT") and any(table in sql for table in self.tables):
                self.aliases.add(alias)
            return execute(sql, params, many, context)

        return wrapper


def contacts(response):
    tables = response.context["tables"]
    tables = tables.values() if isinstance(tables, dict) else tables
    return next(t for t in tables if t.table.key == "contacts").body()


def test_the_report_is_read_from_the_standby_and_logged_on_the_primary(october, staff, client_as):
    manager = staff("chiba", Role.MANAGER)
    http = client_as(manager)
    # given the hand-counted October, written on the primary and replayed by the standby
    wait_until_replayed()
    # when the manager opens October's report
    with PersonReads() as reads:
        response = http.get(reverse("reports:report", args=["chiba"]), OCTOBER)
    # then every person row it counted was read on the standby, and the figures are October's
    assert response.status_code == 200
    assert reads.aliases == {REPLICA}
    assert contacts(response) == [["相談記録", 7, 1], ["問い合わせ（初回の連絡）", 3, 0], ["計", 10, 1]]
    # and the one entry that logs it was written on the primary
    entry = AccessLog.objects.using("default").get(actor=manager)
    assert (entry.action, entry.data["period"]["first"]) == ("report.view", "2026-10-01")
    # and the export is read there too
    with PersonReads() as reads:
        export = http.get(reverse("reports:export_csv", args=["chiba"]), OCTOBER)
    assert export.status_code == 200
    assert reads.aliases == {REPLICA}
    assert "問い合わせ（初回の連絡）,3,0" in export.content.decode("utf-8-sig")
    assert AccessLog.objects.using("default").filter(actor=manager, action="report.export").count() == 1


def test_a_write_the_standby_has_not_replayed_is_in_the_dashboard_and_later_in_the_report(
    chiba, staff, client_as
):
    manager = staff("chiba", Role.MANAGER)
    http = client_as(manager)
    this_month = {"kind": "month", "month": timezone.localdate().strftime("%Y-%m")}
    wait_until_replayed()
    # given the standby has stopped replaying (a lag as long as we like)
    replay(paused=False)
    replay(paused=True)
    try:
        # when a consultant logs an inquiry on the primary
        actor = Actor(user=manager, program=chiba, role=Role.MANAGER)
        make_inquiry(program=chiba, actor=actor, received_at=timezone.now())
        # then the report of this month, read on the standby, does not have it yet
        report = http.get(reverse("reports:report", args=["chiba"]), this_month)
        assert contacts(report)[1][:2] == ["問い合わせ（初回の連絡）", 0]
        # but the manager's "this month so far" panel reads the primary and has it
        with PersonReads() as reads:
            dashboard = http.get(reverse("reports:dashboard"))
        assert reads.aliases == {"default"}
        assert contacts(dashboard)[1][:2] == ["問い合わせ（初回の連絡）", 1]
    finally:
        replay(paused=False)
    # when the standby has caught up, the report has it too
    wait_until_replayed()
    report = http.get(reverse("reports:report", args=["chiba"]), this_month)
    assert contacts(report)[1][:2] == ["問い合わせ（初回の連絡）", 1]


def test_the_guard_refuses_a_page_that_read_persons_on_the_standby_without_an_entry(chiba, chiba_counselor):
    case = make_case(program=chiba, actor=chiba_counselor)
    wait_until_replayed()

    def view(request):
        with reads_from_replica(request):
            return HttpResponse(Case.objects.get(pk=case.pk).label)

    # when a page reads a case on the standby and writes no entry, it is refused
    with pytest.raises(UnloggedPersonData, match='read "cases_case"'):
        AccessLogGuardMiddleware(view)(RequestFactory().get("/staff/somewhere/"))


def test_the_access_log_review_of_the_month_is_read_from_the_standby(chiba, staff, client_as):
    manager = staff("chiba", Role.MANAGER)
    http = client_as(manager)
    # given the manager exported this month's report (one entry, on the primary), replayed
    this_month = {"kind": "month", "month": timezone.localdate().strftime("%Y-%m")}
    assert http.get(reverse("reports:export_csv", args=["chiba"]), this_month).status_code == 200
    wait_until_replayed()
    # when they open the month's review of the access log
    with PersonReads(tables=['"audit_accesslog"']) as reads:
        response = http.get(reverse("audit:review"))
    # then the log was read on the standby, and the export is counted
    assert response.status_code == 200
    assert reads.aliases == {REPLICA}
    [row] = [row for row in response.context["rows"] if row.actor_id == manager.pk]
    assert row.exports == 1
