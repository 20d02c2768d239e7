from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "yorisoi.cases"
    label = "cases"
