"""manage.py import_records FILE --program chiba --user chiba_manager [--confirm]

Without --confirm it is a dry run: it prints what would happen and every row that cannot be
imported, and writes nothing. With --confirm it writes one recorded batch, showing progress.
"""

from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope
from tqdm import tqdm

from yorisoi.accounts.models import User
from yorisoi.imports import services
from yorisoi.imports.reading import FileRefused
from yorisoi.programs.models import Membership, Program, Role
from yorisoi.programs.permissions import Actor


class Command(BaseCommand):
    help = "Import a program's past records from an .xlsx or .csv file (dry run unless --confirm)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--program", required=True, help="program slug: chiba or urayasu")
        parser.add_argument("--user", required=True, help="username of a manager of that program")
        parser.add_argument("--confirm", action="store_true", help="write the batch (default: dry run)")

    def handle(self, *args, file: Path, program: str, user: str, confirm: bool, **options):
        actor = self._actor(program, user)
        if not file.is_file():
            raise CommandError(f"ファイルがありません: {file}")
        with scope(program=[actor.program.pk]):
            try:
                with open(file, "rb") as f:
                    batch = services.batch_upload(actor=actor, upload=File(f), file_name=file.name)
                preview = services.batch_preview(batch=batch, actor=actor)
            except FileRefused as error:
                raise CommandError(str(error)) from error
            self._report(preview)
            if preview.needs_mapping:
                services.batch_discard(batch=batch, actor=actor)
                raise CommandError(
                    "列の対応が決まっていない見出しがあります。画面の「取り込み」で選んでください。"
                )
            if not confirm:
                services.batch_discard(batch=batch, actor=actor)
                self.stdout.write("試し読みのみ（--confirm で書き込みます）。何も書き込んでいません。")
                return
            with tqdm(total=preview.rows_read, unit="行", file=self.stderr) as bar:
                batch = services.batch_confirm(batch=batch, actor=actor, progress=bar.update)
        self.stdout.write(f"取り込みました: {batch.public_id}（{batch.rows_done}行）")

    def _actor(self, slug: str, username: str) -> Actor:
        try:
            program = Program.objects.get(slug=slug)
            member = User.objects.get(username=username)
        except (Program.DoesNotExist, User.DoesNotExist) as error:
            raise CommandError("事業か職員が見つかりません。") from error
        if not Membership.objects.filter(
            user=member, program=program, role=Role.MANAGER, is_active=True
        ).exists():
            raise CommandError(f"{username} は {program.short_name} の管理者ではありません。")
        return Actor(user=member, program=program, role=Role.MANAGER)

    def _report(self, preview) -> None:
        for label, create, match, skip, reject in preview.summary:
            self.stdout.write(
                f"{label}: 作成 {create} / 一致 {match} / 取り込み済み {skip} / 取り込めない {reject}"
            )
        for sheet, number, message in preview.problems:
            self.stdout.write(f"  {sheet} {number}行目: {message}")
        if preview.more_problems:
            self.stdout.write(f"  ほかに {preview.more_problems} 行")
