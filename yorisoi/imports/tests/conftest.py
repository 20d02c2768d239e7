import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yorisoi.imports import services
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def manager(staff):
    return staff("chiba", Role.MANAGER, display_name="相談 花子")


@pytest.fixture
def actor(manager, chiba):
    return Actor(user=manager, program=chiba, role=Role.MANAGER)


@pytest.fixture
def upload(actor):
    def make(content: bytes, name: str = "相談記録.xlsx", as_actor=None):
        return services.batch_upload(
            actor=as_actor or actor, upload=SimpleUploadedFile(name, content), file_name=name
        )

    return make
