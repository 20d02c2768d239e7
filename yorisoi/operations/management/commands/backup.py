from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from yorisoi.operations import backups, generations
from yorisoi.operations.crypto import BackupError, new_key


class Command(BaseCommand):
    help = "Back up the database, encrypted, into YORISOI_BACKUP_DIR and prune old generations."

    def add_arguments(self, parser):
        parser.add_argument("--new-key", action="store_true", help="print a new encryption key and exit")
        parser.add_argument("--dir", help="backup folder (default: YORISOI_BACKUP_DIR)")

    def handle(self, *args, **options):
        if options["new_key"]:
            self.stdout.write(new_key())
            return
        directory = Path(options["dir"]) if options["dir"] else None
        try:
            path = backups.backup_create(directory=directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        kept = generations.backups(path.parent)
        self.stdout.write(self.style.SUCCESS(f"バックアップしました: {path}（保存中の世代: {len(kept)}）"))
