from django.core.management.base import BaseCommand

from yorisoi.programs.bootstrap import bootstrap_organization


class Command(BaseCommand):
    help = "Create the organization and its two programs with their published facts (idempotent)."

    def handle(self, *args, **options):
        organization = bootstrap_organization()
        names = ", ".join(p.name for p in organization.programs.all())
        self.stdout.write(self.style.SUCCESS(f"{organization.name}: {names}"))
