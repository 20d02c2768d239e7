"""Send tomorrow's email reminders (run once a day, e.g. from cron at 17:00; never sends one twice)."""

from django.core.management.base import BaseCommand

from yorisoi.appointments.services import send_tomorrows_reminders


class Command(BaseCommand):
    help = "明日の予約のお知らせメールを、希望した方にだけ送ります（同じ予約には二度送りません）。"

    def handle(self, *args, **options):
        result = send_tomorrows_reminders()
        self.stdout.write(f"sent={result.sent} skipped={result.skipped}")
