"""The isolation matrix: every staff URL × every role × both programs.

Pages are declared by each app in ``yorisoi/<app>/tests/isolation.py``; a staff URL that no app
declares fails the first test, so a new page cannot skip the matrix.
"""

import importlib

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from yorisoi.audit.models import AccessLog
from yorisoi.core.testing.isolation import ALL_ROLES
from yorisoi.programs.models import Role

PUBLIC_NAMESPACES = {"portal", "admin"}


def declared_pages():
    pages = []
    for config in apps.get_app_configs():
        if not config.name.startswith("yorisoi."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.isolation")
        except ModuleNotFoundError:
            continue
        pages.extend(module.PAGES)
    return pages


PAGES = declared_pages()
PERSON_PAGES = [p for p in PAGES if p.holds_person_data]
OTHER_PAGES = [p for p in PAGES if not p.holds_person_data]


def url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns)
    return {n for n in names if n.split(":")[0] not in PUBLIC_NAMESPACES}


def test_every_staff_url_is_in_the_matrix():
    assert url_names() - {p.name for p in PAGES} == set(), "declare the new page in <app>/tests/isolation.py"


@pytest.mark.parametrize("page", PERSON_PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("slug", ["chiba", "urayasu"])
@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_person_pages_show_only_the_own_program_to_allowed_roles(page, slug, role, chiba, staff, client_as):
    # given person rows in Chiba behind the page, and a member of one program in one role
    built = page.build(chiba, staff("chiba", Role.COUNSELOR))
    url = reverse(page.name, kwargs=built.kwargs)
    viewer = staff(slug, role)
    http = client_as(viewer)
    # when they open it (or post the action)
    if page.method == "post":
        response = http.post(url, {**page.data, **built.query})  # a search posts its query
    else:
        response = http.get(url, built.query)
    body = response.content.decode(errors="replace")  # an Excel export is bytes
    logged = AccessLog.objects.filter(actor=viewer, subject_id=built.subject_id)
    # then only an allowed role of the owning program sees or changes the rows, and only they are logged
    if slug == "chiba" and role in page.allowed:
        if page.method == "post":
            assert response.status_code in (200, 302)
        else:
            assert response.status_code == 200
            assert any(identifier in body for identifier in built.identifiers)
        if page.per_object:
            assert logged.filter(kind="view").count() == 1
    else:
        # a list page of one's own program opens (empty of Chiba); anything else is "missing"
        is_own_list = not built.kwargs and role in page.allowed
        assert response.status_code == (200 if is_own_list else 404)
        assert [i for i in built.identifiers if i in body] == []
        assert logged.count() == 0


@pytest.mark.parametrize(
    "page", [p for p in PAGES if not p.holds_person_data and p.method == "get"], ids=lambda p: p.name
)
@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_other_staff_pages_by_role(page, role, chiba, staff, client_as):
    status = client_as(staff("chiba", role)).get(reverse(page.name)).status_code
    if page.redirects or role in page.redirects_for:
        assert status == 302
    else:
        assert status == (200 if role in page.allowed else 404)
