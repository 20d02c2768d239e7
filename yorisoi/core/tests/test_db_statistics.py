"""SQLite's planner statistics are refreshed when a connection closes: nobody has to run ANALYZE."""

import sqlite3

from yorisoi.core.sqlite_backend.base import DatabaseWrapper


def test_closing_a_connection_leaves_statistics_for_the_tables_it_queried(tmp_path, django_db_blocker):
    # given a connection of the app's SQLite backend that filled and queried an indexed table
    path = tmp_path / "fresh.sqlite3"
    settings_dict = {
        "NAME": str(path), "ENGINE": "yorisoi.core.sqlite_backend", "OPTIONS": {}, "TIME_ZONE": None,
        "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False, "AUTOCOMMIT": True, "ATOMIC_REQUESTS": False,
        "TEST": {},
    }  # fmt: skip
    wrapper = DatabaseWrapper(settings_dict, "statistics")
    with django_db_blocker.unblock():  # a database of its own, not the test database
        with wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE visit (id integer PRIMARY KEY, person int, held_on text)")
            cursor.execute("CREATE INDEX visit_person ON visit (person)")
            rows = [(i % 50, "x") for i in range(2000)]
            cursor.executemany("INSERT INTO visit (person, held_on) VALUES (%s, %s)", rows)
            cursor.execute("SELECT held_on FROM visit WHERE person = 3")
        # when it closes
        wrapper.close()
    # then sqlite_stat1 describes the index (row count estimated within the analysis limit)
    with sqlite3.connect(path) as raw:
        rows = raw.execute("SELECT tbl, idx FROM sqlite_stat1").fetchall()
    assert rows == [("visit", "visit_person")]
