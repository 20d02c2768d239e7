from django.urls import path

from yorisoi.appointments import views

app_name = "appointments"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("mine/", views.my_week, name="my_week"),
    path("book/", views.book_pick, name="book_pick"),
    path("book/inquiry/<uuid:inquiry_id>/", views.book_for_inquiry, name="book_for_inquiry"),
    path("book/case/<uuid:case_id>/", views.book_for_case, name="book_for_case"),
    path("<uuid:appointment_id>/", views.detail, name="detail"),
    path("<uuid:appointment_id>/reschedule/", views.reschedule, name="reschedule"),
    path("<uuid:appointment_id>/hold/", views.hold, name="hold"),
    path("<uuid:appointment_id>/cancel/", views.cancel, name="cancel"),
    path("<uuid:appointment_id>/no-show/", views.no_show, name="no_show"),
    path("follow-ups/<uuid:task_id>/done/", views.follow_up_done, name="follow_up_done"),
    path("series/new/<uuid:case_id>/", views.series_new, name="series_new"),
    path("series/<uuid:series_id>/", views.series_detail, name="series_detail"),
    path("series/<uuid:series_id>/cancel/", views.series_cancel, name="series_cancel"),
    path("closures/", views.closures, name="closures"),
    path("closures/<int:closure_id>/delete/", views.closure_delete, name="closure_delete"),
    path("schedules/", views.schedules, name="schedules"),
    path("schedules/workdays/", views.workday_add, name="workday_add"),
    path("schedules/workdays/<int:workday_id>/delete/", views.workday_delete, name="workday_delete"),
    path("schedules/absences/", views.absence_add, name="absence_add"),
    path("schedules/absences/<int:absence_id>/delete/", views.absence_delete, name="absence_delete"),
    path("schedules/settings/", views.settings_update, name="settings_update"),
    path("feed/", views.feed_settings, name="feed_settings"),
    path("feed/<str:token>.ics", views.feed_ics, name="feed"),
]
