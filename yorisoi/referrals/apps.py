from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "yorisoi.referrals"
    label = "referrals"

    def ready(self):
        from yorisoi.referrals import case_parts

        case_parts.register()
