from django.urls import path

from yorisoi.portal import event_views, views

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("hikikomori/", views.about, name="about"),
    path("philosophy/", views.philosophy, name="philosophy"),
    path("check/", views.self_check, name="self_check"),
    path("find/", views.find_program, name="find_program"),
    path("programs/<slug:slug>/", views.program_detail, name="program_detail"),
    path("programs/<slug:slug>/request/", views.request_form, name="request_form"),
    path("request/thanks/", views.request_thanks, name="request_thanks"),
    path("privacy/", views.privacy, name="privacy"),
    path("events/<uuid:event_id>/", event_views.event_detail, name="event_detail"),
    path("events/<uuid:event_id>/register/", event_views.event_register, name="event_register"),
    path("events/registered/", event_views.event_registered, name="event_registered"),
    path("events/cancel/<str:token>/", event_views.event_cancel, name="event_cancel"),
]
