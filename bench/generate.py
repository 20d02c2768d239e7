"""Generated history at the three scales of DESIGN §7, written straight into the database.

The services are the only way the application writes, but they are far too slow for millions of
rows (each writes its audit entry in its own transaction), so this module builds the same rows
itself and writes them with ``bulk_create`` in batches, chunk of persons by chunk of persons, so
memory stays flat at any scale. Search keys are filled by the application's own ``_client_keys``.

Deterministic: one seeded ``random.Random`` and one seeded Faker drive every choice, public ids
included, in a fixed order; the same seed and end date give the same rows.

"Records" are consultation records (相談記録, ``ConsultationRecord``): each planned record is one
row there, its creation entry in the access log and ``VIEWS_PER_RECORD`` views of its case (the
access log is what grows fastest in production too). Every kind of row that grows with a case's
history is one method yielding that case's rows, listed in ``HISTORY_WRITERS``: a new kind
(accompaniment, goals, referrals...) is one more method and one more line there.
"""

import contextlib
import dataclasses
import datetime
import math
import random
import uuid
from collections.abc import Callable, Iterable, Iterator

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django_scopes import scopes_disabled
from faker import Faker

from yorisoi.accounts.models import User
from yorisoi.audit import db_guard
from yorisoi.audit.chain import chain_history
from yorisoi.cases import services as case_services
from yorisoi.cases.models import (
    AgeBand,
    CallerType,
    Case,
    CaseStatus,
    Channel,
    Client,
    ClosureReason,
    Consent,
    ConsentGivenBy,
    ConsentMethod,
    FamilyRelation,
    Gender,
    Inquiry,
    InquiryStatus,
    RelatedPerson,
)
from yorisoi.cases.normalize import phone_digits
from yorisoi.programs.bootstrap import bootstrap_organization
from yorisoi.programs.models import Membership, Program, Role

from .history import ACCESS_ROWS, RECORD_ROWS, STATUS_ROWS, Chain, HistoryMixin
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
FAMILY_ONLY_CASE_RATE = 0.08  # the person is unnamed and unmet: only the family consults
EXTRA_INQUIRY_RATE = 0.3  # inquiries that never became a case
URGENT_INQUIRY_RATE = 0.04
CONCERNS = [
    "仕事を辞めてから2年ほど自室で過ごしている。何から始めたらよいかわからない。",
    "息子が家族とも話さなくなった。どこに相談したらいいかわからない。",
    "働きたい気持ちはあるが、人と関わるのが苦手で外に出られない。",
    "将来を考えると不安になるが、家族や友人には相談できない。",
    "娘が高校を中退してから家にいる。本人は相談を知らない。",
    "親が高齢になり、このままでいいのか心配（8050）。",
]
WISHES = [
    "少しずつ外に出られるようになりたい",
    "同じ立場の人と話してみたい",
    "まずは生活のリズムを整えたい",
    "",
]
CONTACT_PREFERENCES = [
    "",
    "",
    "電話には出られません。メールでお願いします。",
    "家族が相談していることを本人は知りません",
]
CLOSURE_REASONS = [
    ClosureReason.NO_LONGER_NEEDED,
    ClosureReason.NO_LONGER_NEEDED,
    ClosureReason.MOVED,
    ClosureReason.TRANSFERRED,
    ClosureReason.LOST_CONTACT,
]


# --- one person's plan -----------------------------------------------------------------------------


@dataclasses.dataclass
class CasePlan:
    """Every random decision about one case, taken before any of its rows is built."""

    program: Program
    number: int
    registered_on: datetime.date
    end: datetime.date  # the last day of its history: closed_on, or the generator's end date
    records: int
    statuses: list[tuple[str, str, datetime.date, str]]  # (from, to, on, reason)
    primary_staff_id: int
    secondary_staff_id: int | None
    client: Client | None = None
    case: Case | None = None
    inquiry: Inquiry | None = None
    related: list[RelatedPerson] = dataclasses.field(default_factory=list)
    consents: list[Consent] = dataclasses.field(default_factory=list)
    # (public id, day, author) of each consultation record, for the access log
    record_rows: list[tuple[str, datetime.date, str]] = dataclasses.field(default_factory=list)


class Generator(HistoryMixin):
    def __init__(
        self, *, scale: Scale, seed: int, end: datetime.date, progress: Progress, use_copy: bool = False
    ):
        self.scale, self.end, self.progress = scale, end, progress
        self.rng = random.Random(seed)
        self.fake = Faker("ja_JP")
        self.fake.seed_instance(seed)
        self.use_copy = use_copy
        self.sink = CopySink(progress) if use_copy else RowSink(progress)
        self.chain: dict[int, Chain] = {}  # program id: its hash chain as generated so far
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
        return first + datetime.timedelta(days=self.rng.randint(0, span)) if span > 0 else first

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

    def build_client(self, plan: CasePlan) -> Client:
        male = self.rng.random() < 0.6
        age = self.rng.randint(15, 64)
        family_name, family_kana, _ = self.fake.last_name_pair()
        given_name, given_kana, _ = (
            self.fake.first_name_male_pair() if male else self.fake.first_name_female_pair()
        )
        client = Client(
            program=plan.program,
            public_id=self.uuid(),
            family_name=family_name,
            given_name=given_name,
            family_name_kana=family_kana,
            given_name_kana=given_kana,
            birth_date=plan.registered_on - datetime.timedelta(days=age * 365 + self.rng.randint(0, 364)),
            gender=Gender.MALE if male else Gender.FEMALE,
            residence_city=plan.program.service_city,
            phone=self.fake.phone_number() if self.rng.random() < 0.6 else "",
            contact_preferences=self.rng.choice(CONTACT_PREFERENCES),
        )
        case_services._client_keys(client)  # the application's own search keys, whatever they become
        return client

    def build_case(self, plan: CasePlan) -> Case:
        last_from, last_to, last_on, last_reason = plan.statuses[-1]
        closed = last_to == CaseStatus.CLOSED
        return Case(
            program=plan.program,
            public_id=self.uuid(),
            number=plan.number,
            client=plan.client,
            status=last_to,
            registered_on=plan.registered_on,
            primary_staff_id=plan.primary_staff_id,
            secondary_staff_id=plan.secondary_staff_id,
            current_situation="日中はほとんど自室で過ごしている。家族とは必要なことだけ話す。",
            main_concerns=self.rng.choice(CONCERNS),
            wishes=self.rng.choice(WISHES),
            withdrawal_since=plan.registered_on - datetime.timedelta(days=self.rng.randint(200, 4000)),
            last_contact_on=last_on
            if closed
            else self.day_between(max(last_on, plan.end - _days(90)), plan.end),
            closed_on=last_on if closed else None,
            closure_reason=last_reason if closed else "",
            version=len(plan.statuses),
        )

    def build_inquiry(self, plan: CasePlan) -> Inquiry:
        received = plan.registered_on - datetime.timedelta(days=self.rng.randint(3, 20))
        caller = self.rng.choices([CallerType.FAMILY, CallerType.SELF, CallerType.AGENCY], [6, 2, 1])[0]
        return self.inquiry(
            plan.program, received, caller, status=InquiryStatus.REGISTERED, case=plan.case, urgent_taken=True
        )

    def inquiry(self, program, day, caller, *, status, case=None, urgent_taken=True) -> Inquiry:
        age = self.rng.randint(15, 64)
        received_at = self.moment(day)
        urgent = self.rng.random() < URGENT_INQUIRY_RATE
        return Inquiry(
            program=program,
            public_id=self.uuid(),
            received_at=received_at,
            channel=self.rng.choices(
                [Channel.PHONE, Channel.WALK_IN, Channel.WEB, Channel.EMAIL], [7, 2, 2, 1]
            )[0],
            caller_type=caller,
            family_relation=self.rng.choice([FamilyRelation.MOTHER, FamilyRelation.FATHER])
            if caller == CallerType.FAMILY
            else "",
            agency_name="保健福祉センター" if caller == CallerType.AGENCY else "",
            caller_name="" if caller == CallerType.ANONYMOUS else self.fake.name(),
            contact_phone="" if caller == CallerType.ANONYMOUS else self.fake.phone_number(),
            person_age=age,
            person_age_band=_age_band(age),
            person_gender=self.rng.choice([Gender.MALE, Gender.FEMALE, Gender.UNKNOWN]),
            residence_city=program.service_city,
            concern=self.rng.choice(CONCERNS),
            is_urgent=urgent,
            status=status,
            taken_at=received_at + datetime.timedelta(minutes=self.rng.randint(5, 120))
            if urgent and urgent_taken
            else None,
            case=case,
        )

    def build_related(self, plan: CasePlan, family_name: str) -> list[RelatedPerson]:
        people = []
        for relation in [FamilyRelation.MOTHER] + (
            [FamilyRelation.FATHER] if self.rng.random() < 0.3 else []
        ):
            first, first_kana, _ = self.fake.first_name_female_pair()
            phone = self.fake.phone_number() if self.rng.random() < 0.5 else ""
            person = RelatedPerson(
                program=plan.program,
                public_id=self.uuid(),
                case=plan.case,
                relation=relation,
                name=f"{family_name} {first}".strip(),
                name_kana=first_kana,
                phone=phone,
                consults=True,
            )
            _set_fields(
                person, phone_digits=phone_digits(phone), phone_digits_reversed=phone_digits(phone)[::-1]
            )
            people.append(person)
        return people

    def build_consents(self, plan: CasePlan) -> list[Consent]:
        consent = Consent(
            program=plan.program,
            public_id=self.uuid(),
            case=plan.case,
            given_by=self.rng.choice([ConsentGivenBy.FAMILY, ConsentGivenBy.SELF]),
            given_on=plan.registered_on,
            method=ConsentMethod.WRITTEN,
            explained="個人情報の取り扱い、記録の保管、連携先との情報共有について説明した。",
            shares_with="保健福祉センター" if plan.program.slug == "chiba" else "市役所内関係課",
            sensitive_info_recording=self.rng.random() < 0.5,
            recorded_by_id=plan.primary_staff_id,
        )
        return [consent]

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
            self.progress.start(sum(round(self.scale.persons * share) for share in PROGRAM_SHARE.values()))
            for slug, share in PROGRAM_SHARE.items():
                program = programs[slug]
                persons = round(self.scale.persons * share)
                staff = self.create_staff(program, persons)
                for first in range(0, persons, PERSONS_PER_CHUNK):
                    with transaction.atomic():
                        self.write_chunk(
                            program, staff, first, min(first + PERSONS_PER_CHUNK, persons), persons
                        )
                    self.progress.persons_done(min(PERSONS_PER_CHUNK, persons - first))
            self.sink.flush()
            self.set_chain_heads()
        self.progress.report(final=True)
        return dict(self.progress.counts)

    def write_chunk(self, program: Program, staff, first: int, stop: int, persons: int) -> None:
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
            self.sink.add_rows(spec, (row for p in plans for row in writer(self, p)))
        self.sink.flush()

    def extra_inquiries(self, program, count, first, last) -> Iterator[Inquiry]:
        """Inquiries that never became a case; the newest are still waiting, a few of them urgent."""
        for _i in range(round(count * EXTRA_INQUIRY_RATE)):
            day = self.day_between(first, last)
            recent = (self.end - day).days < 14
            caller = self.rng.choices(
                [CallerType.FAMILY, CallerType.SELF, CallerType.AGENCY, CallerType.ANONYMOUS], [6, 2, 1, 1]
            )[0]
            status = (
                InquiryStatus.NEW
                if recent
                else self.rng.choice([InquiryStatus.REFERRED, InquiryStatus.NO_FURTHER_CONTACT])
            )
            yield self.inquiry(program, day, caller, status=status, urgent_taken=not recent)


# Every kind of row that grows with a case's history, one function each (see the module docstring).
# The access log comes last: it logs the rows the writers before it built.
HISTORY_WRITERS: list[tuple[RowSpec, Callable[[Generator, CasePlan], Iterable[tuple[str, ...]]]]] = [
    (STATUS_ROWS, Generator.status_history),
    (RECORD_ROWS, Generator.consultation_records),
    (ACCESS_ROWS, Generator.access_history),
]


def generate(
    *, scale: Scale, seed: int = DEFAULT_SEED, end: datetime.date | None = None, use_copy: bool | None = None
) -> dict[str, int]:
    """Write the organization, its staff and ``scale``'s history; return rows written per model.

    ``use_copy``: write with PostgreSQL's COPY (default: on PostgreSQL from scale M up).
    """
    if scale.postgresql_only and connection.vendor != "postgresql":
        raise SystemExit(f"scale {scale.name} is generated on PostgreSQL only (pass --db-url)")
    progress = Progress(scale.name)
    if use_copy is None:  # COPY where it pays: PostgreSQL from M up (S keeps the bulk_create path)
        use_copy = connection.vendor == "postgresql" and scale.persons >= SCALES["M"].persons
    if use_copy and connection.vendor != "postgresql":
        raise SystemExit("COPY is PostgreSQL's: drop --copy on SQLite")
    generator = Generator(
        scale=scale, seed=seed, end=end or timezone.localdate(), progress=progress, use_copy=use_copy
    )
    return generator.run()


def _tz():
    return timezone.get_default_timezone()


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _set_fields(row: Model, **values) -> None:
    """Set the derived fields this version of the model has (the schema is still growing)."""
    names = {f.name for f in row._meta.concrete_fields}
    for name, value in values.items():
        if name in names:
            setattr(row, name, value)


def _age_band(age: int) -> str:
    if age < 15:
        return AgeBand.UNDER_15
    if age < 20:
        return AgeBand.FROM_15
    if age >= 60:
        return AgeBand.FROM_60
    return f"{age // 10 * 10}_{age // 10 * 10 + 9}"
