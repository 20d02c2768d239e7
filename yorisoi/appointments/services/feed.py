"""The private calendar feed's token: only its hash is stored."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from yorisoi.appointments.models import StaffCalendar


def feed_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_token_regenerate(*, user) -> str:
    """A new private feed URL token; the old one stops working at once. Only its hash is stored."""
    token = secrets.token_urlsafe(32)
    calendar, _created = StaffCalendar.objects.get_or_create(user=user)
    calendar.feed_token_hash, calendar.feed_created_at = feed_token_hash(token), timezone.now()
    calendar.save(update_fields=["feed_token_hash", "feed_created_at"])
    return token


@transaction.atomic
def feed_token_revoke(*, user) -> None:
    StaffCalendar.objects.filter(user=user).update(feed_token_hash=None, feed_created_at=None)
