from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "yorisoi.programs"
    label = "programs"
