from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("staff/", include("yorisoi.programs.urls")),
    path("staff/accounts/", include("yorisoi.accounts.urls")),
    path("staff/audit/", include("yorisoi.audit.urls")),
    path("staff/cases/", include("yorisoi.cases.urls")),
    path("staff/referrals/", include("yorisoi.referrals.urls")),
    path("staff/support/", include("yorisoi.consultations.urls")),
    path("staff/calendar/", include("yorisoi.appointments.urls")),
    path("staff/outreach/", include("yorisoi.outreach.urls")),
    path("staff/imports/", include("yorisoi.imports.urls")),
    path("staff/retention/", include("yorisoi.retention.urls")),
    path("system/admin/", admin.site.urls),
    path("", include("yorisoi.portal.urls")),
]

handler404 = "yorisoi.core.views.not_found"
handler500 = "yorisoi.core.views.server_error"
