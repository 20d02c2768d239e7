from django.urls import path

from yorisoi.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("<uuid:case_id>/", views.case_detail, name="detail"),
    path("inquiries/", views.inquiry_list, name="inquiry_list"),
    path("inquiries/<uuid:inquiry_id>/", views.inquiry_detail, name="inquiry_detail"),
    path("inquiries/urgent/", views.urgent_panel, name="urgent_panel"),
]
