from django.core.management.base import BaseCommand, CommandError

from yorisoi.operations import backups
from yorisoi.operations.crypto import BackupError
from yorisoi.operations.management.commands.restore import report


class Command(BaseCommand):
    help = "Restore the newest backup into a scratch database, verify every table, drop it; fail loudly."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="backup folder (default: YORISOI_BACKUP_DIR)")

    def handle(self, *args, **options):
        from pathlib import Path

        try:
            newest = backups.newest_backup(Path(options["dir"]) if options["dir"] else None)
            self.stdout.write(f"訓練: {newest.name} を一時的な場所へ復元します")
            result = backups.backup_restore(newest)
        except BackupError as error:
            raise CommandError(f"復元訓練に失敗しました: {error}") from error
        report(self, result)
