from django.urls import path

from yorisoi.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/new/", views.agency_create, name="agency_create"),
    path("agencies/<uuid:agency_id>/edit/", views.agency_edit, name="agency_edit"),
    path("cases/<uuid:case_id>/new/", views.referral_create, name="create"),
    path("<uuid:referral_id>/", views.referral_detail, name="detail"),
    path("<uuid:referral_id>/status/", views.referral_transition, name="transition"),
    path("<uuid:referral_id>/follow-up/", views.referral_follow_up, name="follow_up"),
]
