from django.contrib import admin

admin.site.site_header = "yorisoi 組織の設定"
admin.site.site_title = "yorisoi"


def system_admin_only(request) -> bool:
    """Only the organization's system admins reach the admin; it holds no person data."""
    user = request.user
    return (
        user.is_active and user.is_authenticated and getattr(user, "is_system_admin", False) and user.is_staff
    )


admin.site.has_permission = system_admin_only
