from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "yorisoi.outreach"
    label = "outreach"
    verbose_name = "研修・講座"

    def ready(self):
        from yorisoi.appointments import calendar_sources
        from yorisoi.outreach.anonymisers import register_anonymisers
        from yorisoi.outreach.calendar import event_sessions_source

        calendar_sources.register(event_sessions_source)
        register_anonymisers()
