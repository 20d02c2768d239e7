from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "yorisoi.imports"
    label = "imports"
