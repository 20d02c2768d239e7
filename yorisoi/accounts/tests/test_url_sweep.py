"""The sweep: with two-step login required (as in production), a session that gave only the password
reaches no URL of the project — staff pages, htmx fragments, the admin, the feed."""

import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from yorisoi.programs.models import Role
from yorisoi.programs.tests.factories import TEST_PASSWORD, StaffFactory

PUBLIC_NAMESPACES = {"portal"}
SAMPLES = {"uuid": uuid.uuid4(), "int": 1, "str": "1", "slug": "x", "path": "x"}
# The second step itself (and leaving) is what a password-only session may reach.
SECOND_STEP = {"accounts:mfa_verify", "accounts:mfa_recovery", "accounts:logout"}


def every_url() -> list[tuple[str, str]]:
    """(name, URL) for every named pattern outside the public site, with sample arguments."""
    found = []

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name:
                name = f"{namespace}{p.name}"
                if name.split(":")[0] not in PUBLIC_NAMESPACES:
                    found.append((name, url_for(name, p)))

    walk(get_resolver().url_patterns)
    return found


def url_for(name: str, pattern: URLPattern) -> str:
    converters = getattr(pattern.pattern, "converters", {})
    kwargs = {
        key: SAMPLES.get(type(conv).__name__.replace("Converter", "").lower(), "1")
        for key, conv in converters.items()
    }
    if not converters and pattern.pattern.regex.groupindex:  # the admin's app index: a regex
        kwargs = {key: "accounts" for key in pattern.pattern.regex.groupindex}
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def admin_with_device(programs):
    user = StaffFactory(
        is_system_admin=True,
        is_staff=True,
        is_superuser=True,
        memberships=[(programs["chiba"], Role.MANAGER), (programs["urayasu"], Role.MANAGER)],
    )
    TOTPDevice.objects.create(user=user, name="yorisoi", confirmed=True)
    return user


def password_only_sessions(user) -> dict[str, Client]:
    by_login = Client()
    response = by_login.post(
        reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD}
    )
    assert response["Location"] == reverse("accounts:mfa_verify")
    by_other_path = Client()  # a session made without the staff login (as any other login path would)
    by_other_path.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return {"staff login": by_login, "other login": by_other_path}


def test_a_password_only_session_reaches_no_url_of_the_project(admin_with_device, settings):
    # given production's rule and a system admin (member of both programs) whose phone is set up
    settings.YORISOI_REQUIRE_MFA = True
    urls = every_url()
    reached = []
    # when each password-only session asks for every URL, by GET and by POST
    for label, http in password_only_sessions(admin_with_device).items():
        for name, url in urls:
            if name in SECOND_STEP:
                continue
            for method in (http.get, http.post):
                response = method(url)
                ok = response.status_code == 302 and response["Location"] == reverse("accounts:mfa_verify")
                if not ok:
                    reached.append((label, method.__name__, name, response.status_code))
    # then every one of them answers with the code page, none with content
    assert len(urls) > 100  # the sweep covers the whole project, admin included
    assert {n for n, _ in urls} >= {
        "admin:index",
        "admin:accounts_user_changelist",
        "appointments:feed",
        "cases:urgent_panel",
        "staffing:grants",
    }
    assert reached == []


def test_the_admin_login_page_is_not_a_second_door(admin_with_device, settings):
    """The admin's own login form no longer signs anybody in: it sends to the staff login."""
    settings.YORISOI_REQUIRE_MFA = True
    http = Client()
    response = http.post(
        reverse("admin:login"), {"username": admin_with_device.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in http.session
    to_admin_login = http.get(reverse("admin:index"))["Location"]
    assert http.get(to_admin_login)["Location"] == reverse("accounts:login") + "?next=/system/admin/"


def test_after_the_code_the_system_admin_opens_the_admin(admin_with_device, settings):
    from yorisoi.accounts.tests.test_two_step import code_for

    settings.YORISOI_REQUIRE_MFA = True
    http = password_only_sessions(admin_with_device)["staff login"]
    device = TOTPDevice.objects.get(user=admin_with_device)
    http.post(reverse("accounts:mfa_verify"), {"code": code_for(device)})
    assert http.get(reverse("admin:index")).status_code == 200


def test_the_admin_does_not_show_anybodys_two_step_secret(admin_with_device, client_as):
    """django-otp's device admin (secret key and QR code) is not registered."""
    page = client_as(admin_with_device).get(reverse("admin:index")).content.decode()
    assert "otp_totp" not in page
    with pytest.raises(Exception):  # noqa: B017 - NoReverseMatch: the URL does not exist at all
        reverse("admin:otp_totp_totpdevice_changelist")
