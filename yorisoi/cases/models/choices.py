"""Choices shared by inquiries and the persons of a case."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("男性")
    FEMALE = "female", _("女性")
    OTHER = "other", _("その他")
    UNANSWERED = "unanswered", _("回答しない")
    UNKNOWN = "unknown", _("不明")


class AgeBand(models.TextChoices):
    UNDER_15 = "under_15", _("15歳未満")
    FROM_15 = "15_19", _("15〜19歳")
    FROM_20 = "20_29", _("20代")
    FROM_30 = "30_39", _("30代")
    FROM_40 = "40_49", _("40代")
    FROM_50 = "50_59", _("50代")
    FROM_60 = "60_plus", _("60歳以上")
    UNKNOWN = "unknown", _("不明")


# The age bands by their upper limits (an age below the limit); 60 and over is the last band.
AGE_BAND_LIMITS = (
    (15, AgeBand.UNDER_15),
    (20, AgeBand.FROM_15),
    (30, AgeBand.FROM_20),
    (40, AgeBand.FROM_30),
    (50, AgeBand.FROM_40),
    (60, AgeBand.FROM_50),
)


def age_band_for(age: int) -> str:
    """The AgeBand of an age in years (the reports count with the same limits in SQL)."""
    return next((band for limit, band in AGE_BAND_LIMITS if age < limit), AgeBand.FROM_60)


class CallerType(models.TextChoices):
    SELF = "self", _("本人")
    FAMILY = "family", _("家族")
    AGENCY = "agency", _("関係機関")
    ANONYMOUS = "anonymous", _("匿名")


class FamilyRelation(models.TextChoices):
    FATHER = "father", _("父")
    MOTHER = "mother", _("母")
    SIBLING = "sibling", _("きょうだい")
    SPOUSE = "spouse", _("配偶者")
    CHILD = "child", _("子")
    GRANDPARENT = "grandparent", _("祖父母")
    OTHER = "other", _("その他")
