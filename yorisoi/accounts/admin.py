from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from yorisoi.accounts import mfa, sessions
from yorisoi.accounts.models import PledgeAcceptance, SecurityEvent, User
from yorisoi.accounts.security_events import label_for, security_event_record

# Flags that change what an account may do: every change of one is recorded.
ROLE_FIELDS = ("is_active", "is_staff", "is_superuser", "is_system_admin")

# django-otp registers its device admin, which shows each staff member's TOTP secret and QR code.
# Nobody needs that: a lost phone is handled by the staff member's recovery codes or a new setup.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("yorisoi", {"fields": ("display_name", "is_system_admin")}),)
    list_display = ("username", "display_name", "is_active", "is_system_admin")
    actions = ["reset_two_step"]

    @admin.action(description="二段階認証をリセットする（スマートフォンと回復コードをなくしたとき）")
    def reset_two_step(self, request, queryset):
        """The only way back in for someone who lost both phone and recovery codes: they set up again
        at their next login (where two-step login is required). Recorded, and their sessions end."""
        for user in queryset:
            with transaction.atomic():
                mfa.remove(user, actor=request.user)
                sessions.sessions_end_all(user=user, actor=request.user, reason="mfa.reset")
        self.message_user(request, f"{queryset.count()}人の二段階認証をリセットしました。")

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        before = {f: form.initial.get(f) for f in ROLE_FIELDS} if change else {}
        super().save_model(request, obj, form, change)
        after = {f: getattr(obj, f) for f in ROLE_FIELDS}
        changed = {f: after[f] for f in ROLE_FIELDS if change and before.get(f) != after[f]}
        if not change:
            security_event_record(actor=request.user, action="user.create", subject_user=obj, data=after)
        elif changed:
            security_event_record(actor=request.user, action="user.change", subject_user=obj, data=changed)
        if change and changed.get("is_active") is False:
            sessions.sessions_end_all(user=obj, actor=request.user, reason="user.disabled")

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:  # the new password was saved
            user = User.objects.get(pk=id)
            with transaction.atomic():
                security_event_record(actor=request.user, action="password.change", subject_user=user)
                sessions.sessions_end_all(user=user, actor=request.user, reason="password.change")
        return response


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record to read: nobody adds, edits or deletes it here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    list_display = ("occurred_at", "actor", "action_label", "subject_user", "program")
    list_filter = ("action",)
    list_select_related = ("actor", "subject_user", "program")

    @admin.display(description="操作")
    def action_label(self, event):
        return label_for(event.action)


@admin.register(PledgeAcceptance)
class PledgeAcceptanceAdmin(ReadOnlyAdmin):
    list_display = ("user", "version", "accepted_at")
    list_select_related = ("user",)
