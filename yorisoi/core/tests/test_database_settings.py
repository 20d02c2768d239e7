"""The SQLite settings do not depend on how the database file is named."""

import pytest

from config.databases import databases


def test_sqlite_url_keeps_the_default_paths_settings(tmp_path):
    """DATABASE_URL=sqlite:///… gets the default file's engine, IMMEDIATE mode, busy timeout and PRAGMAs."""
    # given
    default = databases({}, data_dir=tmp_path, testing=False)["default"]
    # when
    url = databases({"DATABASE_URL": f"sqlite:///{tmp_path}/other.sqlite3"}, data_dir=tmp_path, testing=False)
    from_url = url["default"]
    # then
    assert from_url["NAME"] == tmp_path / "other.sqlite3"
    assert from_url["TEST"] == {"NAME": str(tmp_path / "test-other.sqlite3")}
    assert from_url["ENGINE"] == default["ENGINE"] == "yorisoi.core.sqlite_backend"
    assert from_url["OPTIONS"] == default["OPTIONS"]
    assert from_url["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert from_url["OPTIONS"]["timeout"] == 20
    assert from_url["OPTIONS"]["init_command"] == (
        "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;PRAGMA busy_timeout=20000;"
    )
    assert set(from_url) == set(default)


def test_sqlite_url_in_tests_uses_the_test_backend_like_the_default_path(tmp_path):
    """Under YORISOI_TESTING both paths use the backend whose flush may empty the access log."""
    default = databases({}, data_dir=tmp_path, testing=True)["default"]
    url = databases({"DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"}, data_dir=tmp_path, testing=True)
    assert url["default"]["ENGINE"] == default["ENGINE"] == "yorisoi.audit.sqlite_test_backend"


def test_default_path_is_the_data_dirs_file_and_creates_the_folder(tmp_path):
    data_dir = tmp_path / "fresh"
    default = databases({}, data_dir=data_dir, testing=False)["default"]
    assert default["NAME"] == data_dir / "yorisoi.sqlite3"
    assert data_dir.is_dir()


def test_postgres_url_keeps_its_own_settings(tmp_path):
    """PostgreSQL gets no SQLite option; its test database is the one named in YORISOI_TEST_DB_NAME."""
    environ = {"DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db", "YORISOI_TEST_DB_NAME": "test_x"}
    settings = databases(environ, data_dir=tmp_path, testing=True)["default"]
    assert settings["ENGINE"] == "django.db.backends.postgresql"
    assert (settings["NAME"], settings["CONN_MAX_AGE"], settings["CONN_HEALTH_CHECKS"]) == ("db", 60, True)
    assert settings["TEST"] == {"NAME": "test_x"}
    assert "transaction_mode" not in settings.get("OPTIONS", {})


def test_postgres_connections_run_without_jit(tmp_path):
    """The JIT compiler costs more than it saves on our statements (0.7 s of a 1 s report query at M)."""
    environ = {
        "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db",
        "DATABASE_REPLICA_URL": "postgres://u:p@127.0.0.2:5432/db",
    }
    found = databases(environ, data_dir=tmp_path, testing=False)
    assert found["default"]["OPTIONS"]["options"] == "-c jit=off"
    assert found["replica"]["OPTIONS"]["options"] == "-c jit=off"


def test_the_connection_in_use_has_jit_off(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no JIT compiler")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
