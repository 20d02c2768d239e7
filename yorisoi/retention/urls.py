from django.urls import path

from yorisoi.retention import views

app_name = "retention"

urlpatterns = [
    path("", views.due_list, name="due"),
    path("<uuid:case_id>/anonymise/", views.anonymise, name="anonymise"),
]
