from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "yorisoi.portal"
    label = "portal"
