from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "yorisoi.operations"
    label = "operations"
    verbose_name = "運用（バックアップ・復元・稼働確認）"
