from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "yorisoi.accounts"
    label = "accounts"
