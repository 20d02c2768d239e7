"""The rows that grow with a case's history, built as plain text tuples (see ``sinks.RowSpec``).

At scale L these are ≈ 90 M of the ≈ 95 M rows, so each row costs a handful of random draws and
string joins, no model instance. The access log is sealed into its program's hash chain while it
is generated, exactly as ``yorisoi.audit.chain.seal`` seals it (its canonical JSON built from a
template, the HMAC from a keyed object copied per entry); the first link of every run is checked
against ``seal`` itself, so the template cannot drift from the chain's definition unnoticed.
"""

import datetime
import hashlib
import hmac
import json
from collections.abc import Iterator
from functools import lru_cache

from django.utils import timezone

from yorisoi.audit.chain import GENESIS, HASHED_FIELDS, chain_key, seal
from yorisoi.audit.models import AccessKind, AccessLog, AccessLogChainHead
from yorisoi.cases.models import CaseStatusChange
from yorisoi.consultations.models import ConsultationMode, ConsultationRecord

from .sinks import RowSpec

VIEWS_PER_RECORD = 2  # each consultation record brings views of its case
RECORD_MODES = [
    (ConsultationMode.PHONE, 40),
    (ConsultationMode.CENTER_VISIT, 20),
    (ConsultationMode.HOME_VISIT, 10),
    (ConsultationMode.HEALTH_CENTER, 5),
    (ConsultationMode.CITY_HALL, 5),
    (ConsultationMode.MAIL, 10),
    (ConsultationMode.ACCOMPANIMENT, 7),
    (ConsultationMode.CASE_MEETING, 3),
]
RECORD_SUMMARIES = [
    "母親から電話。本人の昼夜逆転が続いている。",
    "本人と面談。好きなゲームの話を少しできた。",
    "自宅訪問。本人は部屋から出てこなかったが、ドア越しにあいさつした。",
    "居場所の見学に同行。30分ほど滞在できた。",
    "ハローワークへ同行。次回の予約を本人がした。",
    "家族相談。父親との関わり方について話し合った。",
]
# Office hours of the generated moments: 9:00 to 16:59:59, local time.
OPENS = datetime.time(9)
OFFICE_SECONDS = 8 * 3600
DURATIONS = (15, 30, 45, 60, 90)
IP_ADDRESSES = [f"10.0.{a}.{b}" for a in range(4) for b in range(2, 251)]

STATUS_ROWS = RowSpec(
    CaseStatusChange,
    ("program_id", "case_id", "from_status", "to_status", "changed_on", "reason", "actor_id"),
)
RECORD_ROWS = RowSpec(
    ConsultationRecord,
    (
        "program_id", "public_id", "case_id", "held_on", "starts_at", "ends_at", "duration_minutes",
        "mode", "client_present", "staff_id", "summary", "author_id",
    ),
)  # fmt: skip
ACCESS_ROWS = RowSpec(
    AccessLog,
    (
        "occurred_at", "program_id", "actor_id", "kind", "action", "target_type", "target_id",
        "subject_id", "subject_label", "ip_address", "seq", "prev_hash", "entry_hash",
    ),
    free_text=("subject_label",),
)  # fmt: skip
# The template below writes the hashed fields in this (sorted) order, as ``seal``'s JSON does.
_PAYLOAD_ORDER = (
    "action", "actor_id", "data", "ip_address", "kind", "occurred_at", "prev_hash", "program_id",
    "reason", "seq", "subject_id", "subject_label", "target_id", "target_type",
)  # fmt: skip
assert _PAYLOAD_ORDER == tuple(sorted(HASHED_FIELDS)), (
    "audit.chain.HASHED_FIELDS changed: update the template"
)
VIEW, CHANGE = AccessKind.VIEW.value, AccessKind.CHANGE.value


@lru_cache(maxsize=4096)
def _json(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@lru_cache(maxsize=8192)
def _utc_offset(day: datetime.date) -> datetime.timedelta:
    return timezone.get_default_timezone().utcoffset(datetime.datetime.combine(day, datetime.time(12)))


# "HH:MM:SS.000000+00:00" for every second of a day, and per day its UTC date and opening second.
_CLOCK = [f"{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}.000000+00:00" for i in range(86_400)]


@lru_cache(maxsize=8192)
def _office_day(day: datetime.date) -> tuple[str | None, int]:
    opens = datetime.datetime.combine(day, OPENS) - _utc_offset(day)
    start = opens.hour * 3600 + opens.minute * 60 + opens.second
    return (f"{opens.date().isoformat()}T" if start + OFFICE_SECONDS <= 86_400 else None), start


def _pick(random, options):
    """``rng.choice(options)`` with one call of ``rng.random`` (uniform all the same)."""
    return options[int(random() * len(options))]


def utc_text(moment: datetime.datetime) -> str:
    """A moment as the chain's canonical form writes it (UTC, microseconds); COPY reads it too."""
    return moment.astimezone(datetime.UTC).isoformat(timespec="microseconds")


class Chain:
    """One program's hash chain as the generator extends it: the last number and its hash."""

    def __init__(self, program_id: int):
        head = AccessLogChainHead.objects.filter(program_id=program_id).values_list("seq", flat=True).first()
        last = AccessLog.objects.filter(program_id=program_id, seq=head).values_list("entry_hash", flat=True)
        self.seq, self.prev_hash = head or 0, (last.first() if head else None) or GENESIS
        self.program_id = program_id
        self.middle = f'","program_id":{program_id},"reason":"","seq":'
        self.mac = hmac.new(chain_key(), digestmod=hashlib.sha256)
        self.checked = False

    def seal(self, link: tuple[str, str, tuple[str, ...]]) -> tuple[str, ...]:
        """The next entry's row (text values in ``ACCESS_ROWS`` order): an ``unsealed`` link, sealed."""
        head, tail, values = link
        seq, prev = self.seq + 1, self.prev_hash
        mac = self.mac.copy()
        mac.update(f"{head}{prev}{self.middle}{seq}{tail}".encode())
        entry_hash = mac.hexdigest()
        row = (*values, str(seq), prev, entry_hash)
        if not self.checked:
            self._check(row)
        self.seq, self.prev_hash = seq, entry_hash
        return row

    def _check(self, row: tuple[str, ...]) -> None:
        values = dict(zip(ACCESS_ROWS.varying, row, strict=True), reason="", data={})
        values.update(program_id=self.program_id, actor_id=int(values["actor_id"]), seq=int(values["seq"]))
        if seal(values) != row[-1]:
            raise AssertionError("the generator's seal differs from audit.chain.seal: fix bench/history.py")
        self.checked = True


def unsealed(program, action, actor, kind, occurred, subject_id, subject_label, target_id, target_type, ip):
    """An access-log entry before its number: its values and the canonical JSON around the link.

    The JSON is ``seal``'s, keys sorted: everything before ``prev_hash`` and everything after
    ``seq``; ``Chain.seal`` puts the link in between. Built wherever the rows are generated
    (worker processes too); sealed in order by whoever holds the chain.
    """
    head = (
        f'{{"action":{_json(action)},"actor_id":{actor},"data":{{}},"ip_address":"{ip}",'
        f'"kind":"{kind}","occurred_at":"{occurred}","prev_hash":"'
    )
    tail = (
        f',"subject_id":"{subject_id}","subject_label":{_json(subject_label)},'
        f'"target_id":"{target_id}","target_type":{_json(target_type)}}}'
    )
    values = (occurred, program, actor, kind, action, target_type, target_id, subject_id, subject_label, ip)
    return head, tail, values


class HistoryMixin:
    """The ``Generator``'s history writers, one per kind of row that grows with time."""

    def moment_text(self, day: datetime.date) -> str:
        """``moment(day)`` as UTC text, without building an aware datetime: one draw."""
        second = int(self.rng.random() * OFFICE_SECONDS)
        date, opens = _office_day(day)
        if date is not None:  # the office day lies within one UTC day: a lookup
            return date + _CLOCK[opens + second]
        local = datetime.datetime.combine(day, OPENS) + datetime.timedelta(seconds=second)
        return (local - _utc_offset(day)).isoformat(timespec="microseconds") + "+00:00"

    def uuid_text(self) -> str:
        """``str(self.uuid())`` without the UUID object."""
        n = self.rng.getrandbits(128)
        n = (n & ~(0xC000 << 48) | (0x8000 << 48)) & ~(0xF000 << 64) | (4 << 76)
        h = f"{n:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def chain_of(self, program_id: int) -> Chain:
        if program_id not in self.chain:
            self.chain[program_id] = Chain(program_id)
        return self.chain[program_id]

    def set_chain_heads(self) -> None:
        for program_id, chain in self.chain.items():
            AccessLogChainHead.objects.update_or_create(program_id=program_id, defaults={"seq": chain.seq})

    def status_history(self, plan) -> Iterator[tuple[str, ...]]:
        program, case, actor = str(plan.program.pk), str(plan.case.pk), str(plan.primary_staff_id)
        for from_status, to_status, on, reason in plan.statuses:
            yield (program, case, str(from_status), str(to_status), on.isoformat(), str(reason), actor)

    def consultation_records(self, plan) -> Iterator[tuple[str, ...]]:
        modes, weights = zip(*[(str(m), w) for m, w in RECORD_MODES], strict=True)
        staff = [str(plan.primary_staff_id)] + (
            [str(plan.secondary_staff_id)] if plan.secondary_staff_id else []
        )
        program, case, rng, random = str(plan.program.pk), str(plan.case.pk), self.rng, self.rng.random
        plan.record_rows = []
        for _record in range(plan.records):
            minutes = 9 * 60 + int(random() * (7 * 60 + 1))
            duration = _pick(random, DURATIONS)
            end = minutes + duration
            author = _pick(random, staff)
            public_id, held_on = self.uuid_text(), self.day_between(plan.registered_on, plan.end)
            plan.record_rows.append((public_id, held_on, author))
            yield (
                program, public_id, case, held_on.isoformat(), f"{minutes // 60:02d}:{minutes % 60:02d}",
                f"{end // 60:02d}:{end % 60:02d}", str(duration), rng.choices(modes, weights)[0],
                "t" if random() < 0.3 else "f", author, _pick(random, RECORD_SUMMARIES), author,
            )  # fmt: skip

    def access_history(self, plan) -> Iterator[tuple[str, str, tuple[str, ...]]]:
        """The audit entries the services would have written, and the views each record brings,
        ``unsealed``: ``write_chunk`` or the process holding the chain seals them."""
        program, random, case = str(plan.program.pk), self.rng.random, plan.case
        case_id, case_label = str(case.public_id), case.audit_label
        primary = str(plan.primary_staff_id)

        def about(action, target, subject, when: str, actor=primary):
            kind = VIEW if action.endswith(".view") else CHANGE
            return unsealed(
                program, action, actor, kind, when, str(subject.public_id), subject.audit_label,
                str(target.public_id), target._meta.model_name, _pick(random, IP_ADDRESSES),
            )  # fmt: skip

        registered = self.moment_text(plan.registered_on)
        if plan.inquiry is not None:
            yield about("inquiry.create", plan.inquiry, plan.inquiry, utc_text(plan.inquiry.received_at))
        if plan.client is not None:
            yield about("client.create", plan.client, plan.client, registered)
        yield about("case.register", case, case, registered)
        for person in plan.related:
            yield about("related_person.create", person, case, registered)
        for consent in plan.consents:
            yield about("consent.record", consent, case, registered)
        for _from, to_status, on, _reason in plan.statuses[1:]:
            yield about(f"case.{to_status}", case, case, self.moment_text(on))
        counselors = [primary] + ([str(plan.secondary_staff_id)] if plan.secondary_staff_id else [])
        end = plan.end
        for public_id, held_on, author in plan.record_rows:
            yield unsealed(
                program, "consultationrecord.create", author, CHANGE, self.moment_text(held_on),
                case_id, case_label, public_id, "consultationrecord", _pick(random, IP_ADDRESSES),
            )  # fmt: skip
            for _view in range(VIEWS_PER_RECORD):
                when = self.moment_text(self.day_between(held_on, end))
                yield unsealed(
                    program, "case.view", _pick(random, counselors), VIEW, when, case_id, case_label,
                    case_id, "case", _pick(random, IP_ADDRESSES),
                )  # fmt: skip
