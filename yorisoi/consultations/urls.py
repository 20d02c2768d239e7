from django.urls import path

from yorisoi.consultations import views

app_name = "consultations"

urlpatterns = [
    path("cases/<uuid:case_id>/records/new/", views.record_new, name="record_new"),
    path("inquiries/<uuid:inquiry_id>/records/new/", views.record_new, name="record_new_for_inquiry"),
    path("records/<uuid:record_id>/", views.record_detail, name="record_detail"),
    path("records/<uuid:record_id>/edit/", views.record_edit, name="record_edit"),
    path("cases/<uuid:case_id>/stage/", views.stage_set, name="stage_set"),
    path("cases/<uuid:case_id>/life/", views.life_change_add, name="life_change_add"),
    path("cases/<uuid:case_id>/flags/new/", views.flag_raise, name="flag_raise"),
    path("flags/<uuid:flag_id>/clear/", views.flag_clear, name="flag_clear"),
    path("cases/<uuid:case_id>/plan/", views.plan_edit, name="plan_edit"),
    path("cases/<uuid:case_id>/plan/history/", views.plan_history, name="plan_history"),
    path("goals/<uuid:goal_id>/status/", views.goal_status, name="goal_status"),
    path("cases/<uuid:case_id>/achievements/new/", views.achievement_add, name="achievement_add"),
    path("quiet/", views.quiet_panel, name="quiet_panel"),
    path("today/", views.today, name="today"),
    path("records/<uuid:record_id>/print/", views.record_print, name="record_print"),
    path("records/<uuid:record_id>/follow-up-done/", views.follow_up_done, name="follow_up_done"),
]
