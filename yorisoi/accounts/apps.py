from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "yorisoi.accounts"
    label = "accounts"
    default = True


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, served by a site that only opens after the staff login and its second step."""

    default = False  # named explicitly in INSTALLED_APPS; not the config of yorisoi.accounts
    default_site = "yorisoi.accounts.admin_site.StaffAdminSite"
