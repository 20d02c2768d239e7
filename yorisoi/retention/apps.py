from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "yorisoi.retention"
    label = "retention"
    verbose_name = "保存期間と匿名化"

    def ready(self):
        from yorisoi.retention import anonymisers  # noqa: F401  registers the domain apps' anonymisers
