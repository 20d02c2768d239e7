from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "yorisoi.consultations"
    label = "consultations"

    def ready(self):
        from yorisoi.cases import continuity, follow_ups
        from yorisoi.consultations import case_page, selectors, services

        case_page.register()
        continuity.register_joiner("records", services.inquiry_records_join_case)
        follow_ups.register_source("record", selectors.record_follow_ups)
