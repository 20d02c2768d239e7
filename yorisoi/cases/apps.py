from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "yorisoi.cases"
    label = "cases"

    def ready(self):
        from yorisoi.audit.review import register_assignments
        from yorisoi.cases.selectors import assigned_pairs

        register_assignments(assigned_pairs)
