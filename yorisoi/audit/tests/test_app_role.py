"""On PostgreSQL the application's role cannot edit, delete, empty or unguard the access log."""

import os

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from yorisoi.audit.models import AccessLog
from yorisoi.audit.services import audit_record

APP_ROLE = os.environ.get("YORISOI_TEST_APP_ROLE", "yorisoi_app")

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no roles: the triggers guard it (test_chain.py)"
)


@pytest.fixture
def as_app_role(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [APP_ROLE])
        if cursor.fetchone() is None:
            if os.environ.get("CI") == "true":
                pytest.fail(f"role {APP_ROLE} is missing: .ci/run creates it")
            pytest.skip(f"role {APP_ROLE} is missing (.ci/run creates it; see docs/architecture.md)")
    call_command("grant_app_role", APP_ROLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {connection.ops.quote_name(APP_ROLE)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_accesslog SET reason = 'tampered'",
        "DELETE FROM audit_accesslog",
        "TRUNCATE audit_accesslog CASCADE",
        "ALTER TABLE audit_accesslog DISABLE TRIGGER ALL",
        "ALTER TABLE audit_accesslog DISABLE TRIGGER audit_accesslog_append_only",
        "DROP TRIGGER audit_accesslog_append_only ON audit_accesslog",
    ],
)
def test_the_app_role_is_refused(chiba, chiba_manager, as_app_role, sql):
    # given an entry written by the application through its own role
    with transaction.atomic():
        entry = audit_record(actor=chiba_manager, action="case.list", program=chiba)
    # when that role tries to change, empty or unguard the log
    with pytest.raises(DatabaseError) as refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    # then the database refuses, and the entry is as written
    assert "permission denied" in str(refused.value) or "must be owner" in str(refused.value)
    assert list(AccessLog.objects.filter(program=chiba).values_list("pk", "reason")) == [(entry.pk, "")]


def test_the_app_role_still_writes_and_reads_everything_else(chiba, chiba_manager, as_app_role):
    from yorisoi.cases.tests.factories import make_case

    case = make_case(program=chiba, actor=chiba_manager)  # writes person rows and their entries
    assert list(AccessLog.objects.filter(subject_id=case.public_id).values_list("action", flat=True)) == [
        "case.register"
    ]
