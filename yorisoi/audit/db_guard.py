"""The database's own refusals for the access log: no UPDATE, no DELETE, no back-dated entry.

One definition, applied by the migration and again after every ``migrate`` (``post_migrate``):
altering any field of the table on SQLite rebuilds it and silently drops its triggers, so they
are always re-created, idempotently, afterwards. On PostgreSQL the application's role must also
not own the table (an owner may drop triggers and TRUNCATE): see ``grant_app_role``.
"""

from yorisoi.core.ddl import execute_for_vendor

TABLE = "audit_accesslog"
# How far an entry's time may stand from the database's clock when it is written, in seconds:
# enough for a slow statement, too little to back-date anything.
CLOCK_TOLERANCE_SECONDS = 30

SQLITE_TRIGGERS = {
    "audit_accesslog_no_update": (
        f"CREATE TRIGGER IF NOT EXISTS audit_accesslog_no_update BEFORE UPDATE ON {TABLE} "
        "BEGIN SELECT RAISE(ABORT, 'audit_accesslog is append-only'); END;"
    ),
    "audit_accesslog_no_delete": (
        f"CREATE TRIGGER IF NOT EXISTS audit_accesslog_no_delete BEFORE DELETE ON {TABLE} "
        "BEGIN SELECT RAISE(ABORT, 'audit_accesslog is append-only'); END;"
    ),
    "audit_accesslog_db_time": (
        f"CREATE TRIGGER IF NOT EXISTS audit_accesslog_db_time BEFORE INSERT ON {TABLE} "
        f"WHEN NEW.occurred_at IS NULL OR abs(julianday(NEW.occurred_at) - julianday('now')) * 86400 "
        f"> {CLOCK_TOLERANCE_SECONDS} "
        "BEGIN SELECT RAISE(ABORT, 'audit_accesslog.occurred_at is set by the database'); END;"
    ),
}

POSTGRESQL_SETUP = [
    """
    CREATE OR REPLACE FUNCTION audit_accesslog_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit_accesslog is append-only';
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE OR REPLACE FUNCTION audit_accesslog_db_time() RETURNS trigger AS $$
    BEGIN
        IF NEW.occurred_at IS NULL
           OR abs(extract(epoch FROM NEW.occurred_at - clock_timestamp())) > {CLOCK_TOLERANCE_SECONDS} THEN
            RAISE EXCEPTION 'audit_accesslog.occurred_at is set by the database';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"CREATE OR REPLACE TRIGGER audit_accesslog_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_accesslog_append_only();",
    f"CREATE OR REPLACE TRIGGER audit_accesslog_db_time BEFORE INSERT ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_accesslog_db_time();",
]
POSTGRESQL_TRIGGERS = ("audit_accesslog_append_only", "audit_accesslog_db_time")


def ensure_triggers(connection) -> None:
    """Create every trigger that is missing; safe to run any number of times."""
    execute_for_vendor(connection, {"sqlite": SQLITE_TRIGGERS.values(), "postgresql": POSTGRESQL_SETUP})


def drop_triggers(connection) -> None:
    """For migrations that must rewrite the table (run by the owner), and the test database's flush."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in (*SQLITE_TRIGGERS, "audit_accesslog_no_update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        elif connection.vendor == "postgresql":
            for name in POSTGRESQL_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")


def installed_triggers(connection) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [TABLE]
            )
        return {row[0] for row in cursor.fetchall()}


def installed_table(connection) -> bool:
    return TABLE in connection.introspection.table_names()


def grant_app_role(connection, role: str) -> None:
    """Give PostgreSQL role ``role`` what the running application needs, and no more on the log.

    The owner role (which runs ``migrate``) keeps the tables; the application connects as ``role``:
    it may read and write every table, but on the access log only SELECT and INSERT — no UPDATE,
    DELETE or TRUNCATE, and, not owning the table, it cannot drop or disable its triggers.
    """
    if connection.vendor != "postgresql":
        return
    name = connection.ops.quote_name(role)
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}")
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {name}")
        cursor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {TABLE} FROM PUBLIC, {name}")


def grant_app_role_from_settings(connection) -> None:
    from django.conf import settings

    role = getattr(settings, "YORISOI_DB_APP_ROLE", "")
    if role:
        grant_app_role(connection, role)
