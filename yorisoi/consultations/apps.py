from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "yorisoi.consultations"
    label = "consultations"

    def ready(self):
        from yorisoi.consultations import case_page

        case_page.register()
