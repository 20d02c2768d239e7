from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "yorisoi.outreach"
    label = "outreach"
    verbose_name = "研修・講座"
