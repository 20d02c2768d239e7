"""Event attendance (催しの参加者): which event, session and registration a row is, and writing it.

An event in the file is its name + kind + 年度: the rows of one training course share them and become
one event with a session per date. An event the program already has (same name, kind and 年度) is
matched, never copied, and only the program's own events are ever looked at.

The writes go through outreach's own services (event_create, session_add, walk_in_add,
attendance_set), so the rules stay in one place: walk-ins take no seat, a nickname is kept only where
the event kind allows it, a follow-up registrant is linked to their supporter row, and the supporter
roster follows attendance. Undoing deletes the rows the ledger names and lets the roster follow again.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from yorisoi.cases.normalize import phone_digits
from yorisoi.core.fiscal_year import fiscal_year_of
from yorisoi.imports.values import label_key
from yorisoi.outreach import services as outreach
from yorisoi.outreach import supporters
from yorisoi.outreach.models import (
    Attendance,
    EventSession,
    EventStatus,
    OutreachEvent,
    Registration,
    Supporter,
)
from yorisoi.outreach.services import RegistrantDetails

DEFAULT_START = datetime.time(13, 30)
DEFAULT_MINUTES = 120
DEFAULT_CAPACITY = 30


def event_key(title: str, kind: str, held_on: datetime.date) -> str:
    raw = f"{label_key(title)}\x1f{kind}\x1f{fiscal_year_of(held_on)}"
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


def person_key(values: dict) -> str:
    """Who attended, as far as the row says; "" for an unnamed attendee with no contact."""
    parts = (
        label_key(values.get("name", "")),
        phone_digits(values.get("contact_phone", "")),
        values.get("contact_email", "").casefold(),
    )
    return "\x1f".join(parts) if any(parts) else ""


def moment(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


@dataclass
class KnownEvent:
    event_id: int
    status: str
    sessions: dict[datetime.date, int] = field(default_factory=dict)  # local date → first session
    people: dict[str, int] | None = None  # person key → registration, loaded on first use
    attended: set[tuple[int, int]] | None = None  # (registration, session)


class EventBook:
    """The program's events as the dry run sees them; loaded on first use, never another program's."""

    def __init__(self, program):
        self.program = program
        self._known: dict[str, KnownEvent] | None = None

    def known(self, key: str) -> KnownEvent | None:
        if self._known is None:
            self._known = {}
            sessions = EventSession.objects.filter(program=self.program).values_list(
                "pk", "starts_at", "event_id", "event__title", "event__kind", "event__status"
            )
            for pk, starts_at, event_id, title, kind, status in sessions.order_by("starts_at", "pk"):
                day = timezone.localdate(starts_at)
                known = self._known.setdefault(event_key(title, kind, day), KnownEvent(event_id, status))
                if known.event_id == event_id:
                    known.sessions.setdefault(day, pk)
        return self._known.get(key)

    def registration_of(self, known: KnownEvent, person: str) -> int | None:
        if known.people is None:
            registrations = Registration.objects.with_scopes_disabled().filter(
                program=self.program, event_id=known.event_id
            )
            known.people = {}
            for pk, name, phone, email in registrations.values_list(
                "pk", "name", "contact_phone", "contact_email"
            ).order_by("pk"):
                values = {"name": name, "contact_phone": phone, "contact_email": email}
                if key := person_key(values):
                    known.people.setdefault(key, pk)
            known.attended = set(
                Attendance.objects.with_scopes_disabled()
                .filter(program=self.program, session__event_id=known.event_id)
                .values_list("registration_id", "session_id")
            )
        return known.people.get(person) if person else None


class AttendanceWriter:
    """Writes attendance rows for one batch; remembers what earlier chunks created."""

    def __init__(self, writer):
        self.writer = writer
        self.events: dict[str, OutreachEvent] = {}
        self.sessions: dict[tuple[int, datetime.datetime], EventSession] = {}
        self.people: dict[tuple[int, str], Registration] = {}
        self.touched: set[int] = set()  # events of before the batch whose numbering it moved on

    def write(self, rows) -> list:
        entries = []
        for row in rows:
            entries += self._write_row(row)
        return entries

    def _write_row(self, row) -> list:
        w, v = self.writer, row.values
        actor, entries = w.actor, []
        event = self._event(v, entries)
        session = self._session(event, v, entries)
        registration = None
        if v.get("registration_id"):
            registration = Registration.objects.with_scopes_disabled().get(pk=v["registration_id"])
        elif v["person"]:
            registration = self.people.get((event.pk, v["person"]))
        if registration is None:
            self._remember_numbering(event, entries)
            registration = outreach.walk_in_add(session=session, details=_details(v), actor=actor)
            entries.append(w.ledger("registration", registration.pk))
            if v["person"]:
                self.people[(event.pk, v["person"])] = registration
        else:
            outreach.attendance_set(session=session, registration=registration, present=True, actor=actor)
        attendance = Attendance.objects.with_scopes_disabled().get(registration=registration, session=session)
        entries.append(w.ledger("attendance", attendance.pk, row))
        return entries

    def _event(self, v, entries) -> OutreachEvent:
        if v.get("event_id"):
            return OutreachEvent.objects.get(pk=v["event_id"], program_id=self.writer.program_id)
        event = self.events.get(v["event_key"])
        if event is None:
            w = self.writer
            event = outreach.event_create(
                program=w.batch.program,
                actor=w.actor,
                first_session=(v["starts"], v["ends"]),
                kind=v["event_kind"],
                title=v["title"],
                venue=v.get("venue", ""),
                capacity=v.get("capacity", DEFAULT_CAPACITY),
                registration_open=False,
                contact_required=False,
            )
            event = outreach.event_publish(event=event, actor=w.actor)  # held, so the reports count it
            session = event.sessions.get()
            entries += [w.ledger("event", event.pk), w.ledger("session", session.pk)]
            self.events[v["event_key"]] = event
            self.sessions[(event.pk, v["starts"])] = session
        return event

    def _session(self, event, v, entries) -> EventSession:
        if v.get("session_id"):
            return EventSession.objects.get(pk=v["session_id"], event=event)
        session = self.sessions.get((event.pk, v["starts"]))
        if session is None:
            session = outreach.session_add(
                event=event, actor=self.writer.actor, starts_at=v["starts"], ends_at=v["ends"]
            )
            entries.append(self.writer.ledger("session", session.pk))
            self.sessions[(event.pk, v["starts"])] = session
        return session

    def _remember_numbering(self, event, entries) -> None:
        """An event that existed before the batch gets its next registration number back on undo."""
        if event.pk in self.touched or any(e.pk == event.pk for e in self.events.values()):
            return
        self.touched.add(event.pk)
        entries.append(
            self.writer.ledger("event_touch", event.pk, previous=str(event.next_registration_number))
        )


def _details(v: dict) -> RegistrantDetails:
    return RegistrantDetails(
        name=v.get("name", ""),
        category=v["category"],
        contact_email=v.get("contact_email", ""),
        contact_phone=v.get("contact_phone", ""),
        is_nickname=v.get("is_nickname", False),
    )


def undo(program_id: int, ids) -> None:
    """Delete a batch's attendance, supporters, registrations, sessions and events (in that order).

    ``ids(model)`` lists the ledger's ids of a model. A registration that existed before the batch
    and only lost an attendance gets its supporter row recomputed by outreach's own rule.
    """
    attendance = Attendance.objects.with_scopes_disabled().filter(
        program_id=program_id, pk__in=ids("attendance")
    )
    registrations = set(ids("registration"))
    earlier = set(attendance.values_list("registration_id", flat=True)) - registrations
    attendance.delete()
    Supporter.objects.with_scopes_disabled().filter(
        program_id=program_id, training_id__in=registrations
    ).delete()
    Registration.objects.with_scopes_disabled().filter(program_id=program_id, pk__in=registrations).delete()
    EventSession.objects.filter(program_id=program_id, pk__in=ids("session")).delete()
    OutreachEvent.objects.filter(program_id=program_id, pk__in=ids("event")).delete()
    for registration in (
        Registration.objects.with_scopes_disabled().filter(pk__in=earlier).select_related("event")
    ):
        supporters.sync_registration(registration=registration)


def restore_numbering(program_id: int, touched: list[tuple[int, str]]) -> None:
    for event_id, previous in touched:
        taken = (
            Registration.objects.with_scopes_disabled()
            .filter(event_id=event_id)
            .aggregate(n=Max("number"))["n"]
        )
        OutreachEvent.objects.filter(program_id=program_id, pk=event_id).update(
            next_registration_number=max(int(previous), (taken or 0) + 1)
        )


__all__ = ["EventBook", "AttendanceWriter", "EventStatus", "undo", "restore_numbering"]
