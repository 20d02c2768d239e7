"""Per-table row counts and checksums, computed the same way on the source and on a restore.

Rows are read in primary-key order through a plain DB-API cursor (sqlite3 or psycopg), so the
same function can read a backup copy, a snapshot transaction, or a scratch database.
"""

import hashlib

from tqdm import tqdm


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_tables(cursor) -> list[tuple[str, list[str]]]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    tables = []
    for (name,) in cursor.fetchall():
        cursor.execute(f"PRAGMA table_info({_quote(name)})")
        keys = [row[1] for row in sorted(cursor.fetchall(), key=lambda r: r[5]) if row[5] > 0]
        tables.append((name, keys or ["rowid"]))
    return tables


def postgres_tables(cursor) -> list[tuple[str, list[str]]]:
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname"
    )
    names = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
        "WHERE i.indisprimary AND n.nspname = current_schema() ORDER BY c.relname, k.ord"
    )
    keys: dict[str, list[str]] = {}
    for table, column in cursor.fetchall():
        keys.setdefault(table, []).append(column)
    return [(name, keys.get(name) or ["ctid"]) for name in names]


def table_manifest(cursor, vendor: str, *, progress: bool | None = None) -> dict[str, dict]:
    """``{table: {"rows": n, "sha256": hex}}`` for every table of the database behind ``cursor``.

    On PostgreSQL each row is hashed as its text form (``ROW(t.*)::text``), on SQLite as the
    ``repr`` of its values; both are stable for the same data on the same engine.
    """
    tables = postgres_tables(cursor) if vendor == "postgresql" else sqlite_tables(cursor)
    result = {}
    for name, keys in tqdm(
        tables, desc="チェックサム", unit="表", disable=None if progress is None else not progress
    ):
        order = ", ".join(_quote(k) if k not in ("rowid", "ctid") else k for k in keys)
        select = "ROW(t.*)::text" if vendor == "postgresql" else "t.*"
        cursor.execute(f"SELECT {select} FROM {_quote(name)} AS t ORDER BY {order}")
        digest, rows = hashlib.sha256(), 0
        while batch := cursor.fetchmany(2000):
            for row in batch:
                digest.update(repr(tuple(row)).encode())
                digest.update(b"\n")
            rows += len(batch)
        result[name] = {"rows": rows, "sha256": digest.hexdigest()}
    return result


def manifest_differences(expected: dict[str, dict], actual: dict[str, dict]) -> list[str]:
    """Human-readable differences between two manifests' tables; empty when they agree."""
    problems = []
    for name in sorted(set(expected) | set(actual)):
        want, got = expected.get(name), actual.get(name)
        if want is None:
            problems.append(f"{name}: バックアップにない表が復元先にあります")
        elif got is None:
            problems.append(f"{name}: 復元先に表がありません")
        elif want["rows"] != got["rows"]:
            problems.append(
                f"{name}: 行数が違います（バックアップ {want['rows']} 行、復元先 {got['rows']} 行）"
            )
        elif want["sha256"] != got["sha256"]:
            problems.append(f"{name}: 行数は同じですが内容が違います（チェックサム不一致）")
    return problems
