"""Generated history at the three scales of DESIGN §7, written straight into the database.

The services are the only way the application writes, but they are far too slow for millions of
rows (each writes its audit entry in its own transaction), so this module builds the same rows
itself and writes them in batches, chunk of persons by chunk of persons, so memory stays flat at
any scale: ``bulk_create``, or on PostgreSQL ``COPY`` (``sinks.py``) into history tables whose
indexes are built once at the end (``pg_load.py``), optionally from worker processes
(``parallel.py``). Search keys are filled by the application's own ``_client_keys``.

Deterministic: seeded ``random.Random`` and Faker drive every choice, public ids included; the
staff from the seed, each chunk of persons from the seed, its program and its first person; the
same seed and end date give the same rows, in one process or several.

"Records" are consultation records (相談記録, ``ConsultationRecord``): each planned record is one
row there, its creation entry in the access log and ``VIEWS_PER_RECORD`` views of its case (the
access log is what grows fastest in production too). Every kind of row that grows with a case's
history is one method yielding that case's rows as text (``history.py``), listed in
``HISTORY_WRITERS``: a new kind (accompaniment, goals, referrals...) is one more method and one
more line there.
"""

import contextlib
import dataclasses
import datetime
import math
import random
import uuid
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from faker import Faker

from yorisoi.accounts.models import User
from yorisoi.audit import db_guard
from yorisoi.audit.chain import chain_history
from yorisoi.cases.models import (
    Case,
    CaseStatus,
    Client,
    ClosureReason,
)
from yorisoi.programs.bootstrap import bootstrap_organization
from yorisoi.programs.models import Membership, Program, Role

from .history import ACCESS_ROWS, RECORD_ROWS, STATUS_ROWS, Chain, HistoryMixin
from .parallel import run_in_workers
from .people import FAMILY_ONLY_CASE_RATE, CasePlan, PeopleMixin
from .pg_load import indexes_lifted
from .sinks import CopySink, Progress, RowSink, RowSpec


@dataclasses.dataclass(frozen=True)
class Scale:
    name: str
    persons: int
    records: int
    postgresql_only: bool = False


SCALES = {
    "T": Scale("T", persons=100, records=1_000),  # tiny: the smoke test in CI, figures meaningless
    "S": Scale("S", persons=2_000, records=50_000),  # one center over ten years
    "M": Scale("M", persons=50_000, records=1_000_000),  # a prefecture
    "L": Scale("L", persons=1_000_000, records=20_000_000, postgresql_only=True),  # nationwide
}

DEFAULT_SEED = 20160201  # the month the Chiba center opened
YEARS_OF_HISTORY = 10
# The larger program carries most of the history, as Chiba's center (five days a week) does.
PROGRAM_SHARE = {"chiba": 0.8, "urayasu": 0.2}
PERSONS_PER_COUNSELOR = 120  # over ten years, turnover included
PERSONS_PER_CHUNK = 500
CLOSURE_REASONS = [
    ClosureReason.NO_LONGER_NEEDED,
    ClosureReason.NO_LONGER_NEEDED,
    ClosureReason.MOVED,
    ClosureReason.TRANSFERRED,
    ClosureReason.LOST_CONTACT,
]


# --- one person's plan -----------------------------------------------------------------------------


class Generator(PeopleMixin, HistoryMixin):
    def __init__(
        self,
        *,
        scale: Scale,
        seed: int,
        end: datetime.date,
        progress: Progress,
        use_copy: bool = False,
        workers: int = 1,
    ):
        self.scale, self.end, self.progress, self.seed = scale, end, progress, seed
        self.rng = random.Random(seed)
        self.fake = Faker("ja_JP")
        self.fake.seed_instance(seed)
        self.use_copy, self.workers = use_copy, workers
        self.sink = CopySink(progress) if use_copy else RowSink(progress)
        self.chain: dict[int, Chain] = {}  # program id: its hash chain as generated so far
        self.unsealed: list | None = None  # in a worker process: the chunk's access log, left to seal
        self.start = end - datetime.timedelta(days=round(365.25 * YEARS_OF_HISTORY))
        self.records_mean = scale.records / scale.persons

    # helpers ---------------------------------------------------------------------------------------

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def moment(self, day: datetime.date) -> datetime.datetime:
        """A time within office hours on ``day``, in the project's time zone."""
        minutes = self.rng.randint(9 * 60, 17 * 60 - 1)
        return datetime.datetime.combine(
            day, datetime.time(minutes // 60, minutes % 60, self.rng.randint(0, 59)), tzinfo=_tz()
        )

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        span = (last - first).days
        return first + datetime.timedelta(days=int(self.rng.random() * (span + 1))) if span > 0 else first

    def record_count(self) -> int:
        # Log-normal with mean 1: most cases are short, a few have years of weekly contact.
        sigma = 1.0
        factor = self.rng.lognormvariate(-(sigma**2) / 2, sigma)
        return min(int(round(self.records_mean * factor)), int(self.records_mean * 50))

    # staff -----------------------------------------------------------------------------------------

    def create_staff(self, program: Program, persons: int) -> dict[str, list[User]]:
        counselors = max(3, math.ceil(persons / PERSONS_PER_COUNSELOR))
        roles = [(Role.MANAGER, 1), (Role.CLERK, 1), (Role.CITY_OFFICER, 1), (Role.COUNSELOR, counselors)]
        staff: dict[str, list[User]] = {}
        for role, count in roles:
            users = [
                User(
                    username=f"bench_{program.slug}_{role}_{i:04d}",
                    display_name=f"{self.fake.last_name()} {self.fake.first_name()}（{Role(role).label}）",
                    password="!",  # unusable: the benchmark logs in with force_login
                )
                for i in range(1, count + 1)
            ]
            staff[role] = self.sink.write_now(User, users)
            self.sink.write_now(
                Membership, [Membership(user=u, program=program, role=role) for u in staff[role]]
            )
        return staff

    # the plan of one case --------------------------------------------------------------------------

    def plan_case(self, program: Program, number: int, registered_on: datetime.date, staff) -> CasePlan:
        statuses = [(CaseStatus.INTAKE, CaseStatus.INITIAL, registered_on, "")]
        status, on = CaseStatus.INITIAL, registered_on
        if self.rng.random() < 0.85 and (self.end - on).days > 14:
            on = min(on + datetime.timedelta(days=self.rng.randint(7, 60)), self.end)
            statuses.append((status, CaseStatus.CONTINUING, on, ""))
            status = CaseStatus.CONTINUING
        for _round in range(3):
            # The older the case, the likelier it has been closed by now.
            if self.rng.random() >= min(0.85, (self.end - registered_on).days / 1500):
                break
            closed = on + datetime.timedelta(days=self.rng.randint(30, 700))
            if closed > self.end:
                break
            statuses.append((status, CaseStatus.CLOSED, closed, self.rng.choice(CLOSURE_REASONS)))
            status, on = CaseStatus.CLOSED, closed
            if self.rng.random() >= 0.15:
                break
            reopened = on + datetime.timedelta(days=self.rng.randint(30, 900))
            if reopened > self.end:
                break
            statuses.append((status, CaseStatus.REOPENED, reopened, ""))
            status, on = CaseStatus.REOPENED, reopened
            if self.rng.random() < 0.7:
                on = min(on + datetime.timedelta(days=self.rng.randint(7, 60)), self.end)
                statuses.append((status, CaseStatus.CONTINUING, on, ""))
                status = CaseStatus.CONTINUING
        counselors = staff[Role.COUNSELOR]
        return CasePlan(
            program=program,
            number=number,
            registered_on=registered_on,
            end=on if status == CaseStatus.CLOSED else self.end,
            records=self.record_count(),
            statuses=statuses,
            primary_staff_id=self.rng.choice(counselors).pk,
            secondary_staff_id=self.rng.choice(counselors).pk if self.rng.random() < 0.3 else None,
        )

    # rows of one chunk of cases --------------------------------------------------------------------

    # the whole run ---------------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        # Years of generated history carry their own (past) times: lift the log's guards while
        # writing it, then number and seal it into each program's chain and put them back.
        db_guard.drop_triggers(connection)
        lifted = [spec.model for spec, _writer in HISTORY_WRITERS] if self.use_copy else []
        try:
            with indexes_lifted(lifted, self.scale.name) if lifted else contextlib.nullcontext():
                return self._run()
        finally:
            with scopes_disabled():
                for program in Program.objects.all():
                    chain_history(program.pk)
            db_guard.ensure_triggers(connection)

    def _run(self) -> dict[str, int]:
        with scopes_disabled():
            bootstrap_organization()
            programs = {p.slug: p for p in Program.objects.all()}
            persons = {slug: round(self.scale.persons * share) for slug, share in PROGRAM_SHARE.items()}
            staff = {slug: self.create_staff(programs[slug], n) for slug, n in persons.items()}
            chunks = [
                (slug, first, min(first + PERSONS_PER_CHUNK, n), n)
                for slug, n in persons.items()
                for first in range(0, n, PERSONS_PER_CHUNK)
            ]
            self.progress.start(sum(persons.values()))
            if self.workers > 1:
                run_in_workers(self, programs, staff, chunks)
            else:
                for slug, first, stop, n in chunks:
                    with transaction.atomic():
                        self.write_chunk(programs[slug], staff[slug], first, stop, n)
                    self.progress.persons_done(stop - first)
            self.sink.flush()
            self.set_chain_heads()
        self.progress.report(final=True)
        return dict(self.progress.counts)

    def write_chunk(self, program: Program, staff, first: int, stop: int, persons: int) -> None:
        """Persons ``first`` to ``stop`` of ``program``: random draws of their own, so the rows do not
        depend on which process writes them or in what order."""
        self.rng = random.Random(f"{self.seed}:{program.slug}:{first}")
        self.fake.seed_instance(self.rng.getrandbits(64))
        span = (self.end - self.start).days
        plans = [
            self.plan_case(program, i + 1, self.start + datetime.timedelta(days=i * span // persons), staff)
            for i in range(first, stop)
        ]
        family_names = {}
        for plan in plans:
            if self.rng.random() >= FAMILY_ONLY_CASE_RATE:
                plan.client = self.build_client(plan)
                family_names[plan.number] = plan.client.family_name
        with_client = [p for p in plans if p.client is not None]
        for plan, client in zip(
            with_client, self.sink.write_now(Client, [p.client for p in with_client]), strict=True
        ):
            plan.client = client
        cases = self.sink.write_now(Case, [self.build_case(p) for p in plans])
        for plan, case in zip(plans, cases, strict=True):
            plan.case = case
            plan.inquiry = self.build_inquiry(plan)
            plan.related = self.build_related(plan, family_names.get(plan.number) or self.fake.last_name())
            plan.consents = self.build_consents(plan)
        self.sink.add_all(p.inquiry for p in plans)
        self.sink.add_all(
            self.extra_inquiries(program, len(plans), plans[0].registered_on, plans[-1].registered_on)
        )
        self.sink.add_all(row for p in plans for row in p.related)
        self.sink.add_all(row for p in plans for row in p.consents)
        for spec, writer in HISTORY_WRITERS:
            rows = (row for p in plans for row in writer(self, p))
            if spec is ACCESS_ROWS and self.unsealed is not None:
                self.unsealed.extend(rows)  # a worker: the parent holds the chain and seals
                continue
            if spec is ACCESS_ROWS:
                rows = map(self.chain_of(program.pk).seal, rows)
            self.sink.add_rows(spec, rows)
        self.sink.flush()


# Every kind of row that grows with a case's history, one function each (see the module docstring).
# The access log comes last: it logs the rows the writers before it built, and its rows are
# links of the program's hash chain, sealed in order (``Chain.seal``).
HISTORY_WRITERS: list[tuple[RowSpec, Callable[[Generator, CasePlan], Iterable[tuple[str, ...]]]]] = [
    (STATUS_ROWS, Generator.status_history),
    (RECORD_ROWS, Generator.consultation_records),
    (ACCESS_ROWS, Generator.access_history),
]


def generate(
    *,
    scale: Scale,
    seed: int = DEFAULT_SEED,
    end: datetime.date | None = None,
    use_copy: bool | None = None,
    workers: int = 1,
) -> dict[str, int]:
    """Write the organization, its staff and ``scale``'s history; return rows written per model.

    ``use_copy``: write with PostgreSQL's COPY (default: on PostgreSQL from scale M up).
    ``workers``: with COPY, processes generating chunks of persons side by side, each with its own
    connection (they commit as they go: not inside a test's transaction); 1 generates in-process.
    """
    if scale.postgresql_only and connection.vendor != "postgresql":
        raise SystemExit(f"scale {scale.name} is generated on PostgreSQL only (pass --db-url)")
    progress = Progress(scale.name)
    if use_copy is None:  # COPY where it pays: PostgreSQL from M up (S keeps the bulk_create path)
        use_copy = connection.vendor == "postgresql" and scale.persons >= SCALES["M"].persons
    if use_copy and connection.vendor != "postgresql":
        raise SystemExit("COPY is PostgreSQL's: drop --copy on SQLite")
    if use_copy and workers > 1 and connection.in_atomic_block:
        raise SystemExit("worker processes cannot see an open transaction: generate with workers=1")
    generator = Generator(
        scale=scale,
        seed=seed,
        end=end or timezone.localdate(),
        progress=progress,
        use_copy=use_copy,
        workers=workers if use_copy else 1,
    )
    return generator.run()


def _tz():
    return timezone.get_default_timezone()


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
