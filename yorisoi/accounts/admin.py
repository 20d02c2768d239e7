from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from yorisoi.accounts.models import User


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("yorisoi", {"fields": ("display_name", "is_system_admin")}),)
    list_display = ("username", "display_name", "is_active", "is_system_admin")
