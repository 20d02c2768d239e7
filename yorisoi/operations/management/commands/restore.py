from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from yorisoi.operations import backups
from yorisoi.operations.crypto import BackupError


def report(command, result) -> None:
    """Print the verification; raise (exit status 1) on any difference."""
    total = sum(t["rows"] for t in result.manifest["tables"].values())
    if not result.ok:
        lines = result.differences + (
            [f"integrity_check: {result.integrity}"] if result.integrity != "ok" else []
        )
        raise CommandError("復元したデータがバックアップと一致しません:\n  " + "\n  ".join(lines))
    command.stdout.write(
        command.style.SUCCESS(
            f"復元して確かめました: {len(result.manifest['tables'])} 表、{total} 行、"
            f"すべて一致（{result.target}）"
        )
    )


class Command(BaseCommand):
    help = "Restore a backup into a scratch database (or --target) and verify it against its manifest."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the .ybk file")
        parser.add_argument(
            "--target", help="SQLite file path or PostgreSQL database name (default: scratch)"
        )
        parser.add_argument("--keep", action="store_true", help="keep the scratch database after verifying")
        parser.add_argument("--force", action="store_true", help="allow the live database as the target")
        parser.add_argument("--allow-other-installation", action="store_true")

    def handle(self, *args, **options):
        try:
            result = backups.backup_restore(
                Path(options["backup"]),
                target=options["target"],
                keep=options["keep"],
                force=options["force"],
                allow_other_installation=options["allow_other_installation"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        report(self, result)
