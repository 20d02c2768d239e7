from django.urls import path

from yorisoi.programs import views

app_name = "programs"

urlpatterns = [
    path("", views.home, name="home"),
    path("switch/", views.switch_program, name="switch"),
    path("staff-names/", views.staff_names, name="staff_names"),
]
