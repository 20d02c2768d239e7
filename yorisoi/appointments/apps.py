from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "yorisoi.appointments"
    label = "appointments"

    def ready(self):
        from yorisoi.appointments import calendar_sources, case_section
        from yorisoi.appointments.follow_up_items import follow_ups_source

        case_section.register()
        calendar_sources.register(follow_ups_source)
