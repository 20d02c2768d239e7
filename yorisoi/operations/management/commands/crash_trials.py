import uuid

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from yorisoi.operations import engines


class Command(BaseCommand):
    help = (
        "Kill the real write paths with SIGKILL at random moments in a scratch copy of the configured "
        "database engine (never the live data) and check that nothing acknowledged is lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("--trials", type=int, default=50)
        parser.add_argument("--seed", type=int, default=None)
        parser.add_argument(
            "--max-delay", type=float, default=1.0, help="seconds after start to kill at most"
        )

    def handle(self, *args, **options):
        from yorisoi.operations.crash.harness import run_trials

        live = connection.settings_dict["NAME"]
        scratch = self._scratch_name(live)
        connection.close()
        connection.settings_dict["NAME"] = scratch  # from here on this process works on the scratch copy
        try:
            call_command("migrate", verbosity=0)
            figures = run_trials(
                options["trials"],
                seed=options["seed"],
                max_delay=options["max_delay"],
                progress=lambda n, f: self.stdout.write(f"  trial {n + 1}: {f.summary()}"),
            )
        finally:
            connection.close()
            connection.settings_dict["NAME"] = live
            self._drop(scratch)
        self.stdout.write(figures.summary())
        if not figures.ok:
            raise CommandError("\n".join(figures.lost + figures.half_written + figures.integrity))
        self.stdout.write(self.style.SUCCESS("0 acknowledged writes lost, 0 half-written units"))

    def _scratch_name(self, live):
        if connection.vendor == "postgresql":
            name = f"{live}_crash_{uuid.uuid4().hex[:6]}"[:63]
            engines.postgres_create(name)
            return name
        from pathlib import Path

        return str(Path(live).with_name(f"crash-{uuid.uuid4().hex[:6]}.sqlite3"))

    def _drop(self, scratch):
        if connection.vendor == "postgresql":
            engines.postgres_drop(scratch)
            return
        from pathlib import Path

        for suffix in ("", "-wal", "-shm"):
            Path(scratch + suffix).unlink(missing_ok=True)
