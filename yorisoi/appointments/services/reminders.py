"""Reminders of tomorrow's appointments, only in the way each person allows.

An email goes only when the booking says the person or family chose email, an address is known,
and their contact cautions do not forbid it. It names the time, the place and the program's phone
— nothing about who or why — and is sent after the transaction that records it commits. The
record (one row per appointment and channel) is what makes sending twice impossible.
"""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yorisoi.appointments.availability.clock import at, local_tz
from yorisoi.appointments.models import Appointment, AppointmentStatus, Reminder, ReminderChannel
from yorisoi.audit.services import audit_record

# "No email", however a consultant wrote it down: メール不可, メールはしない, メールを送らない, …
NO_EMAIL = re.compile(
    r"(メール|mail|e-mail)[^。、\n]{0,6}?(不可|しない|送らない|禁止|NG|ダメ|だめ|やめ|控え|避け|しないで)",
    re.I,
)
WEEKDAYS = "月火水木金土日"


class ReminderState:
    SENT = "sent"
    WILL_SEND = "will_send"
    NOT_CHOSEN = "not_chosen"
    NO_ADDRESS = "no_address"
    FORBIDDEN = "forbidden"

    LABELS = {
        SENT: gettext_lazy("メールでお知らせ済み"),
        WILL_SEND: gettext_lazy("前日にメールでお知らせします"),
        NOT_CHOSEN: gettext_lazy("メールのお知らせなし"),
        NO_ADDRESS: gettext_lazy("メールアドレスがないため送りません"),
        FORBIDDEN: gettext_lazy("連絡の注意により、メールは送りません"),
    }


def contact_of(appointment: Appointment) -> tuple[str, str]:
    """The email address and the contact cautions of whom the appointment is with."""
    if appointment.case_id:
        client = appointment.case.client
        return client.email, client.contact_preferences
    return appointment.inquiry.contact_email, appointment.inquiry.contact_preferences


def email_forbidden(cautions: str) -> bool:
    return bool(NO_EMAIL.search(cautions or ""))


def email_state(appointment: Appointment, sent: bool) -> str:
    """What happens about an email reminder for ``appointment``; the one rule the page and sender share."""
    if sent:
        return ReminderState.SENT
    if not appointment.remind_by_email:
        return ReminderState.NOT_CHOSEN
    address, cautions = contact_of(appointment)
    if email_forbidden(cautions):
        return ReminderState.FORBIDDEN
    if not address:
        return ReminderState.NO_ADDRESS
    return ReminderState.WILL_SEND


def reminder_message(appointment: Appointment) -> tuple[str, str]:
    """Subject and body: time, place and the program's phone only — no name, no program name."""
    start = timezone.localtime(appointment.starts_at, local_tz())
    place = appointment.place.address or appointment.place.name
    subject = _("明日のご予約のお知らせ")
    body = _(
        "明日 %(month)s月%(day)s日（%(weekday)s）%(time)s からのご予約のお知らせです。\n"
        "場所：%(place)s\n"
        "ご都合が悪くなったときや、ご不明な点は、こちらへお電話ください：%(phone)s\n"
    ) % {
        "month": start.month,
        "day": start.day,
        "weekday": WEEKDAYS[start.weekday()],
        "time": f"{start:%H:%M}",
        "place": place,
        "phone": appointment.program.phone,
    }
    return subject, body


@dataclass(frozen=True)
class SendResult:
    sent: int
    skipped: int


def tomorrow_bounds(today: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    tomorrow = today + datetime.timedelta(days=1)
    return at(tomorrow, datetime.time.min), at(tomorrow + datetime.timedelta(days=1), datetime.time.min)


def send_tomorrows_reminders(*, today: datetime.date | None = None) -> SendResult:
    """Email tomorrow's reminders that were chosen and are allowed; never twice, however often it runs."""
    start, end = tomorrow_bounds(today or timezone.localdate())
    rows = (
        Appointment.objects.with_scopes_disabled()
        .filter(
            status=AppointmentStatus.BOOKED, remind_by_email=True, starts_at__gte=start, starts_at__lt=end
        )
        .exclude(reminders__channel=ReminderChannel.EMAIL)
        .select_related("program", "place", "case__client", "inquiry")
        .order_by("starts_at", "id")
    )
    sent = skipped = 0
    for appointment in rows:
        if email_state(appointment, sent=False) != ReminderState.WILL_SEND:
            skipped += 1
            continue
        sent += _send_one(appointment)
    return SendResult(sent, skipped)


def _send_one(appointment: Appointment) -> int:
    address, _cautions = contact_of(appointment)
    subject, body = reminder_message(appointment)
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                program_id=appointment.program_id,
                appointment=appointment,
                channel=ReminderChannel.EMAIL,
                sent_at=timezone.now(),
            )
            audit_record(
                actor=None, action="appointment.remind", target=appointment, data={"channel": "email"}
            )
            transaction.on_commit(
                lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=False)
            )
    except IntegrityError:
        return 0  # recorded by a run at the same moment: that run sends it
    return 1 if reminder.pk else 0
