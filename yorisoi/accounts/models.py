from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff member. What they may see comes from their program memberships, not from here."""

    display_name = models.CharField(_("表示名"), max_length=60, blank=True)
    is_system_admin = models.BooleanField(
        _("システム管理者"),
        default=False,
        help_text=_("組織の設定を行います。ケースの内容は既定では見られません。"),
    )

    class Meta:
        verbose_name = _("職員")
        verbose_name_plural = _("職員")

    def __str__(self):
        return self.username

    @property
    def name_for_display(self) -> str:
        return self.display_name or self.get_full_name() or self.username
