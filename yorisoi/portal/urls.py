from django.urls import path

from yorisoi.portal import views

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
]
