"""The database moves a user's ``access_version`` on whenever what their memberships grant changes.

Each session caches its memberships (``programs.middleware``) under the user's ``access_version``,
which arrives with the user row every request anyway. Triggers, not application code, move it on:
a membership inserted, changed or deleted by any path (a service, the admin, a bulk ``update()``,
a test factory) and any change to a program (its cached copy goes stale) reach the next request.

Like the access log's guards, re-created after every ``migrate`` (``post_migrate``): rebuilding a
table on SQLite (altering a field) silently drops its triggers.
"""

from yorisoi.core.ddl import execute_for_vendor

# The statements are literals (no formatting): the same "move the version on" in each.
SQLITE_TRIGGERS = {
    "programs_membership_access_insert": (
        "CREATE TRIGGER IF NOT EXISTS programs_membership_access_insert AFTER INSERT ON programs_membership "
        "BEGIN UPDATE accounts_user SET access_version = access_version + 1 "
        "WHERE id = NEW.user_id; END;"
    ),
    "programs_membership_access_update": (
        "CREATE TRIGGER IF NOT EXISTS programs_membership_access_update AFTER UPDATE ON programs_membership "
        "BEGIN UPDATE accounts_user SET access_version = access_version + 1 "
        "WHERE id IN (OLD.user_id, NEW.user_id); END;"
    ),
    "programs_membership_access_delete": (
        "CREATE TRIGGER IF NOT EXISTS programs_membership_access_delete AFTER DELETE ON programs_membership "
        "BEGIN UPDATE accounts_user SET access_version = access_version + 1 "
        "WHERE id = OLD.user_id; END;"
    ),
    "programs_program_access_update": (
        "CREATE TRIGGER IF NOT EXISTS programs_program_access_update AFTER UPDATE ON programs_program "
        "BEGIN UPDATE accounts_user SET access_version = access_version + 1 "
        "WHERE id IN (SELECT user_id FROM programs_membership WHERE program_id = NEW.id); END;"
    ),
}

POSTGRESQL_SETUP = [
    """
    CREATE OR REPLACE FUNCTION programs_membership_access() RETURNS trigger AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            UPDATE accounts_user SET access_version = access_version + 1 WHERE id = OLD.user_id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            UPDATE accounts_user SET access_version = access_version + 1 WHERE id = NEW.user_id;
        END IF;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE OR REPLACE FUNCTION programs_program_access() RETURNS trigger AS $$
    BEGIN
        UPDATE accounts_user SET access_version = access_version + 1
        WHERE id IN (SELECT user_id FROM programs_membership WHERE program_id = NEW.id);
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql;
    """,
    "CREATE OR REPLACE TRIGGER programs_membership_access AFTER INSERT OR UPDATE OR DELETE "
    "ON programs_membership FOR EACH ROW EXECUTE FUNCTION programs_membership_access();",
    "CREATE OR REPLACE TRIGGER programs_program_access AFTER UPDATE "
    "ON programs_program FOR EACH ROW EXECUTE FUNCTION programs_program_access();",
]


def ensure_triggers(connection) -> None:
    """Create every trigger that is missing; safe to run any number of times."""
    execute_for_vendor(connection, {"sqlite": SQLITE_TRIGGERS.values(), "postgresql": POSTGRESQL_SETUP})


def installed(connection) -> bool:
    tables = connection.introspection.table_names()
    return "programs_membership" in tables and "accounts_user" in tables
