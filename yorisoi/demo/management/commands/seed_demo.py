from django.core.management import call_command
from django.core.management.base import BaseCommand

from yorisoi.demo.generate import DEMO_PASSWORD, DEMO_STAFF, seed_demo


class Command(BaseCommand):
    help = "Create the programs, demo staff of every role and fictional persons (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, default=60, help="inquiries per program")

    def handle(self, *args, persons, **options):
        seed_demo(persons_per_program=persons)
        call_command("optimize_db", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("デモデータを用意しました。ログイン（パスワードはすべて同じ）:"))
        for username, display_name, _memberships, _admin in DEMO_STAFF:
            self.stdout.write(f"  {username:<18} {display_name}")
        self.stdout.write(f"  password: {DEMO_PASSWORD}")
