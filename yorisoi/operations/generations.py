"""Which backup generations to keep: the newest of each of the last N days, weeks and months."""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

NAME = re.compile(r"^yorisoi-(\d{8}T\d{6}Z)\.ybk$")


@dataclass(frozen=True)
class Schedule:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    @classmethod
    def from_settings(cls) -> "Schedule":
        return cls(**getattr(settings, "YORISOI_BACKUP_KEEP", {}))


def backup_dir() -> Path:
    return Path(settings.YORISOI_BACKUP_DIR)


def file_name(at: datetime.datetime) -> str:
    return f"yorisoi-{at.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}.ybk"


def taken_at(path: Path) -> datetime.datetime | None:
    match = NAME.match(path.name)
    if not match:
        return None
    return datetime.datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC)


def backups(directory: Path | None = None) -> list[Path]:
    """Backup files in the folder, newest first (by the time in their name)."""
    directory = directory or backup_dir()
    found = [p for p in directory.glob("yorisoi-*.ybk") if taken_at(p)] if directory.exists() else []
    return sorted(found, key=taken_at, reverse=True)


def to_keep(times: list[datetime.datetime], schedule: Schedule) -> set[datetime.datetime]:
    """The newest backup of each of the last ``daily`` days, ``weekly`` ISO weeks, ``monthly`` months.

    The newest backup is always kept. Times are bucketed in Japan time, as staff read dates.
    """
    tz = datetime.timezone(datetime.timedelta(hours=9))
    buckets = {
        "daily": (schedule.daily, lambda t: t.date()),
        "weekly": (schedule.weekly, lambda t: t.isocalendar()[:2]),
        "monthly": (schedule.monthly, lambda t: (t.year, t.month)),
    }
    keep: set[datetime.datetime] = set()
    for limit, bucket_of in buckets.values():
        seen: list = []
        for at in sorted(times, reverse=True):
            bucket = bucket_of(at.astimezone(tz))
            if bucket not in seen and len(seen) < limit:
                seen.append(bucket)
                keep.add(at)
    if times:
        keep.add(max(times))
    return keep


def prune(directory: Path | None = None, schedule: Schedule | None = None) -> list[Path]:
    """Delete the generations the schedule no longer keeps; return what was deleted."""
    files = backups(directory)
    keep = to_keep([taken_at(p) for p in files], schedule or Schedule.from_settings())
    removed = [p for p in files if taken_at(p) not in keep]
    for path in removed:
        path.unlink()
    return removed
