from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "yorisoi.demo"
    label = "demo"
