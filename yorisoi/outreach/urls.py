from django.urls import path

from yorisoi.outreach import registration_views, supporter_views, views

app_name = "outreach"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("new/", views.event_create, name="event_create"),
    path("counts/", views.counts, name="counts"),
    path("<uuid:event_id>/", views.event_detail, name="event_detail"),
    path("<uuid:event_id>/edit/", views.event_edit, name="event_edit"),
    path("<uuid:event_id>/status/", views.event_status, name="event_status"),
    path("<uuid:event_id>/sessions/new/", views.session_add, name="session_add"),
    path("sessions/<uuid:session_id>/remove/", views.session_remove, name="session_remove"),
    path("<uuid:event_id>/registrations/", registration_views.registration_list, name="registration_list"),
    path(
        "<uuid:event_id>/registrations/new/",
        registration_views.registration_create,
        name="registration_create",
    ),
    path(
        "<uuid:event_id>/registrations/export/",
        registration_views.registration_export,
        name="registration_export",
    ),
    path(
        "registrations/<uuid:registration_id>/",
        registration_views.registration_detail,
        name="registration_detail",
    ),
    path(
        "registrations/<uuid:registration_id>/cancel/",
        registration_views.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "registrations/<uuid:registration_id>/told/", registration_views.promotion_told, name="promotion_told"
    ),
    path(
        "registrations/<uuid:registration_id>/case/",
        registration_views.registration_link_case,
        name="registration_link_case",
    ),
    path("sessions/<uuid:session_id>/", registration_views.sign_in, name="sign_in"),
    path("sessions/<uuid:session_id>/print/", registration_views.sign_in, name="sign_in_print"),
    path(
        "sessions/<uuid:session_id>/attendance/<uuid:registration_id>/",
        registration_views.attendance_mark,
        name="attendance_mark",
    ),
    path("sessions/<uuid:session_id>/walk-in/", registration_views.walk_in_add, name="walk_in_add"),
    path("supporters/", supporter_views.supporter_list, name="supporter_list"),
    path("supporters/<uuid:supporter_id>/", supporter_views.supporter_detail, name="supporter_detail"),
    path(
        "supporters/<uuid:supporter_id>/withdraw/",
        supporter_views.supporter_withdraw,
        name="supporter_withdraw",
    ),
]
