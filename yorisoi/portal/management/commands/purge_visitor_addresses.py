"""Remove the public rate limits' expired counts: a visitor's address is kept no longer than its window."""

from django.core.management.base import BaseCommand

from yorisoi.portal.rate_limit import purge_expired_counts


class Command(BaseCommand):
    help = "Remove expired rate-limit counts (keyed hashes of visitors' addresses). Run hourly."

    def handle(self, *args, **options):
        removed = purge_expired_counts()
        self.stdout.write(f"removed {removed} expired rate-limit counts")
