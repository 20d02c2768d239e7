from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "yorisoi.audit"
    label = "audit"
