from django.urls import path, register_converter

from yorisoi.appointments.views import booking, calendar, feed, lifecycle, schedules, series

app_name = "appointments"


class BoundedId:
    """An id of at most nine ASCII digits: a 30-digit id is a missing page, not a database error."""

    regex = "[0-9]{1,9}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(BoundedId, "dbid")

urlpatterns = [
    path("", calendar.calendar, name="calendar"),
    path("mine/", calendar.my_week, name="my_week"),
    path("tomorrow/", calendar.tomorrow, name="tomorrow"),
    path("book/", booking.book_pick, name="book_pick"),
    path("book/inquiry/<uuid:inquiry_id>/", booking.book_for_inquiry, name="book_for_inquiry"),
    path("book/case/<uuid:case_id>/", booking.book_for_case, name="book_for_case"),
    path("<uuid:appointment_id>/", lifecycle.detail, name="detail"),
    path("<uuid:appointment_id>/reschedule/", booking.reschedule, name="reschedule"),
    path("<uuid:appointment_id>/hold/", lifecycle.hold, name="hold"),
    path("<uuid:appointment_id>/cancel/", lifecycle.cancel, name="cancel"),
    path("<uuid:appointment_id>/no-show/", lifecycle.no_show, name="no_show"),
    path("follow-ups/<uuid:task_id>/done/", lifecycle.follow_up_done, name="follow_up_done"),
    path("series/new/<uuid:case_id>/", series.series_new, name="series_new"),
    path("series/<uuid:series_id>/", series.series_detail, name="series_detail"),
    path("series/<uuid:series_id>/cancel/", series.series_cancel, name="series_cancel"),
    path("series/<uuid:series_id>/move/", series.series_move, name="series_move"),
    path("closures/", schedules.closures, name="closures"),
    path("closures/<dbid:closure_id>/delete/", schedules.closure_delete, name="closure_delete"),
    path("schedules/", schedules.schedules, name="schedules"),
    path("schedules/workdays/", schedules.workday_add, name="workday_add"),
    path("schedules/workdays/<dbid:workday_id>/delete/", schedules.workday_delete, name="workday_delete"),
    path("schedules/absences/", schedules.absence_add, name="absence_add"),
    path("schedules/absences/<dbid:absence_id>/delete/", schedules.absence_delete, name="absence_delete"),
    path("schedules/settings/", schedules.settings_update, name="settings_update"),
    path("feed/", feed.feed_settings, name="feed_settings"),
    path("feed/<str:token>.ics", feed.feed_ics, name="feed"),
]
