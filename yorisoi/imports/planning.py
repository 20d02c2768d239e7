"""The dry run: read a file, resolve its columns, check every row and decide what would happen to it.

Nothing here writes. ``plan_rows`` yields one ``PlannedRow`` at a time, so the preview (which only
counts and lists problems) and the writer (which writes in chunks) read the same decisions with
flat memory. Matching and look-ups only ever query the batch's own program.
"""

import datetime
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Max

from yorisoi.cases.models import Case, Client
from yorisoi.cases.normalize import kana_key, phone_digits
from yorisoi.consultations.models import SupportStage
from yorisoi.consultations.stages import DEFAULT_STAGES
from yorisoi.imports import attendance
from yorisoi.imports.fields import IGNORE, KINDS, Column, Kind
from yorisoi.imports.models import ColumnMapping, LedgerEntry
from yorisoi.imports.reading import Sheet, known_header_keys, open_sheets
from yorisoi.imports.values import BadValue, is_blank, label_key
from yorisoi.outreach.models import NICKNAME_KINDS, EventStatus
from yorisoi.programs.models import Membership, Program
from yorisoi.referrals.models import PartnerAgency

CREATE, MATCH, SKIP, REJECT = "create", "match", "skip", "reject"
DEFAULT_START = datetime.time(9, 0)
DEFAULT_MINUTES = 60
_PLACE = re.compile(r"[市町村都道府県]")


@dataclass
class SheetPlan:
    sheet: Sheet
    kind: Kind | None
    columns: dict[int, Column]  # header index → column
    unknown: list[str]  # headers no column or saved mapping explains
    ignored: list[str]  # headers the manager chose not to import
    missing: list[Column]  # required columns the sheet lacks

    @property
    def needs_mapping(self) -> bool:
        return self.kind is None or bool(self.unknown) or bool(self.missing)


@dataclass
class PlannedRow:
    kind: str
    sheet: str
    number: int
    outcome: str
    values: dict = field(default_factory=dict)
    message: str = ""
    key: str = ""
    ref: str = ""
    case_id: int | None = None  # the existing case a row matched or belongs to
    notes: tuple[str, ...] = ()


def program_mappings(program: Program) -> dict[str, dict[str, str]]:
    """{kind: {label_key(header): target}} as the program remembered them; kind "sheet" names sheets."""
    table: dict[str, dict[str, str]] = defaultdict(dict)
    for mapping in ColumnMapping.objects.filter(program=program):
        table[mapping.kind][label_key(mapping.source_header)] = mapping.target
    return table


def sheet_plans(path: Path, file_name: str, program: Program) -> list[SheetPlan]:
    """How each sheet's columns map, read from the header rows only (the data rows are not read)."""
    mappings = program_mappings(program)
    plans = [_sheet_plan(s, mappings) for s in open_sheets(path, file_name, known_header_keys(mappings))]
    order = list(KINDS)
    return sorted(plans, key=lambda p: order.index(p.kind.name) if p.kind else len(order))


def _sheet_plan(sheet: Sheet, mappings) -> SheetPlan:
    kind = _kind_of(sheet, mappings)
    if kind is None:
        return SheetPlan(sheet, None, {}, [h for h in sheet.headers if h], [], [])
    saved = mappings.get(kind.name, {})
    by_header = {label_key(h): c for c in kind.columns for h in (c.header, *c.aliases)}
    columns, unknown, ignored = {}, [], []
    for index, header in enumerate(sheet.headers):
        if not header:
            continue
        target = saved.get(label_key(header))
        if target == IGNORE:
            ignored.append(header)
        elif target and any(c.name == target for c in kind.columns):
            columns[index] = kind.column(target)
        elif label_key(header) in by_header and by_header[label_key(header)] not in columns.values():
            columns[index] = by_header[label_key(header)]
        else:
            unknown.append(header)
    missing = [c for c in kind.columns if c.required and c not in columns.values()]
    return SheetPlan(sheet, kind, columns, unknown, ignored, missing)


def _kind_of(sheet: Sheet, mappings) -> Kind | None:
    chosen = mappings.get("sheet", {}).get(label_key(sheet.name))
    if chosen in KINDS:
        return KINDS[chosen]
    for kind in KINDS.values():
        if label_key(sheet.name) in {label_key(n) for n in (kind.label, *kind.aliases)}:
            return kind
    keys = {label_key(h) for h in sheet.headers if h}
    scored = [
        (len(keys & {label_key(h) for c in k.columns for h in (c.header, *c.aliases)}), -i, k)
        for i, k in enumerate(KINDS.values())
    ]
    best = max(scored, key=lambda s: (s[0], s[1]))
    return best[2] if best[0] >= 2 else None


class Context:
    """What checking rows needs to know about the program, loaded once, plus what earlier rows said."""

    def __init__(self, program: Program, actor_user):
        self.program = program
        self.actor_user = actor_user
        ledger = LedgerEntry.objects.filter(program=program)
        self.imported_keys = set(ledger.exclude(row_key="").values_list("row_key", flat=True))
        self.ref_cases: dict[str, int | None] = dict(
            ledger.filter(model__in=("case", "case_ref")).values_list("external_ref", "object_id")
        )
        self.rejected_refs: set[str] = set()
        self.seen: dict[str, int] = {}  # row key → row number, for duplicates inside the file
        self.by_kana_birth, self.by_phone = self._clients()
        self.staff = self._staff()
        # A program without stages yet gets the guideline's four when the batch is written, not on a read.
        stages = SupportStage.objects.filter(program=program).values_list("order", "label")
        stages = list(stages) or [(i, label) for i, (label, _) in enumerate(DEFAULT_STAGES, start=1)]
        self.stages = {label_key(label): order for order, label in stages}
        agencies = PartnerAgency.objects.filter(program=program).values_list("name", flat=True)
        self.agencies = {label_key(name) for name in agencies}
        self.events = attendance.EventBook(program)
        self.unnamed: dict[str, int] = defaultdict(int)  # unnamed attendees seen per session, for their keys

    def _clients(self):
        latest = dict(
            Case.objects.filter(program=self.program, client__isnull=False)
            .values("client_id")
            .annotate(latest=Max("id"))
            .values_list("client_id", "latest")
        )
        by_kana_birth, by_phone = {}, {}
        rows = Client.objects.filter(program=self.program).values_list(
            "id", "kana_key", "birth_date", "phone_digits"
        )
        for client_id, kana, birth, phone in rows:
            if client_id not in latest:
                continue
            if kana and birth:
                by_kana_birth[(kana, birth)] = latest[client_id]
            if phone:
                by_phone[phone] = latest[client_id]
        return by_kana_birth, by_phone

    def _staff(self) -> dict[str, int]:
        users = {}
        for m in Membership.objects.filter(program=self.program, is_active=True).select_related("user"):
            user = m.user
            for name in (user.username, user.display_name, user.get_full_name(), user.last_name):
                if name:
                    users.setdefault(label_key(name), user.pk)
        return users


def plan_rows(plans: list[SheetPlan], context: Context) -> Iterator[PlannedRow]:
    for plan in plans:
        if plan.kind is None or plan.missing:
            continue
        check = CHECKS[plan.kind.name]
        for number, cells in plan.sheet.rows:
            values, errors = {}, []
            for index, column in plan.columns.items():
                cell = cells[index] if index < len(cells) else None
                if is_blank(cell):
                    if column.required:
                        errors.append(f"「{column.header}」が空です")
                    continue
                try:
                    value = column.parse(cell)
                except BadValue as error:
                    errors.append(str(error))
                    continue
                if column.max_length and len(value) > column.max_length:
                    errors.append(f"「{column.header}」が長すぎます（{column.max_length}文字まで）")
                    continue
                values[column.name] = value
            row = PlannedRow(
                plan.kind.name, plan.sheet.name, number, CREATE, values, ref=values.get("ref", "")
            )
            if errors:
                row.outcome, row.message = REJECT, "。".join(errors)
            else:
                check(row, context)
            if row.outcome == REJECT and plan.kind.name == "cases" and row.ref not in context.ref_cases:
                context.rejected_refs.add(row.ref)
            yield row


def _key(*parts) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def _reject(row: PlannedRow, message: str) -> None:
    row.outcome, row.message = REJECT, message


def _once(
    row: PlannedRow, context: Context, key: str, duplicate: str = "{}行目と同じ内容です（重複）"
) -> bool:
    """False (and the row settled) when the same row came earlier in the file or in an earlier batch."""
    row.key = key
    if key in context.seen:
        _reject(row, duplicate.format(context.seen[key]))
        return False
    context.seen[key] = row.number
    if key in context.imported_keys:
        row.outcome, row.message = SKIP, "前回までに取り込み済みです"
        return False
    return True


def _staff_of(row: PlannedRow, context: Context) -> None:
    name = row.values.get("staff")
    staff_id = context.staff.get(label_key(name)) if name else None
    if name and staff_id is None:
        row.notes += ("担当の名前がこの事業の職員に見つからないため、取り込む管理者を担当とします",)
    row.values["staff_id"] = staff_id or context.actor_user.pk


def _case_of(row: PlannedRow, context: Context) -> bool:
    if row.ref in context.rejected_refs:
        _reject(row, f"管理番号「{row.ref}」のケースの行が取り込めないため、この行も取り込めません")
        return False
    if row.ref not in context.ref_cases:
        _reject(
            row,
            f"管理番号「{row.ref}」のケースが見つかりません（「ケース」のシートか、前回の取り込みにありません）",
        )
        return False
    row.case_id = context.ref_cases[row.ref]
    return True


def check_case(row: PlannedRow, context: Context) -> None:
    v = row.values
    if "full_name" in v and not v.get("family_name"):
        v["family_name"], _, v["given_name"] = v.pop("full_name").replace("\u3000", " ").partition(" ")
    if "kana" in v and not v.get("family_name_kana"):
        v["family_name_kana"], _, v["given_name_kana"] = v.pop("kana").replace("\u3000", " ").partition(" ")
    city = context.program.service_city
    residence = v.get("residence_city", "")
    if residence and city not in residence and _PLACE.search(residence):
        return _reject(
            row, f"お住まい「{residence}」は{city}ではありません。{context.program.name}には取り込めません"
        )
    if v.get("closed_on") and v["closed_on"] < v["registered_on"]:
        return _reject(row, "終結日が登録日より前になっています")
    if v.get("closure_reason") and not v.get("closed_on"):
        return _reject(row, "終結理由がありますが、終結日が空です")
    if v.get("stage"):
        order = context.stages.get(label_key(v["stage"]))
        if order is None:
            return _reject(row, f"支援段階「{v['stage']}」はこの事業の段階にありません")
        v["stage_order"] = order
    if not _once(row, context, _key("case", row.ref), f"管理番号「{row.ref}」が{{}}行目と重複しています"):
        if row.outcome == SKIP:
            row.case_id = context.ref_cases.get(row.ref)
        return
    _staff_of(row, context)
    kana = kana_key(v.get("family_name_kana", "") + v.get("given_name_kana", ""))
    match = context.by_kana_birth.get((kana, v.get("birth_date"))) if kana and v.get("birth_date") else None
    if match is None and v.get("phone"):
        match = context.by_phone.get(phone_digits(v["phone"]))
    if match is not None:
        row.outcome, row.case_id = MATCH, match
        row.message = "ふりがなと生年月日、または電話番号が同じ本人がすでに登録されています"
    context.ref_cases[row.ref] = match


def check_related(row: PlannedRow, context: Context) -> None:
    if not _case_of(row, context):
        return
    v = row.values
    _once(row, context, _key("related", row.ref, v["relation"], v.get("name", ""), v.get("phone", "")))


def check_record(row: PlannedRow, context: Context) -> None:
    if not _case_of(row, context):
        return
    v = row.values
    notes = []
    if "starts_at" not in v:
        v["starts_at"] = DEFAULT_START
        notes.append("開始時刻がないため 9:00 とします")
    if "duration" not in v:
        v["duration"] = DEFAULT_MINUTES
        notes.append("時間がないため 60分 とします")
    end = datetime.datetime.combine(v["held_on"], v["starts_at"]) + datetime.timedelta(minutes=v["duration"])
    if end.date() != v["held_on"]:
        return _reject(row, "終わりの時刻が日付をまたいでいます")
    v["ends_at"] = end.time()
    v.setdefault("participants", (False, (), False))
    key = _key("record", row.ref, v["held_on"], v["starts_at"], v["mode"], v["summary"], v["participants"])
    if _once(row, context, key):
        row.notes += tuple(notes)
        _staff_of(row, context)


def check_agency(row: PlannedRow, context: Context) -> None:
    name_key = label_key(row.values["name"])
    if not _once(row, context, _key("agency", name_key)):
        return
    if name_key in context.agencies:
        row.outcome, row.message = SKIP, "同じ名前の連携機関がすでにあります"


def check_attendance(row: PlannedRow, context: Context) -> None:
    v = row.values
    notes = []
    if "starts_at" not in v:
        v["starts_at"] = attendance.DEFAULT_START
        notes.append("開始時刻がないため 13:30 とします")
    if "ends_at" not in v:
        end = datetime.datetime.combine(v["held_on"], v["starts_at"]) + datetime.timedelta(
            minutes=attendance.DEFAULT_MINUTES
        )
        if end.date() != v["held_on"]:
            return _reject(row, "終わりの時刻が日付をまたいでいます。終了時刻を書いてください")
        v["ends_at"] = end.time()
        notes.append("終了時刻がないため 開始の2時間後 とします")
    if v["ends_at"] <= v["starts_at"]:
        return _reject(row, "終了時刻が開始時刻より前になっています")
    v["starts"], v["ends"] = (
        attendance.moment(v["held_on"], v["starts_at"]),
        attendance.moment(v["held_on"], v["ends_at"]),
    )
    v["event_key"], v["person"] = (
        attendance.event_key(v["title"], v["event_kind"], v["held_on"]),
        attendance.person_key(v),
    )
    who = v["person"]
    if not who:  # unnamed attendees are told apart by their order at the session, so a re-import matches
        session = _key(v["event_key"], v["starts"], v["category"])
        context.unnamed[session] += 1
        who = f"unnamed:{v['category']}:{context.unnamed[session]}"
    if not _once(row, context, _key("attendance", v["event_key"], v["starts"], who)):
        return
    known = context.events.known(v["event_key"])
    if known is not None:
        if known.status == EventStatus.CANCELLED:
            return _reject(row, f"「{v['title']}」は中止になった催しです。出席は取り込めません")
        if v["held_on"] not in known.sessions:
            return _reject(
                row,
                f"すでにある「{v['title']}」に{v['held_on'].year}年{v['held_on'].month}月{v['held_on'].day}日の回がありません。先に催しの画面で開催日を加えてください",
            )
        v["event_id"], v["session_id"] = known.event_id, known.sessions[v["held_on"]]
        v["registration_id"] = context.events.registration_of(known, v["person"])
        if (v["registration_id"], v["session_id"]) in known.attended:
            row.outcome, row.message = SKIP, "この回の出席はすでに記録されています"
            return
        notes.append("すでにある催しに出席を加えます")
    if v.get("is_nickname") and v["event_kind"] not in NICKNAME_KINDS:
        notes.append("ニックネームは家族会・当事者会だけで使えるため、お名前として取り込みます")
    if "capacity" not in v and known is None:
        notes.append(f"定員がないため {attendance.DEFAULT_CAPACITY}人 とします")
    row.notes += tuple(notes)


CHECKS = {
    "cases": check_case,
    "related": check_related,
    "records": check_record,
    "agencies": check_agency,
    "attendance": check_attendance,
}
