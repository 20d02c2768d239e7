"""Who a program serves, checked at intake from the program's own data. It warns; it never blocks."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from yorisoi.cases.models import AgeBand
from yorisoi.programs.models import Program


@dataclass(frozen=True)
class EligibilityWarning:
    message: str
    guidance: str


def eligibility_warnings(
    *, program: Program, residence_city: str, age: int | None, age_band: str = ""
) -> list[EligibilityWarning]:
    warnings = []
    city = (residence_city or "").strip()
    if city and program.service_city not in city:
        warnings.append(
            EligibilityWarning(
                _(
                    "お住まいが%(city)sではないようです（%(given)s）。%(program)sの対象は%(city)sにお住まいの方です。"
                )
                % {"city": program.service_city, "given": city, "program": program.short_name},
                program.out_of_area_guidance,
            )
        )
    minimum = program.minimum_age_guideline
    if minimum is None:
        return warnings
    if age is not None:
        clearly_under, said = age < minimum, _("%(age)s歳") % {"age": age}
    else:
        clearly_under, said = age_band == AgeBand.UNDER_15 and minimum > 15, AgeBand.UNDER_15.label
    if clearly_under:
        warnings.append(
            EligibilityWarning(
                _(
                    "本人は%(said)sとのことです。%(program)sの目安は概ね%(minimum)s歳以上です（目安なので受付はできます）。"
                )
                % {"said": said, "program": program.short_name, "minimum": minimum},
                program.under_age_guidance,
            )
        )
    return warnings
