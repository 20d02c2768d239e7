from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "yorisoi.appointments"
    label = "appointments"
