from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "yorisoi.reports"
    label = "reports"
    verbose_name = "実績報告"
