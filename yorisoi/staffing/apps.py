from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "yorisoi.staffing"
    label = "staffing"
