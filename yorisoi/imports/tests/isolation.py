from django.core.files.uploadedfile import SimpleUploadedFile

from yorisoi.core.testing.isolation import MANAGER_ONLY, Built, StaffPage
from yorisoi.imports import services
from yorisoi.imports.tests.workbooks import messy_workbook
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor


def _batch(program, author, *, confirm=False):
    actor = Actor(user=author, program=program, role=Role.MANAGER)
    content = messy_workbook()
    batch = services.batch_upload(
        actor=actor, upload=SimpleUploadedFile("照合用.xlsx", content), file_name="照合用.xlsx"
    )
    if confirm:
        batch = services.batch_confirm(batch=batch, actor=actor)
    return Built({"batch_id": batch.public_id}, (str(batch.public_id), "照合用.xlsx"), batch.public_id)


def _confirmed(program, author):
    return _batch(program, author, confirm=True)


PAGES = [
    StaffPage("imports:index", MANAGER_ONLY),
    StaffPage("imports:template", MANAGER_ONLY),
    StaffPage("imports:detail", MANAGER_ONLY, _batch, per_object=True),
    StaffPage("imports:mapping", MANAGER_ONLY, _batch),
    StaffPage("imports:progress", MANAGER_ONLY, _confirmed),
    StaffPage("imports:confirm", MANAGER_ONLY, _batch, method="post"),
    StaffPage("imports:rollback", MANAGER_ONLY, _confirmed, method="post"),
    StaffPage("imports:discard", MANAGER_ONLY, _batch, method="post"),
]
