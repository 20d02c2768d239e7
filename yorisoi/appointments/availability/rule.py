"""The one rule: can this booking happen, and if not, why.

``judge(slot, snapshot, now)`` is the only place that decides. The booking service calls it after
taking its locks; the slot search calls it for every candidate it offers. A slot is *suggested*
only when the verdict is clean (no refusal, no warning), and *bookable* when there is no refusal,
so whatever is suggested can be booked.

Hard rules (a refusal, with its reason): the end after the start, not in the past, two different
staff, inside the program's hours and the staff member's workday (or a home visit / accompaniment /
emergency with a written reason), nobody absent, no overlap for either staff member (travel time to
and from home visits included), and a free room at a place with rooms.
Soft rule (a warning): the time to write the record after each session (the program's setting).
"""

import datetime
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from yorisoi.appointments.availability.clock import (
    ROOM_KINDS,
    at,
    day_closed_reason,
    hhmm,
    local_day,
    local_tz,
    padding,
    travel,
    when,
)
from yorisoi.appointments.availability.snapshot import Booked, Snapshot
from yorisoi.appointments.models import TRAVELLING_KINDS
from yorisoi.programs.calendar import hours_on
from yorisoi.programs.models import Place, Room


@dataclass(frozen=True)
class BookingSlot:
    """What is asked for: a session of ``kind`` at ``place`` (and ``room``) with staff, from–to."""

    kind: str
    place: Place | None
    staff: object
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    second_staff: object = None
    room: Room | None = None
    outside_hours_reason: str = ""
    is_emergency: bool = False
    note: str = ""
    remind_by_email: bool = False

    @property
    def staff_list(self) -> list:
        return [u for u in (self.staff, self.second_staff) if u is not None]

    def moved(self, **changes) -> "BookingSlot":
        return replace(self, **changes)


class BookingError(Exception):
    """A booking that cannot be made as asked; ``message`` is plain Japanese for the form."""

    def __init__(self, message: str, field: str | None = None, code: str = "refused"):
        super().__init__(message)
        self.message, self.field, self.code = message, field, code


class ConflictError(BookingError):
    """A staff member or the room already has an appointment at that time."""


@dataclass
class Verdict:
    refusal: BookingError | None = None
    room: Room | None = None  # the room the booking takes (chosen, or the first free one)
    outside_hours_reason: str = ""  # kept on the row when the booking is outside hours
    warnings: list[str] = field(default_factory=list)

    @property
    def bookable(self) -> bool:
        return self.refusal is None

    @property
    def clean(self) -> bool:
        return self.refusal is None and not self.warnings


def _refuse(message, field_name, code, conflict=False) -> Verdict:
    error = (ConflictError if conflict else BookingError)(message, field_name, code)
    return Verdict(refusal=error)


def _outside(slot: BookingSlot, snap: Snapshot) -> str | None:
    """Why the session lies outside the program's hours or the staff member's workday, or None."""
    program = snap.program
    start, end = slot.starts_at.astimezone(local_tz()), slot.ends_at.astimezone(local_tz())
    day = start.date()
    reason = day_closed_reason(program, day, snap.closures)
    if reason:
        return reason
    windows = hours_on(program, day)
    if not any(at(day, o) <= start and end <= at(day, c) for o, c in windows):
        spans = "、".join(f"{o:%H:%M}〜{c:%H:%M}" for o, c in windows)
        return _("受付時間（%(hours)s）の外です") % {"hours": spans}
    user = slot.staff
    if user.pk in snap.has_workdays and not any(
        at(day, s) <= start and end <= at(day, e) for s, e in snap.workdays.get((user.pk, day.weekday()), [])
    ):
        return _("%(name)sさんの勤務時間の外です") % {"name": user.name_for_display}
    return None


def _absent(slot: BookingSlot, snap: Snapshot) -> Verdict | None:
    day = local_day(slot.starts_at)
    for user in slot.staff_list:
        for starts_on, ends_on, note in snap.absences.get(user.pk, ()):
            if starts_on <= day <= ends_on:
                return _refuse(
                    _("%(name)sさんはこの日は不在です（%(note)s）。別の日か別の職員を選んでください。")
                    % {"name": user.name_for_display, "note": note or _("不在")},
                    "staff",
                    "absent",
                )
    return None


def _staff_clash(slot: BookingSlot, snap: Snapshot) -> tuple[Verdict | None, list[str]]:
    """A refusal for an overlap (travel included); warnings where the record time is cut short."""
    settings = snap.settings
    own_travel = travel(slot.kind, settings)
    own_before, own_after = padding(slot.kind, settings)
    warnings = []
    for user in slot.staff_list:
        for booked in sorted(snap.staff_busy.get(user.pk, ()), key=lambda b: b.starts_at):
            other_travel = travel(booked.kind, settings)
            raw = booked.overlaps(slot.starts_at, slot.ends_at)
            travelling = booked.overlaps(
                slot.starts_at - own_travel, slot.ends_at + own_travel, other_travel, other_travel
            )
            if raw or travelling:
                return _clash_refusal(slot, snap, user, booked, travel_only=not raw), []
            before, after = padding(booked.kind, settings)
            if booked.overlaps(slot.starts_at - own_before, slot.ends_at + own_after, before, after):
                warnings.append(
                    _("%(name)sさんの %(start)s の予約との間に、記録を書く時間（%(n)s分）が取れません。")
                    % {
                        "name": user.name_for_display,
                        "start": when(booked.starts_at),
                        "n": settings.record_buffer_minutes,
                    }
                )
    return None, warnings


def _clash_refusal(slot, snap, user, booked: Booked, *, travel_only: bool) -> Verdict:
    where = "" if booked.program_id == snap.program.pk else _("（%(p)sの予定）") % {"p": booked.program_name}
    facts = {
        "name": user.name_for_display,
        "start": when(booked.starts_at),
        "end": hhmm(booked.ends_at),
        "where": where,
    }
    if travel_only:
        message = _(
            "%(name)sさんは %(start)s〜%(end)s の予約%(where)sとの間に移動時間が取れません。"
            "別の時間を選んでください。"
        )
    else:
        message = _(
            "%(name)sさんは %(start)s〜%(end)s に別の予約が入っています%(where)s。別の時間を選んでください。"
        )
    return _refuse(message % facts, None, "travel" if travel_only else "staff_busy", conflict=True)


def _room(slot: BookingSlot, snap: Snapshot) -> Verdict:
    """The room the session takes, or why there is none free."""
    place = slot.place
    if place is None or place.kind not in ROOM_KINDS:
        return Verdict()
    rooms = snap.rooms.get(place.pk, [])
    taken = [b for b in snap.place_busy.get(place.pk, ()) if b.overlaps(slot.starts_at, slot.ends_at)]
    taken.sort(key=lambda b: b.starts_at)
    if slot.room is not None:
        if slot.room.place_id != place.pk or slot.room.pk not in {r.pk for r in rooms}:
            return _refuse(
                _("この部屋は選んだ場所の部屋ではないか、使われていません。"), "room", "room_closed"
            )
        clash = next((b for b in taken if b.room_id == slot.room.pk), None)
        if clash:
            return _refuse(
                _(
                    "%(place)s %(room)sは %(start)s〜%(end)s に別の予約で使われています。"
                    "別の時間か部屋を選んでください。"
                )
                % {
                    "place": place.name,
                    "room": slot.room.name,
                    "start": when(clash.starts_at),
                    "end": hhmm(clash.ends_at),
                },
                "room",
                "room_busy",
                conflict=True,
            )
        return Verdict(room=slot.room)
    busy_ids = {b.room_id for b in taken if b.room_id}
    free = [r for r in rooms if r.pk not in busy_ids]
    without_room = sum(1 for b in taken if b.room_id is None)  # a place without rooms is one room
    if len(free) - without_room > 0 or (not rooms and not taken):
        return Verdict(room=free[0] if free else None)
    clash = taken[0]
    facts = {"place": place.name, "start": when(clash.starts_at), "end": hhmm(clash.ends_at), "n": len(rooms)}
    if len(rooms) > 1:
        message = _(
            "%(place)sの相談室（%(n)s室）は %(start)s〜%(end)s にすべて使われています。"
            "別の時間か場所を選んでください。"
        )
    else:
        message = _(
            "%(place)sは %(start)s〜%(end)s に別の予約で使われています。別の時間か場所を選んでください。"
        )
    return _refuse(message % facts, "place", "room_busy", conflict=True)


def judge(slot: BookingSlot, snap: Snapshot, now: datetime.datetime) -> Verdict:
    """Whether ``slot`` can be booked given ``snap``; the refusal names its reason and field."""
    if slot.ends_at <= slot.starts_at:
        return _refuse(_("終了時刻が開始時刻より前（または同じ）になっています。"), "end", "end_before_start")
    if slot.starts_at < now:
        return _refuse(_("過去の日時には予約できません。日付と時刻をお確かめください。"), "date", "past")
    if slot.second_staff is not None and slot.second_staff.pk == slot.staff.pk:
        return _refuse(
            _("担当職員と同じ職員です。別の職員を選ぶか、空欄にしてください。"), "second_staff", "same_staff"
        )
    why_outside = _outside(slot, snap)
    if why_outside:
        if not (slot.kind in TRAVELLING_KINDS or slot.is_emergency):
            return _refuse(
                _("%(why)s。受付時間外・休業日に入れられるのは、訪問・同行か緊急のときだけです。")
                % {"why": why_outside},
                "date",
                "outside_hours",
            )
        if not slot.outside_hours_reason.strip():
            return _refuse(
                _("%(why)s。受付時間外・休業日に入れる理由を書いてください。") % {"why": why_outside},
                "outside_hours_reason",
                "outside_hours_no_reason",
            )
    absent = _absent(slot, snap)
    if absent:
        return absent
    clash, warnings = _staff_clash(slot, snap)
    if clash:
        return clash
    verdict = _room(slot, snap)
    if verdict.refusal:
        return verdict
    verdict.warnings = warnings
    if why_outside:
        verdict.warnings.append(why_outside)
        verdict.outside_hours_reason = slot.outside_hours_reason.strip()
    return verdict
