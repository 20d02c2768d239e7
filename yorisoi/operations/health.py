"""The load balancer's health check: 200 when the database answers, every migration is applied and the
disk has room; 503 otherwise. The body is one word either way: no versions, paths or reasons
(the reason goes to the server log).
"""

import functools
import logging
import shutil
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpResponse

logger = logging.getLogger(__name__)


@functools.cache
def migrations_on_disk() -> frozenset[tuple[str, str]]:
    # The code does not change while the process runs; the database may.
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def existing_folder(path: Path) -> Path:
    """``path`` or its nearest existing parent: the disk the data folder is (or will be) on."""
    path = Path(path).resolve()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def failed_check() -> str | None:
    """The name of the first failing check, or None when all pass."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        applied = set(MigrationRecorder(connection).applied_migrations())
    except DatabaseError:
        connection.close()  # the next check starts from a fresh connection
        return "database"
    if migrations_on_disk() - applied:
        return "migrations"
    if (
        shutil.disk_usage(existing_folder(settings.DATA_DIR)).free
        < settings.YORISOI_HEALTH_MIN_FREE_MB * 1024**2
    ):
        return "disk"
    return None


def health_response() -> HttpResponse:
    failed = failed_check()
    if failed:
        logger.warning("health check failed: %s", failed)
    response = HttpResponse(
        "unavailable" if failed else "ok", content_type="text/plain", status=503 if failed else 200
    )
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers ``YORISOI_HEALTH_CHECK_PATH`` before any other middleware (sessions, login, MFA, program).

    It sits first in MIDDLEWARE so the check never needs a session, a login or an allowed Host
    header (a load balancer often calls by address), and plain HTTP is not redirected to HTTPS.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == settings.YORISOI_HEALTH_CHECK_PATH:
            if request.method not in ("GET", "HEAD"):
                return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
            return health_response()
        return self.get_response(request)
