# The admin site itself (one login, the second step required) is yorisoi.accounts.admin_site.StaffAdminSite,
# installed through yorisoi.accounts.apps.StaffAdminConfig: core knows nothing of staff or their devices.
