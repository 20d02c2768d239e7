from django.urls import path

from yorisoi.cases import inbox_views, print_views, registration_views, views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("search/", views.search, name="search"),
    path("new/", registration_views.case_register, name="register"),
    path("<uuid:case_id>/", views.case_detail, name="detail"),
    path("<uuid:case_id>/edit/", views.case_edit, name="edit"),
    path("<uuid:case_id>/client/", views.client_edit, name="client_edit"),
    path("<uuid:case_id>/close/", views.case_close, name="close"),
    path("<uuid:case_id>/reopen/", views.case_reopen, name="reopen"),
    path("<uuid:case_id>/continue/", views.case_continue, name="continue"),
    path("<uuid:case_id>/people/new/", views.related_person_add, name="related_person_add"),
    path("<uuid:case_id>/consents/new/", views.consent_add, name="consent_add"),
    path("consents/<uuid:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<uuid:case_id>/print/", print_views.case_print, name="print"),
    path("inquiries/", inbox_views.inquiry_list, name="inquiry_list"),
    path("inquiries/urgent-banner/", inbox_views.urgent_banner, name="urgent_banner"),
    path("inquiries/<uuid:inquiry_id>/urgent/", inbox_views.inquiry_urgent, name="inquiry_urgent"),
    path("inquiries/<uuid:inquiry_id>/attach/", inbox_views.inquiry_attach, name="inquiry_attach"),
    path("inquiries/new/", views.inquiry_create, name="inquiry_create"),
    path("inquiries/urgent/", views.urgent_panel, name="urgent_panel"),
    path("inquiries/<uuid:inquiry_id>/", views.inquiry_detail, name="inquiry_detail"),
    path("inquiries/<uuid:inquiry_id>/take/", views.inquiry_take, name="inquiry_take"),
    path("inquiries/<uuid:inquiry_id>/status/", views.inquiry_status, name="inquiry_status"),
    path(
        "inquiries/<uuid:inquiry_id>/register/",
        registration_views.case_register,
        name="register_from_inquiry",
    ),
]
