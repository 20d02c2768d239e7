from django.urls import path

from yorisoi.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", views.StaffLogoutView.as_view(), name="logout"),
    path("two-step/", views.mfa_verify, name="mfa_verify"),
    path("two-step/setup/", views.mfa_setup, name="mfa_setup"),
]
