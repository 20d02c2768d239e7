from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from yorisoi.demo.generate import DEMO_PASSWORD, DEMO_STAFF, seed_demo


class Command(BaseCommand):
    help = "Create the programs, demo staff of every role and fictional persons (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, default=60, help="inquiries per program")

    def handle(self, *args, persons, **options):
        if settings.ENV == "production":
            # The demo staff share a password printed in the README; a superuser among them in
            # production would be an open door.
            raise CommandError(
                "seed_demo は本番環境（YORISOI_ENV=production）では実行できません。"
                "デモ用の職員は誰でも知っているパスワードでログインできるためです。"
                "新しい環境は `manage.py bootstrap` で用意してください。"
            )
        seed_demo(persons_per_program=persons)  # ends with the planner's statistics refreshed
        self.stdout.write(self.style.SUCCESS("デモデータを用意しました。ログイン（パスワードはすべて同じ）:"))
        for username, display_name, _memberships, _admin in DEMO_STAFF:
            self.stdout.write(f"  {username:<18} {display_name}")
        self.stdout.write(f"  password: {DEMO_PASSWORD}")
