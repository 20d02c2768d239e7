"""How each database is copied out and put back: SQLite's online backup API, PostgreSQL's pg_dump.

Both produce a plain dump file plus the manifest of exactly the data in that file: SQLite's from
the finished copy, PostgreSQL's inside the snapshot that pg_dump reads (``--snapshot``).
"""

import os
import sqlite3
import subprocess
import uuid
from contextlib import closing
from pathlib import Path

from django.db import connections
from tqdm import tqdm

from yorisoi.operations.crypto import BackupError
from yorisoi.operations.manifest import table_manifest


def live_settings() -> dict:
    return connections["default"].settings_dict


def vendor() -> str:
    return connections["default"].vendor


# --- SQLite -------------------------------------------------------------------------------------


def _sqlite_copy(source: sqlite3.Connection, target_path: Path, *, progress: bool | None) -> None:
    with closing(sqlite3.connect(target_path)) as target:
        bar = tqdm(desc="コピー", unit="ページ", disable=None if progress is None else not progress)

        def report(status, remaining, total):
            bar.total = total
            bar.n = total - remaining
            bar.refresh()

        source.backup(target, pages=256, progress=report)
        bar.close()


def sqlite_dump(dump_path: Path, *, progress: bool | None = None) -> dict:
    """An online, consistent copy of the live SQLite database (never a file copy of a live file)."""
    with closing(sqlite3.connect(live_settings()["NAME"], timeout=60)) as source:
        _sqlite_copy(source, dump_path, progress=progress)
    with closing(sqlite3.connect(dump_path)) as copy:
        return table_manifest(copy.cursor(), "sqlite", progress=progress)


def sqlite_restore(dump_path: Path, target_path: Path, *, progress: bool | None = None) -> dict:
    """Copy the dump into ``target_path`` (through the backup API, so a live target stays consistent)."""
    with closing(sqlite3.connect(dump_path)) as source:
        _sqlite_copy(source, target_path, progress=progress)
    with closing(sqlite3.connect(target_path)) as restored:
        return table_manifest(restored.cursor(), "sqlite", progress=progress)


def sqlite_integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


# --- PostgreSQL ---------------------------------------------------------------------------------


def _pg_conninfo(settings_dict: dict, dbname: str | None = None) -> dict:
    return {
        "dbname": dbname or settings_dict["NAME"],
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or None,
        "port": str(settings_dict.get("PORT") or "") or None,
    }


def _pg_env(settings_dict: dict) -> dict:
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def _pg_args(settings_dict: dict) -> list[str]:
    args = []
    if settings_dict.get("HOST"):
        args += ["-h", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["-U", settings_dict["USER"]]
    return args


def _run(command: list[str], settings_dict: dict) -> None:
    done = subprocess.run(command, env=_pg_env(settings_dict), capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} が失敗しました: {done.stderr.strip()[-500:]}")


def postgres_dump(dump_path: Path, *, progress: bool | None = None) -> dict:
    """pg_dump (custom format) and the manifest, both reading one exported snapshot."""
    import psycopg

    settings_dict = live_settings()
    with psycopg.connect(**_pg_conninfo(settings_dict)) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(dump_path),
                    *_pg_args(settings_dict),
                    settings_dict["NAME"],
                ],
                settings_dict,
            )
            return table_manifest(cursor, "postgresql", progress=progress)


def postgres_scratch_name() -> str:
    return f"{live_settings()['NAME']}_restore_{uuid.uuid4().hex[:8]}"[:63]


def _pg_admin(statement: str) -> None:
    """Run CREATE/DROP DATABASE from the maintenance database (or the live one if that is closed to us)."""
    import psycopg

    try:
        conn = psycopg.connect(**_pg_conninfo(live_settings(), "postgres"), autocommit=True)
    except psycopg.OperationalError:
        conn = psycopg.connect(**_pg_conninfo(live_settings()), autocommit=True)
    with conn:
        try:
            conn.execute(statement)
        except psycopg.Error as error:  # e.g. the named target exists already
            raise BackupError(f"データベースを準備できません: {error}") from error


def postgres_create(dbname: str) -> None:
    _pg_admin(f'CREATE DATABASE "{dbname}"')


def postgres_drop(dbname: str) -> None:
    _pg_admin(f'DROP DATABASE IF EXISTS "{dbname}"')


def postgres_restore(
    dump_path: Path, dbname: str, *, clean: bool = False, progress: bool | None = None
) -> dict:
    """pg_restore into ``dbname`` in one transaction (all or nothing), then its manifest."""
    import psycopg

    settings_dict = live_settings()
    options = ["--clean", "--if-exists"] if clean else []
    _run(
        [
            "pg_restore",
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            *options,
            *_pg_args(settings_dict),
            "--dbname",
            dbname,
            str(dump_path),
        ],
        settings_dict,
    )
    with psycopg.connect(**_pg_conninfo(settings_dict, dbname)) as conn, conn.cursor() as cursor:
        return table_manifest(cursor, "postgresql", progress=progress)
