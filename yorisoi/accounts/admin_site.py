"""The organization's settings (Django admin) with no side door around two-step login.

There is one login: the admin's own login page sends to the staff login (password, then the
second step). The site opens only for an active system admin whose session passed the second
step where it is required; the gate middleware has already sent any other session to it.
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from yorisoi.accounts import mfa


def system_admin_only(request) -> bool:
    """Only the organization's system admins reach the admin; it holds no person data."""
    user = request.user
    return bool(
        user.is_active and user.is_authenticated and getattr(user, "is_system_admin", False) and user.is_staff
    )


class StaffAdminSite(admin.AdminSite):
    site_header = "yorisoi 組織の設定"
    site_title = "yorisoi"
    index_title = "組織の設定"

    def has_permission(self, request):
        return system_admin_only(request) and mfa.second_step_done(request)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            raise PermissionDenied  # signed in, but not a system admin who passed the second step
        return redirect_to_login(
            request.GET.get("next") or reverse("admin:index"), login_url="accounts:login"
        )
