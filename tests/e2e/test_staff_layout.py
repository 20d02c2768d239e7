"""The active program is unmistakable, the switcher fits the header at 1024–1920 px, and the
record form fits a 390 px phone."""

import pytest
from playwright.sync_api import expect

from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_program_colour_and_switcher_fit_the_header(page, log_in, programs, screenshot):
    from yorisoi.programs.tests.factories import StaffFactory

    both = StaffFactory(
        memberships=[(programs["chiba"], Role.COUNSELOR), (programs["urayasu"], Role.COUNSELOR)]
    )
    colours = {}
    for width in (1024, 1920):
        page.set_viewport_size({"width": width, "height": 800})
        log_in(both) if width == 1024 else page.reload()
        screenshot(f"staff-header-{width}")
        box = page.locator(".staff-header").bounding_box()
        assert horizontal_overflow(page) == 0
        assert box["height"] < 120  # one line (two at most), never a tower of wrapped controls
        expect(page.get_by_label("事業を切り替える")).to_be_visible()
    colours["chiba"] = page.evaluate(
        "getComputedStyle(document.querySelector('.program-name')).backgroundColor"
    )
    page.get_by_label("事業を切り替える").select_option(label=programs["urayasu"].short_name)
    page.get_by_role("button", name="切り替え").click()
    expect(page.locator(".program-name")).to_have_text(programs["urayasu"].name)
    colours["urayasu"] = page.evaluate(
        "getComputedStyle(document.querySelector('.program-name')).backgroundColor"
    )
    assert colours["chiba"] != colours["urayasu"]


def test_record_form_fits_a_phone(page, log_in, staff, chiba, screenshot):
    counselor = staff("chiba", Role.COUNSELOR)
    case = make_case(program=chiba, actor=counselor)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(counselor)
    page.goto(f"/staff/support/cases/{case.public_id}/records/new/")
    expect(page.get_by_label("要旨")).to_be_visible()
    assert horizontal_overflow(page) == 0
    screenshot("record-form-390")
