"""axe-core (the engine behind most accessibility checkers) on every public page and the main staff pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
    "/",
    "/hikikomori/",
    "/philosophy/",
    "/programs/chiba/",
    "/programs/urayasu/",
    "/check/",
    "/find/",
    "/find/?postal_code=279-0004",
    "/programs/urayasu/request/",
    "/privacy/",
    "/staff/accounts/login/",
]


def violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_accessibility_violations(page, programs, path):
    page.goto(path)
    assert violations(page) == []


def test_public_request_form_with_errors_has_no_violations(page, programs):
    page.goto("/programs/urayasu/request/")
    page.locator("form button[type=submit]").last.click()
    assert violations(page) == []


def test_staff_pages_have_no_accessibility_violations(page, log_in, staff, chiba):
    counselor = staff("chiba", Role.COUNSELOR)
    case = make_case(program=chiba, actor=counselor)
    log_in(counselor)
    for path in [
        "/staff/",
        "/staff/cases/",
        case.get_absolute_url(),
        "/staff/cases/inquiries/new/",
        "/staff/cases/new/",
    ]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path
