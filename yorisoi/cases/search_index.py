"""The substring indexes behind 「人を探す」: trigrams of the search keys (see cases/normalize.py).

One place for them, on both databases:

- SQLite: one FTS5 table per searched model with the ``trigram`` tokenizer (SQLite 3.34 or newer),
  an external-content index of the model's own key columns (``content=`` the model's table, so the
  keys are not stored twice). Triggers on the model's table keep it in step with every write —
  services, ``bulk_create``, imports, anonymisation and raw SQL alike — so no code path can forget.
- PostgreSQL: a ``pg_trgm`` GIN index on each key column; ``LIKE '%…%'`` uses it directly.

``install`` is idempotent. The migration calls it, and so does every ``migrate`` (post_migrate):
when Django rebuilds a table on SQLite for a later schema change (create a copy, drop the old,
rename), the old table's triggers go with it; ``install`` then puts them back and rebuilds the
index from the table, so the search can never drift from the rows.

Trigrams need three characters: shorter queries are answered by the keys' B-tree prefix indexes.
"""

from dataclasses import dataclass

MIN_SUBSTRING = 3  # characters a trigram index can find anywhere in a key


@dataclass(frozen=True)
class Indexed:
    table: str
    columns: tuple[str, ...]

    @property
    def fts(self) -> str:
        return f"{self.table}_search"


INDEXED = {
    "client": Indexed("cases_client", ("name_key", "kana_key", "phone_digits_reversed")),
    "relatedperson": Indexed("cases_relatedperson", ("name_key", "kana_key", "phone_digits_reversed")),
    "inquiry": Indexed("cases_inquiry", ("caller_name_key", "caller_kana_key", "phone_digits_reversed")),
}


def fts_table(model) -> str:
    return INDEXED[model._meta.model_name].fts


def fts_match(column: str, needle: str) -> str:
    """An FTS5 query for ``needle`` anywhere in ``column``: one quoted phrase, never FTS syntax."""
    return f'{column} : "{needle.replace(chr(34), chr(34) * 2)}"'


# --- SQLite ----------------------------------------------------------------------------------------


def _sqlite_triggers(spec: Indexed) -> dict[str, str]:
    cols = ", ".join(spec.columns)
    new = ", ".join(f"new.{c}" for c in spec.columns)
    old = ", ".join(f"old.{c}" for c in spec.columns)
    # Every name below comes from INDEXED, never from input.
    insert = f"INSERT INTO {spec.fts}(rowid, {cols}) VALUES (new.id, {new});"  # nosec B608
    delete = f"INSERT INTO {spec.fts}({spec.fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"  # nosec B608
    return {
        f"{spec.fts}_ai": f"AFTER INSERT ON {spec.table} BEGIN {insert} END",
        f"{spec.fts}_ad": f"AFTER DELETE ON {spec.table} BEGIN {delete} END",
        f"{spec.fts}_au": f"AFTER UPDATE OF {cols} ON {spec.table} BEGIN {delete} {insert} END",
    }


def _sqlite_install(cursor) -> None:
    for spec in INDEXED.values():
        cursor.execute("SELECT name FROM sqlite_master WHERE tbl_name IN (%s, %s)", [spec.table, spec.fts])
        present = {row[0] for row in cursor.fetchall()}
        rebuild = False
        if spec.fts not in present:
            cursor.execute(
                f"CREATE VIRTUAL TABLE {spec.fts} USING fts5({', '.join(spec.columns)},"  # nosec B608
                f" content='{spec.table}', content_rowid='id', tokenize='trigram case_sensitive 1')"
            )
            rebuild = True
        for name, body in _sqlite_triggers(spec).items():
            if name not in present:
                cursor.execute(f"CREATE TRIGGER {name} {body}")
                rebuild = True
        if rebuild:  # the rows written while a trigger was missing (or before the index existed)
            cursor.execute(f"INSERT INTO {spec.fts}({spec.fts}) VALUES ('rebuild')")  # nosec B608


def _sqlite_uninstall(cursor) -> None:
    for spec in INDEXED.values():
        for name in _sqlite_triggers(spec):
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {spec.fts}")


# --- PostgreSQL ------------------------------------------------------------------------------------


def _pg_indexes():
    for spec in INDEXED.values():
        for column in spec.columns:
            yield f"{spec.table}_{column}_trgm"[:63], spec.table, column


def _pg_install(cursor) -> None:
    cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")  # trusted since PostgreSQL 13
    for name, table, column in _pg_indexes():
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")


def _pg_uninstall(cursor) -> None:
    for name, _, _ in _pg_indexes():
        cursor.execute(f"DROP INDEX IF EXISTS {name}")


# --- both ------------------------------------------------------------------------------------------


def install(connection) -> None:
    """Create what is missing (and resynchronise what was rebuilt without it)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _sqlite_install(cursor)
        elif connection.vendor == "postgresql":
            _pg_install(cursor)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _sqlite_uninstall(cursor)
        elif connection.vendor == "postgresql":
            _pg_uninstall(cursor)


def install_after_migrate(sender, using, **kwargs) -> None:
    """post_migrate: put back what a table rebuild dropped, once the cases tables exist."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    recorder = MigrationRecorder(connection)
    # Tables built straight from the models (a test process run without migrations, as the replica
    # test's probe is) have no migration records at all: the index is built with them.
    if not recorder.has_table() or recorder.migration_qs.filter(app="cases", name=MIGRATION).exists():
        install(connection)


MIGRATION = "0008_search_indexes"
