"""A throwaway PostgreSQL 15 primary and its physical streaming standby on loopback, for one test.

``ReplicaPair.start()`` makes both clusters in a temporary folder (``initdb``; ``pg_basebackup -R``
for the standby, streaming over 127.0.0.1 as a replication role), on free ports, and ``stop()``
removes them. The shared cluster on 5432 is not touched. Run as root, the server programs run as
the ``postgres`` user (PostgreSQL refuses to run as root).

``missing()`` names what this machine lacks to do it, or returns "".
"""

import os
import pwd
import secrets
import shutil
import socket
import subprocess  # nosec B404
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PG_BIN = Path(os.environ.get("YORISOI_PG_BIN", "/usr/lib/postgresql/15/bin"))
PROGRAMS = ("initdb", "pg_ctl", "pg_basebackup", "psql")
APP_ROLE, APP_PASSWORD = "yorisoi", "yorisoi"


def missing() -> str:
    absent = [name for name in PROGRAMS if not (PG_BIN / name).exists()]
    if absent:
        return f"PostgreSQL 15 server programs not found in {PG_BIN}: {', '.join(absent)}"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the servers as"
    return ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ReplicaPair:
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="yorisoi-replica-")))
    primary_port: int = field(default_factory=_free_port)
    standby_port: int = field(default_factory=_free_port)
    replication_password: str = field(default_factory=lambda: secrets.token_hex(16))
    started: list = field(default_factory=list)

    def __post_init__(self):
        while self.standby_port == self.primary_port:
            self.standby_port = _free_port()

    def url(self, port: int, database: str = "yorisoi") -> str:
        return f"postgres://{APP_ROLE}:{APP_PASSWORD}@127.0.0.1:{port}/{database}"

    @property
    def primary_url(self) -> str:
        return self.url(self.primary_port)

    @property
    def standby_url(self) -> str:
        return self.url(self.standby_port)

    def _run(self, *args: str) -> str:
        command = [str(PG_BIN / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)  # nosec B603
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {done.stdout}{done.stderr}")
        return done.stdout

    def _sql(self, port: int, sql: str, database: str = "postgres") -> str:
        return self._run(
            "psql",
            "-h",
            str(self.folder),
            "-p",
            str(port),
            "-U",
            "postgres",
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-tAc",
            sql,
        )

    def _start(self, name: str, port: int) -> None:
        options = (
            f"-p {port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c wal_level=replica -c max_wal_senders=4 -c max_connections=30 -c shared_buffers=32MB"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.folder / name),
            "-l",
            str(self.folder / f"{name}.log"),
            "-w",
            "-t",
            "30",
            "-o",
            options,
            "start",
        )
        self.started.append(name)

    def start(self) -> "ReplicaPair":
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.folder / "primary"),
            "-U",
            "postgres",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        self._start("primary", self.primary_port)
        self._sql(
            self.primary_port,
            (
                f"CREATE ROLE {APP_ROLE} LOGIN CREATEDB PASSWORD '{APP_PASSWORD}';"
                f" CREATE ROLE replicator LOGIN REPLICATION PASSWORD '{self.replication_password}';"
            ),
        )
        self._sql(self.primary_port, f"CREATE DATABASE yorisoi OWNER {APP_ROLE}")
        # The test pauses and resumes the standby's replay (to see lag) as the application role; a
        # database created later (the test database) copies template1's grants.
        self._sql(
            self.primary_port,
            (
                f"GRANT EXECUTE ON FUNCTION pg_wal_replay_pause() TO {APP_ROLE};"
                f" GRANT EXECUTE ON FUNCTION pg_wal_replay_resume() TO {APP_ROLE};"
            ),
            database="template1",
        )
        self._run(
            "pg_basebackup",
            "-D",
            str(self.folder / "standby"),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
            "-d",
            f"host=127.0.0.1 port={self.primary_port} user=replicator password={self.replication_password}",
        )
        self._start("standby", self.standby_port)
        return self

    def standby_streams(self) -> bool:
        """The standby is in recovery and the primary has it as a streaming WAL receiver."""
        in_recovery = self._sql(self.standby_port, "SELECT pg_is_in_recovery()").strip()
        streaming = self._sql(
            self.primary_port, "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"
        )
        return in_recovery == "t" and streaming.strip() == "1"

    def stop(self) -> None:
        """Both servers at once (immediate shutdown: nothing here needs to survive), then the folder."""
        for name in reversed(self.started):
            try:
                self._run("pg_ctl", "-D", str(self.folder / name), "-m", "immediate", "-W", "stop")
            except RuntimeError:
                pass  # already gone; the folder goes anyway
        deadline = time.monotonic() + 30
        while any((self.folder / name / "postmaster.pid").exists() for name in self.started):
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        shutil.rmtree(self.folder, ignore_errors=True)
