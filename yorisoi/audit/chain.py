"""The access log's hash chain: each program's entries are links, each sealed over the one before.

A link's ``entry_hash`` is an HMAC-SHA256 (keyed with ``YORISOI_AUDIT_CHAIN_KEY``, by default the
``SECRET_KEY``, so someone holding only the database cannot forge a link) over the entry's
fields, its ``seq`` and the previous link's hash. Editing, deleting or inserting an entry below
the application breaks the chain at that entry; cutting entries off the end leaves the chain
head ahead of the last entry. ``verify_chain`` walks a program's chain and names the first break.

Writers take the next number with ``UPDATE … RETURNING`` on the program's head row: the row
lock serialises concurrent writers on PostgreSQL (and on SQLite the IMMEDIATE transaction
already does); then they read the previous link's hash and insert, in the same transaction, so
a rolled-back entry gives its number back. Two queries per entry beyond the insert.
"""

import datetime
import hashlib
import hmac
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from yorisoi.audit.models import AccessLog, AccessLogChainHead

GENESIS = "0" * 64
HASHED_FIELDS = (
    "program_id", "seq", "prev_hash", "occurred_at", "actor_id", "kind", "action", "target_type",
    "target_id", "subject_id", "subject_label", "ip_address", "reason", "data",
)  # fmt: skip

_NOW_SQL = {"postgresql": "statement_timestamp()", "sqlite": "strftime('%%Y-%%m-%%d %%H:%%M:%%f', 'now')"}
_TAKE_SQL = "UPDATE audit_accesslogchainhead SET seq = seq + 1 WHERE program_id = %s RETURNING seq, {now}"
# A statement of its own, after the lock: on PostgreSQL it then reads with a fresh snapshot that
# includes the entry the previous holder of the lock has just committed.
_PREV_SQL = "SELECT entry_hash FROM audit_accesslog WHERE program_id = %s AND seq = %s"


@dataclass(frozen=True)
class Link:
    seq: int
    prev_hash: str
    occurred_at: datetime.datetime


def _as_utc(value) -> datetime.datetime:
    if isinstance(value, str):  # SQLite answers with text
        value = datetime.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value.astimezone(datetime.UTC)


def next_link(program_id: int) -> Link:
    """Take the program's next number, with the previous hash and the database's clock (locks the head)."""
    take = _TAKE_SQL.format(now=_NOW_SQL[connection.vendor])
    with connection.cursor() as cursor:
        cursor.execute(take, [program_id])
        row = cursor.fetchone()
        if row is None:  # the program's first entry ever: make its head, then take number 1
            AccessLogChainHead.objects.bulk_create(
                [AccessLogChainHead(program_id=program_id)], ignore_conflicts=True
            )
            cursor.execute(take, [program_id])
            row = cursor.fetchone()
        seq, now = row
        cursor.execute(_PREV_SQL, [program_id, seq - 1])
        previous = cursor.fetchone()
    return Link(seq=seq, prev_hash=previous[0] if previous else GENESIS, occurred_at=_as_utc(now))


def _canonical(value):
    if isinstance(value, datetime.datetime):
        return _as_utc(value).isoformat(timespec="microseconds")
    if value is None or isinstance(value, int | str | dict | list | bool | float):
        return value
    return str(value)  # UUIDs


def chain_key() -> bytes:
    """The HMAC key of every seal: ``YORISOI_AUDIT_CHAIN_KEY``, by default the ``SECRET_KEY``."""
    return (getattr(settings, "YORISOI_AUDIT_CHAIN_KEY", "") or settings.SECRET_KEY).encode()


def seal(values: dict) -> str:
    """The seal over one entry's ``HASHED_FIELDS`` (a dict of them, as written or as read back)."""
    payload = json.dumps(
        {name: _canonical(values[name]) for name in HASHED_FIELDS},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hmac.new(chain_key(), payload.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Verification:
    checked: int  # entries read
    head_seq: int
    broken_seq: int | None = None  # the first link that does not hold (None: the chain is whole)
    broken_entry_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def verify_chain(program) -> Verification:
    """Walk ``program``'s chain from its first entry; report the first link that does not hold."""
    head = AccessLogChainHead.objects.filter(program=program).values_list("seq", flat=True).first() or 0
    entries = AccessLog.objects.filter(program=program)
    unnumbered = entries.filter(seq__isnull=True).order_by("id").values_list("id", flat=True).first()
    if unnumbered is not None:
        return Verification(
            0, head, None, unnumbered, _("通し番号のない記録があります（アプリの外から追加）。")
        )
    expected_seq, prev_hash, checked = 1, GENESIS, 0
    for values in (
        entries.order_by("seq").values("id", "entry_hash", *HASHED_FIELDS).iterator(chunk_size=2000)
    ):
        seq = values["seq"]
        if seq != expected_seq:
            problem = _("%(n)s 番の記録がありません（削除された可能性）。") % {"n": expected_seq}
            return Verification(checked, head, expected_seq, values["id"], problem)
        if values["prev_hash"] != prev_hash:
            problem = _("%(n)s 番の記録の前の記録とのつながりが合いません。") % {"n": seq}
            return Verification(checked, head, seq, values["id"], problem)
        if seal(values) != values["entry_hash"]:
            problem = _("%(n)s 番の記録の内容が書き込まれたときと違います（変更された可能性）。") % {"n": seq}
            return Verification(checked, head, seq, values["id"], problem)
        expected_seq, prev_hash, checked = seq + 1, values["entry_hash"], checked + 1
    if checked != head:
        problem = _("%(n)s 番より後の記録がありません（末尾が削除された可能性）。") % {"n": checked}
        return Verification(checked, head, checked + 1, None, problem)
    return Verification(checked, head)


def chain_history(program_id: int) -> int:
    """Number and seal, in id order, entries written below the application without a link.

    Only for generated history (the benchmark's data) and the migration that introduced the
    chain: it UPDATEs entries, so the owner runs it with the triggers lifted. Returns how many.
    """
    head, _ = AccessLogChainHead.objects.get_or_create(program_id=program_id)
    last = AccessLog.objects.filter(program_id=program_id, seq=head.seq).values_list("entry_hash", flat=True)
    prev_hash, seq = (last.first() or GENESIS) if head.seq else GENESIS, head.seq
    unchained = AccessLog.objects.filter(program_id=program_id, seq__isnull=True).order_by("id")
    for values in unchained.values("id", *HASHED_FIELDS).iterator(chunk_size=2000):
        seq += 1
        values.update(seq=seq, prev_hash=prev_hash)
        prev_hash = seal(values)
        AccessLog._base_manager.filter(
            pk=values["id"]
        ).update(  # the plain manager: triggers lifted by the owner
            seq=seq, prev_hash=values["prev_hash"], entry_hash=prev_hash
        )
    AccessLogChainHead.objects.filter(program_id=program_id).update(seq=seq)
    return seq - head.seq
