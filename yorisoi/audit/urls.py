from django.urls import path

from yorisoi.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.access_log, name="log"),
    path("verify/", views.verify, name="verify"),
    path("review/", views.review, name="review"),
]
