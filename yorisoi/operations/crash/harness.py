"""Start the child, kill it with SIGKILL at a random moment, then check the database.

Checks after every kill:
- every acknowledged write is there (an inquiry, a web request, a registration, a record, a closure);
- no half-written unit anywhere: a case without its registration status change or audit entry, a
  closed case without its closing change or entry, a registered client without a case, a record
  without its case or entry, an inquiry without its entry;
- the database itself is sound (SQLite: PRAGMA integrity_check and foreign_key_check).
"""

import os
import random
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Exists, OuterRef
from django_scopes import scopes_disabled

from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Case, CaseStatus, CaseStatusChange, Client, Inquiry
from yorisoi.consultations.models import ConsultationRecord
from yorisoi.programs.bootstrap import bootstrap_organization
from yorisoi.programs.models import Membership, Program, Role

READY_TIMEOUT = 120  # seconds for the child to start Django on a busy machine


@dataclass
class Figures:
    database: str
    trials: int = 0
    acknowledged: Counter = field(default_factory=Counter)
    killed_mid_unit: int = 0
    lost: list[str] = field(default_factory=list)
    half_written: list[str] = field(default_factory=list)
    integrity: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.half_written or self.integrity)

    def summary(self) -> str:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.acknowledged.items()))
        return (
            f"{self.database}: {self.trials} trials, {sum(self.acknowledged.values())} writes acknowledged "
            f"({kinds}), {self.killed_mid_unit} kills inside a unit, {len(self.lost)} lost, "
            f"{len(self.half_written)} half-written, integrity {self.integrity or 'ok'}"
        )


def prepare() -> None:
    """The programs and the staff member the child acts as (idempotent)."""
    from yorisoi.accounts.models import User

    with scopes_disabled():
        if not Program.objects.filter(slug="chiba").exists():
            bootstrap_organization()
        user, _ = User.objects.get_or_create(username="crash_counselor")
        Membership.objects.get_or_create(
            user=user, program=Program.objects.get(slug="chiba"), defaults={"role": Role.COUNSELOR}
        )


def run_child(trial: int, *, max_delay: float, rng: random.Random) -> tuple[list[str], bool]:
    """One trial: the child's output lines, and whether it was killed inside a unit."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "yorisoi.operations.crash.child",
            str(connection.settings_dict["NAME"]),
            str(trial),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    lines: list[str] = []
    try:
        # The kill comes at a random moment after the child's first acknowledged unit: on a loaded
        # machine a kill timed from READY alone can land before anything was written, and the trial
        # would prove nothing. The units that follow can still be cut at any point.
        deadline = time.monotonic() + READY_TIMEOUT
        while not any(line.startswith("ACK") for line in lines):
            if time.monotonic() > deadline or child.poll() is not None:
                raise RuntimeError(f"crash child {trial} did not start or acknowledged nothing")
            if select.select([child.stdout], [], [], 1)[0]:
                lines.append(child.stdout.readline().decode().rstrip("\n"))
        time.sleep(rng.uniform(0.0, max_delay))
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    lines += [line.decode().rstrip("\n") for line in child.stdout.readlines() if line.endswith(b"\n")]
    child.stdout.close()
    begun = [line for line in lines if line.startswith(("BEGIN", "ACK"))]
    return lines, bool(begun) and begun[-1].startswith("BEGIN")


def lost_acknowledgements(lines: list[str]) -> list[str]:
    lost = []
    for line in lines:
        if not line.startswith("ACK "):
            continue
        _, kind, ident = line.split(" ", 2)
        present = {
            "web": lambda i: Inquiry.objects.filter(caller_name=i, channel="web").exists(),
            "inquiry": lambda i: Inquiry.objects.filter(public_id=i).exists(),
            "register": lambda i: Case.objects.filter(public_id=i, client__isnull=False).exists(),
            "record": lambda i: ConsultationRecord.objects.filter(public_id=i, case__isnull=False).exists(),
            "close": lambda i: Case.objects.filter(public_id=i, status=CaseStatus.CLOSED).exists(),
        }[kind](ident)
        if not present:
            lost.append(line)
    return lost


def _logged(action: str):
    return Exists(AccessLog.objects.filter(action=action, target_id=OuterRef("public_id")))


def half_written_units() -> list[str]:
    """Every unit in the whole database that is missing a part written in the same transaction."""
    found = []
    registered = Exists(CaseStatusChange.objects.filter(case=OuterRef("pk"), to_status=CaseStatus.INITIAL))
    closing = Exists(CaseStatusChange.objects.filter(case=OuterRef("pk"), to_status=CaseStatus.CLOSED))
    checks = {
        "case without its registration change": Case.objects.filter(~registered),
        "case without its registration entry": Case.objects.filter(~_logged("case.register")),
        "closed case without its closing change": Case.objects.filter(status=CaseStatus.CLOSED).filter(
            ~closing
        ),
        "closed case without its closing entry": Case.objects.filter(status=CaseStatus.CLOSED).filter(
            ~_logged("case.closed")
        ),
        "client without a case": Client.objects.filter(cases__isnull=True),
        "record without a case or inquiry": ConsultationRecord.objects.filter(
            case__isnull=True, inquiry__isnull=True
        ),
        "record without its entry": ConsultationRecord.objects.filter(~_logged("record.create")),
        "inquiry without its entry": Inquiry.objects.filter(~_logged("inquiry.create")),
        "registered inquiry without its case": Inquiry.objects.filter(status="registered", case__isnull=True),
    }
    for label, rows in checks.items():
        count = rows.count()
        if count:
            found.append(f"{label}: {count}")
    return found


def integrity_problems() -> list[str]:
    if connection.vendor != "sqlite":
        return []  # PostgreSQL enforces every foreign key and constraint on commit itself
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA integrity_check")
        result = [row[0] for row in cursor.fetchall()]
        cursor.execute("PRAGMA foreign_key_check")
        orphans = cursor.fetchall()
    return ([] if result == ["ok"] else result) + [f"foreign key: {row}" for row in orphans]


def run_trials(trials: int, *, seed: int | None = None, max_delay: float = 1.0, progress=None) -> Figures:
    """Run ``trials`` kill trials against the configured database (which must be a scratch one)."""
    rng = random.Random(seed)
    prepare()
    figures = Figures(database=connection.vendor)
    with scopes_disabled():
        for trial in range(trials):
            lines, mid_unit = run_child(trial, max_delay=max_delay, rng=rng)
            figures.trials += 1
            figures.killed_mid_unit += mid_unit
            figures.acknowledged.update(line.split(" ")[1] for line in lines if line.startswith("ACK "))
            figures.lost += lost_acknowledgements(lines)
            figures.half_written = half_written_units()
            figures.integrity = integrity_problems()
            if progress:
                progress(trial, figures)
            if not figures.ok:
                break
    return figures
