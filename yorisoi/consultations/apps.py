from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "yorisoi.consultations"
    label = "consultations"
