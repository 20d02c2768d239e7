from django.urls import path

from yorisoi.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.batch_index, name="index"),
    path("template.xlsx", views.template_download, name="template"),
    path("<uuid:batch_id>/", views.batch_detail, name="detail"),
    path("<uuid:batch_id>/columns/", views.batch_mapping, name="mapping"),
    path("<uuid:batch_id>/progress/", views.batch_progress, name="progress"),
    path("<uuid:batch_id>/confirm/", views.batch_confirm, name="confirm"),
    path("<uuid:batch_id>/rollback/", views.batch_rollback, name="rollback"),
    path("<uuid:batch_id>/discard/", views.batch_discard, name="discard"),
]
