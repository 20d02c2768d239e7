"""DATABASES from the environment: one builder for SQLite, whichever way its file is named.

``DATABASE_URL=sqlite:///path`` and the default file in ``YORISOI_DATA_DIR`` get the same engine,
transaction mode, busy timeout and PRAGMAs: only the file's path comes from the URL.
"""

from pathlib import Path

import dj_database_url

SQLITE_ENGINE = "yorisoi.core.sqlite_backend"
# Lets the test runner's flush empty the append-only access log (see its docstring).
SQLITE_TEST_ENGINE = "yorisoi.audit.sqlite_test_backend"


def sqlite_database(path: Path, *, testing: bool) -> dict:
    """The settings of the SQLite database in file ``path``."""
    return {
        "ENGINE": SQLITE_TEST_ENGINE if testing else SQLITE_ENGINE,
        "NAME": path,
        "OPTIONS": {
            # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the busy
            # timeout instead of one failing with "database is locked" mid-transaction.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
        # A file, not Django's shared in-memory database: the browser tests' live server answers
        # several requests at once (htmx panels), and each thread needs its own connection.
        "TEST": {"NAME": str(path.with_name(f"test-{path.name}"))},
    }


def databases(environ, *, data_dir: Path, testing: bool) -> dict:
    """``DATABASES`` for ``environ``: ``DATABASE_URL`` if set, else the SQLite file in ``data_dir``."""
    url = environ.get("DATABASE_URL")
    if not url:
        data_dir.mkdir(parents=True, exist_ok=True)  # a fresh clone has no data folder yet
        return {"default": sqlite_database(data_dir / "yorisoi.sqlite3", testing=testing)}
    # Health checks: a connection the server dropped (restart, pg_terminate_backend) is replaced, not reused.
    parsed = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if parsed["ENGINE"] == "django.db.backends.sqlite3":
        return {"default": sqlite_database(Path(parsed["NAME"]), testing=testing)}
    without_jit(parsed)
    parsed.setdefault("TEST", {})["NAME"] = environ.get("YORISOI_TEST_DB_NAME")
    found = {"default": parsed}
    if environ.get("DATABASE_REPLICA_URL"):
        found["replica"] = replica_database(environ["DATABASE_REPLICA_URL"])
    return found


def replica_database(url: str) -> dict:
    """A physical streaming replica of the PostgreSQL primary (docs/scaling.md). In tests the alias
    points at the test database's name on the replica's server (MIRROR): it is never created there."""
    replica = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    without_jit(replica)
    replica["TEST"] = {"MIRROR": "default"}
    return replica


def without_jit(settings: dict) -> None:
    """PostgreSQL without its JIT compiler. Our statements are short and many; the report's subject
    query crosses the JIT cost threshold at a prefecture's scale and then spends 0.7 s of its 1 s
    compiling (bench, scale M). Behind PgBouncer, which refuses startup options, set it on the server
    instead: ``ALTER DATABASE yorisoi SET jit = off`` (docs/scaling.md)."""
    options = settings.setdefault("OPTIONS", {})
    options["options"] = " ".join(filter(None, [options.get("options", ""), "-c jit=off"]))
