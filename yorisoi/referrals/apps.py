from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "yorisoi.referrals"
    label = "referrals"

    def ready(self):
        from yorisoi.cases import follow_ups
        from yorisoi.referrals import case_parts, selectors

        case_parts.register()
        follow_ups.register_source("referral", selectors.referral_follow_ups)
