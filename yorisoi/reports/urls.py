from django.urls import path

from yorisoi.reports import views

app_name = "reports"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("<slug:program_slug>/", views.report, name="report"),
    path("<slug:program_slug>/print/", views.report_print, name="print"),
    path("<slug:program_slug>/export.xlsx", views.report_export, {"file_format": "xlsx"}, name="export_xlsx"),
    path("<slug:program_slug>/export.csv", views.report_export, {"file_format": "csv"}, name="export_csv"),
]
