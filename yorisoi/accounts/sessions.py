"""Signed-in sessions: the idle and absolute limits, polling that does not count as activity, and the
list of a staff member's own sessions (so they can end one, and a password change ends the rest).

The idle clock moves only on a person's action. Views that refresh a panel on a timer are marked
with ``@polling`` and leave it where it was; nothing is guessed from headers.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import wraps
from importlib import import_module

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from yorisoi.accounts.models import StaffSession
from yorisoi.accounts.security_events import security_event_record

STARTED_KEY = "session_started_at"
ACTIVITY_KEY = "session_activity_at"
ACTIVITY_COOKIE = "yorisoi_activity"
STAMP_SECONDS = 60  # the session's own activity stamp is rewritten at most this often


def polling(view):
    """Mark a view that the page calls on a timer: it does not keep the session alive."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.is_polling = True
        return view(request, *args, **kwargs)

    wrapped.yorisoi_polling = True
    return wrapped


def idle_seconds() -> int:
    return settings.YORISOI_SESSION_IDLE_SECONDS


def absolute_seconds() -> int:
    return settings.YORISOI_SESSION_ABSOLUTE_SECONDS


def expired(session, now: float, last_action: float | None = None) -> bool:
    """Past the idle limit since the last action, or past the absolute limit since login.

    ``last_action`` (from the activity cookie) is exact; the session's own stamp may be up to
    ``STAMP_SECONDS`` older, since it is written at most that often.
    """
    started = session.setdefault(STARTED_KEY, now)
    activity = session.get(ACTIVITY_KEY, now)
    if last_action is not None:
        activity = max(activity, min(last_action, now))
    return now - activity > idle_seconds() or now - started > absolute_seconds()


def touch(request, response, now: float) -> None:
    """A person acted: the activity cookie says when, exactly; the session row follows once a minute.

    Writing the session on every request cost a database write (on SQLite, the write lock) per page.
    """
    if now - request.session.get(ACTIVITY_KEY, 0) >= STAMP_SECONDS:
        request.session[ACTIVITY_KEY] = now
    response.set_cookie(
        ACTIVITY_COOKIE,
        signing.dumps(now, salt=_activity_salt(request.session.session_key)),
        path=settings.SESSION_COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )


def last_action(request) -> float | None:
    """When this session's person last acted, from the activity cookie; None if absent or not genuine.

    Signed with the session's key: it cannot be forged, nor carried to another session. A replayed
    older value only makes the session look idler.
    """
    value, key = request.COOKIES.get(ACTIVITY_COOKIE), request.session.session_key
    if not value or not key:
        return None
    try:
        return float(signing.loads(value, salt=_activity_salt(key)))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def _activity_salt(session_key: str | None) -> str:
    return f"yorisoi.accounts.activity:{session_key}"


def browser_label(user_agent: str) -> str:
    """「Chrome（Windows）」: enough to recognise one's own device, nothing more."""
    browsers = [("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari")]
    systems = [
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Mac OS X", "Mac"),
        ("Linux", "Linux"),
    ]
    browser = next((name for token, name in browsers if token in user_agent), "ブラウザ")
    system = next((name for token, name in systems if token in user_agent), "")
    return f"{browser}（{system}）" if system else browser


def session_model():
    return import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()


@transaction.atomic
def session_started(request) -> StaffSession:
    """Called right after login: start both clocks and list the session among the user's own."""
    now = timezone.now().timestamp()
    request.session[STARTED_KEY] = request.session[ACTIVITY_KEY] = now
    if request.session.session_key is None:
        request.session.save()
    return StaffSession.objects.create(
        user=request.user,
        session_key=request.session.session_key,
        browser=browser_label(request.headers.get("user-agent", "")),
    )


def session_rotate(request) -> None:
    """A new session key (after the second step), so a key seen before it is useless."""
    old_key = request.session.session_key
    request.session.cycle_key()
    session_key_changed(old_key=old_key, new_key=request.session.session_key)


def session_key_changed(*, old_key: str | None, new_key: str) -> None:
    """The listed row follows its session to the new key."""
    if old_key:
        StaffSession.objects.filter(session_key=old_key).update(session_key=new_key)


def session_ended(request) -> None:
    """Logging out: the row says when."""
    key = request.session.session_key
    if key:
        StaffSession.objects.filter(session_key=key, ended_at__isnull=True).update(ended_at=timezone.now())


@dataclass(frozen=True)
class OpenSession:
    public_id: object
    browser: str
    started_at: datetime
    last_activity_at: datetime
    is_current: bool


def open_sessions(*, user, current_key: str | None) -> list[OpenSession]:
    """The user's sessions still alive, newest first (two queries whatever their number)."""
    rows = list(StaffSession.objects.filter(user=user, ended_at__isnull=True)[:50])
    now = timezone.now()
    alive = {
        s.session_key: s.get_decoded()
        for s in session_model().objects.filter(
            session_key__in=[r.session_key for r in rows], expire_date__gt=now
        )
    }
    result = []
    for row in rows:
        data = alive.get(row.session_key)
        if data is None or expired(dict(data), now.timestamp()):
            continue
        activity = datetime.fromtimestamp(data.get(ACTIVITY_KEY, row.started_at.timestamp()), tz=UTC)
        result.append(
            OpenSession(row.public_id, row.browser, row.started_at, activity, row.session_key == current_key)
        )
    return result


@transaction.atomic
def session_end(*, user, public_id, actor) -> bool:
    """End one of ``user``'s own sessions; False when there is no such open session."""
    row = StaffSession.objects.filter(user=user, public_id=public_id, ended_at__isnull=True).first()
    if row is None:
        return False
    session_model().objects.filter(session_key=row.session_key).delete()
    StaffSession.objects.filter(pk=row.pk).update(ended_at=timezone.now())
    security_event_record(actor=actor, action="session.end", subject_user=user, data={"browser": row.browser})
    return True


@transaction.atomic
def sessions_end_all(*, user, actor, keep_key: str | None = None, reason: str) -> int:
    """Log ``user`` out everywhere (but ``keep_key``): after a password change or when disabled."""
    rows = StaffSession.objects.filter(user=user, ended_at__isnull=True).exclude(session_key=keep_key or "")
    keys = list(rows.values_list("session_key", flat=True))
    session_model().objects.filter(session_key__in=keys).delete()
    rows.update(ended_at=timezone.now())
    security_event_record(
        actor=actor, action="session.end_all", subject_user=user, data={"reason": reason, "ended": len(keys)}
    )
    return len(keys)
