"""The isolation matrix: every staff URL × every role × both programs.

Every URL under /staff/ must be listed here, so a new page cannot be added without saying who
may see it; the test fails on any URL it does not know.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from yorisoi.audit.models import AccessLog
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.programs.models import Role

ALL_ROLES = frozenset(Role.values)
PERSON_ROLES = frozenset({Role.MANAGER, Role.COUNSELOR, Role.CLERK})
CONTENT_ROLES = frozenset({Role.MANAGER, Role.COUNSELOR})


@dataclass(frozen=True)
class Page:
    name: str
    kwargs: Callable[[dict], dict]
    allowed: frozenset  # roles of the owning program that may open it
    per_object: bool  # one object's page (logs exactly one view) or a list of the program's rows


PERSON_PAGES = [
    Page("cases:list", lambda o: {}, PERSON_ROLES, per_object=False),
    Page("cases:detail", lambda o: {"case_id": o["case"].public_id}, CONTENT_ROLES, per_object=True),
    Page("cases:inquiry_list", lambda o: {}, PERSON_ROLES, per_object=False),
    Page(
        "cases:inquiry_detail",
        lambda o: {"inquiry_id": o["inquiry"].public_id},
        PERSON_ROLES,
        per_object=True,
    ),
    Page("cases:urgent_panel", lambda o: {}, PERSON_ROLES, per_object=False),
]
# Pages without person data, and who may open them (still scoped, still refused to others).
OTHER_STAFF_PAGES = {
    "programs:home": ALL_ROLES,
    "programs:switch": ALL_ROLES,  # POST only
    "accounts:login": ALL_ROLES,
    "accounts:logout": ALL_ROLES,
    "audit:log": frozenset({Role.MANAGER}),
}


def staff_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns)
    return {n for n in names if n.split(":")[0] in {"programs", "accounts", "audit", "cases"}}


def test_every_staff_url_is_in_the_matrix():
    known = {p.name for p in PERSON_PAGES} | set(OTHER_STAFF_PAGES)
    assert staff_url_names() - known == set(), "add the new page to the isolation matrix"


@pytest.fixture
def chiba_rows(chiba, staff):
    author = staff("chiba", Role.COUNSELOR)
    case = make_case(program=chiba, actor=author)
    inquiry = make_inquiry(program=chiba, actor=author, caller_name="照合用 太郎", is_urgent=True)
    identifiers = [
        str(case.public_id),
        str(inquiry.public_id),
        str(case.client.public_id),
        case.client.family_name + " " + case.client.given_name,
        "照合用 太郎",
    ]
    return {"case": case, "inquiry": inquiry, "identifiers": identifiers}


@pytest.mark.parametrize("page", PERSON_PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("slug", ["chiba", "urayasu"])
@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_person_pages_show_only_the_own_program_to_allowed_roles(
    page, slug, role, chiba_rows, staff, client_as
):
    # given a member of one program in one role, and person rows in Chiba
    url = reverse(page.name, kwargs=page.kwargs(chiba_rows))
    viewer = staff(slug, role)
    logs_before = AccessLog.objects.filter(actor=viewer).count()
    # when they open the page
    response = client_as(viewer).get(url)
    body = response.content.decode()
    may_see = slug == "chiba" and role in page.allowed
    # then only an allowed role of the owning program sees it
    if may_see:
        assert response.status_code == 200
        if page.per_object:
            assert AccessLog.objects.filter(actor=viewer).count() == logs_before + 1
    else:
        expected_status = 200 if (not page.per_object and role in page.allowed) else 404
        assert response.status_code == expected_status
        for identifier in chiba_rows["identifiers"]:
            assert identifier not in body
        assert AccessLog.objects.filter(actor=viewer, subject_id=chiba_rows["case"].public_id).count() == 0


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_audit_log_only_for_managers(role, staff, client_as):
    status = client_as(staff("chiba", role)).get(reverse("audit:log")).status_code
    assert status == (200 if role in OTHER_STAFF_PAGES["audit:log"] else 404)
