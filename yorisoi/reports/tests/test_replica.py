"""Reports read from a real PostgreSQL streaming replica (docs/scaling.md).

This test makes its own pair of PostgreSQL 15 clusters on loopback (a primary, and a standby made
with ``pg_basebackup -R`` that streams from it), then runs ``replica_probe.py`` in a fresh pytest
process whose settings point ``DATABASE_URL`` at the primary and ``DATABASE_REPLICA_URL`` at the
standby: the probe writes on the primary, waits for the standby to replay it, and reads the report
through the router. It runs in both passes of the suite: it needs neither pass's database, and
its clusters are its own. Without the server programs it is skipped, except in CI (CI=true),
where that is a failure.
"""

import os
import re
import subprocess  # nosec B404
import sys
from pathlib import Path

import pytest

from yorisoi.core.testing import replica

PROBE = Path(__file__).with_name("replica_probe.py")
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def clusters():
    if reason := replica.missing():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI requires the replica test: {reason}")
        pytest.skip(f"the replica test needs PostgreSQL 15's server programs (CI runs it): {reason}")
    pair = replica.ReplicaPair()
    try:
        yield pair.start()
    finally:
        pair.stop()


def test_reports_are_read_from_a_streaming_standby_of_the_primary(clusters, tmp_path):
    assert clusters.standby_streams()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "TEST_DATABASE_URL", "YORISOI_DB_APP_ROLE", "PYTEST_ADDOPTS"}
    }
    env.update(
        DATABASE_URL=clusters.primary_url,
        DATABASE_REPLICA_URL=clusters.standby_url,
        YORISOI_TEST_DB_NAME="test_yorisoi_replica",
        YORISOI_TESTING="1",
        YORISOI_DATA_DIR=str(tmp_path),
    )
    done = subprocess.run(  # nosec B603
        # The tables are made from the models (no migrations): 5 s instead of 25; the schema the
        # migrations make is what both passes of the suite test.
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nomigrations", str(PROBE)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    report = done.stdout[-4000:] + done.stderr[-2000:]
    assert done.returncode == 0, report
    assert re.search(r"\b4 passed\b", done.stdout) and "skipped" not in done.stdout, report
