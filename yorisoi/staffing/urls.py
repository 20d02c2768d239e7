from django.urls import path

from yorisoi.staffing import views

app_name = "staffing"

urlpatterns = [
    path("", views.grant_list, name="grants"),
    path("request/", views.grant_request, name="grant_request"),
    path("<uuid:public_id>/confirm/", views.grant_decide, {"decision": "confirm"}, name="grant_confirm"),
    path("<uuid:public_id>/refuse/", views.grant_decide, {"decision": "refuse"}, name="grant_refuse"),
    path("members/<int:membership_id>/end/", views.membership_end, name="membership_end"),
]
