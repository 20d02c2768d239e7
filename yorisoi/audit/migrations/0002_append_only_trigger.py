"""Refuse UPDATE of access log rows in the database itself, and DELETE on PostgreSQL.

SQLite keeps DELETE open only because Django's test flush empties tables with DELETE; the
application refuses deletes (queryset, model and no admin), and production runs on PostgreSQL.
"""

from django.db import migrations

TABLE = "audit_accesslog"


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            """
            CREATE OR REPLACE FUNCTION audit_accesslog_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'audit_accesslog is append-only';
            END;
            $$ LANGUAGE plpgsql;
            """
        )
        schema_editor.execute(
            f"CREATE TRIGGER audit_accesslog_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION audit_accesslog_append_only();"
        )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON {TABLE} "
            "BEGIN SELECT RAISE(ABORT, 'audit_accesslog is append-only'); END;"
        )


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS audit_accesslog_append_only ON {TABLE};")
        schema_editor.execute("DROP FUNCTION IF EXISTS audit_accesslog_append_only();")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_accesslog_no_update;")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
