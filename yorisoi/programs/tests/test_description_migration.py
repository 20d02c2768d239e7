"""The data migration that gives existing databases 千葉市's current description."""

import importlib

from django.apps import apps

from yorisoi.programs.bootstrap import PROGRAMS
from yorisoi.programs.models import Program

migration = importlib.import_module("yorisoi.programs.migrations.0005_chiba_description_seed_sentence")
BOOTSTRAP_TEXT = next(p["description"] for p in PROGRAMS if p["slug"] == "chiba")


def test_the_migration_writes_exactly_what_bootstrap_writes_for_a_new_database():
    assert migration.NEW == BOOTSTRAP_TEXT
    assert migration.OLD != BOOTSTRAP_TEXT


def test_an_existing_database_with_the_old_text_gets_the_new_one_and_back(programs):
    """Forwards adds the seed's sentence; backwards restores the old text exactly."""
    # given a database bootstrapped before the sentence was added
    Program.objects.filter(slug="chiba").update(description=migration.OLD)
    urayasu_before = Program.objects.get(slug="urayasu").description
    # when
    migration.add_sentence(apps, None)
    # then
    assert Program.objects.get(slug="chiba").description == BOOTSTRAP_TEXT
    assert "誤解や偏見などにより" in Program.objects.get(slug="chiba").description
    assert Program.objects.get(slug="urayasu").description == urayasu_before
    # when reversed
    migration.remove_sentence(apps, None)
    # then
    assert Program.objects.get(slug="chiba").description == migration.OLD
    assert Program.objects.get(slug="urayasu").description == urayasu_before


def test_a_description_the_program_rewrote_is_left_alone(programs):
    # given
    Program.objects.filter(slug="chiba").update(description="当センターの独自の紹介文です。")
    # when
    migration.add_sentence(apps, None)
    # then
    assert Program.objects.get(slug="chiba").description == "当センターの独自の紹介文です。"
    # and reversing does not touch it either
    migration.remove_sentence(apps, None)
    assert Program.objects.get(slug="chiba").description == "当センターの独自の紹介文です。"
