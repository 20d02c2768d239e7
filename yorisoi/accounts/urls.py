from django.urls import path

from yorisoi.accounts import account_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", views.StaffLogoutView.as_view(), name="logout"),
    path("two-step/", views.mfa_verify, name="mfa_verify"),
    path("two-step/recovery/", views.mfa_recovery, name="mfa_recovery"),
    path("two-step/setup/", views.mfa_setup, name="mfa_setup"),
    path("two-step/recovery-codes/", views.recovery_codes_reissue, name="recovery_codes"),
    path("two-step/remove/", account_views.mfa_remove, name="mfa_remove"),
    path("security/", account_views.security, name="security"),
    path("confirm/", account_views.reauth_view, name="reauth"),
    path("password/", account_views.password_change, name="password_change"),
    path("sessions/", account_views.session_list, name="sessions"),
    path("sessions/<uuid:public_id>/end/", account_views.session_end, name="session_end"),
    path("pledge/", account_views.pledge_view, name="pledge"),
]
