from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "yorisoi.appointments"
    label = "appointments"

    def ready(self):
        from yorisoi.appointments import case_section

        case_section.register()
