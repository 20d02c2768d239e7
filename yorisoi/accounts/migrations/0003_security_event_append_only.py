"""Refuse UPDATE of security events in the database itself, and DELETE on PostgreSQL
(as the access log does; SQLite keeps DELETE open for the test flush)."""

from django.db import migrations

TABLE = "accounts_securityevent"


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            """
            CREATE OR REPLACE FUNCTION accounts_securityevent_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'accounts_securityevent is append-only';
            END;
            $$ LANGUAGE plpgsql;
            """
        )
        schema_editor.execute(
            f"CREATE TRIGGER accounts_securityevent_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION accounts_securityevent_append_only();"
        )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER accounts_securityevent_no_update BEFORE UPDATE ON {TABLE} "
            "BEGIN SELECT RAISE(ABORT, 'accounts_securityevent is append-only'); END;"
        )


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS accounts_securityevent_append_only ON {TABLE};")
        schema_editor.execute("DROP FUNCTION IF EXISTS accounts_securityevent_append_only();")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS accounts_securityevent_no_update;")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_security")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
