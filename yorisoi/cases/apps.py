from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "yorisoi.cases"
    label = "cases"

    def ready(self):
        from django.db.models.signals import post_migrate

        from yorisoi.audit.review import register_assignments
        from yorisoi.cases.search_index import install_after_migrate
        from yorisoi.cases.selectors import assigned_pairs

        register_assignments(assigned_pairs)
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="cases.search_index")
