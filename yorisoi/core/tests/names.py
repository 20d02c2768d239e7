"""Fictional Japanese names for tests, never the same person name twice in one test.

Faker's ja_JP list has 50 family names and 51 given names: two people drawn at random in one test
shared a name often enough that "X's name is not on Y's page" failed now and then. Every factory
draws here; ``forget_names`` (an autouse fixture in conftest.py) starts each test afresh.
"""

from faker import Faker

_fake = Faker("ja_JP")
_taken: set[str] = set()


def person_name_parts(*, female: bool = False) -> tuple[str, str, str, str]:
    """(family, given, family kana, given kana) of a name not yet drawn in this test."""
    for _ in range(10_000):
        family, family_kana, _romaji = _fake.last_name_pair()
        pairs = _fake.first_name_female_pair() if female else _fake.first_name_male_pair()
        given, given_kana, _romaji = pairs
        if f"{family} {given}" not in _taken:
            _taken.add(f"{family} {given}")
            return family, given, family_kana, given_kana
    raise RuntimeError("every fictional name is taken in this test")


def person_name(*, female: bool = False) -> str:
    """「山口 淳」: a full name not yet drawn in this test."""
    family, given, _kana, _given_kana = person_name_parts(female=female)
    return f"{family} {given}"


def forget_names() -> None:
    _taken.clear()
