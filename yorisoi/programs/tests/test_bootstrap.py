import datetime

from yorisoi.programs.bootstrap import bootstrap_organization, program_seed
from yorisoi.programs.models import Organization, PlaceKind, Program


def test_bootstrap_creates_both_programs_with_the_published_facts(programs):
    """The phone numbers, addresses, hours and eligibility are exactly the organization's own."""
    chiba, urayasu = programs["chiba"], programs["urayasu"]
    assert chiba.organization.name == "ユニバーサル就労ネットワークちば"
    assert (chiba.name, chiba.commissioned_by, chiba.phone) == (
        "千葉市ひきこもり地域支援センター",
        "千葉市",
        "043-204-1606",
    )
    assert chiba.address == "千葉市美浜区高浜2-1-16 千葉市こころの健康センター内"
    assert chiba.started_on == datetime.date(2016, 2, 1)
    assert (
        "市営高浜第2" in chiba.access and "西口3番のりば" in chiba.access and "南口3番のりば" in chiba.access
    )
    assert sorted(h.weekday for h in chiba.opening_hours.all()) == [0, 1, 2, 3, 4]
    assert chiba.minimum_age_guideline is None
    assert (urayasu.name, urayasu.commissioned_by, urayasu.phone) == (
        "浦安市ひきこもり相談事業",
        "浦安市",
        "047-712-6856",
    )
    assert urayasu.address == "浦安市猫実1-1-1 浦安市役所3F 社会福祉課内 生活支援相談窓口"
    assert urayasu.started_on == datetime.date(2016, 7, 1)
    assert sorted(h.weekday for h in urayasu.opening_hours.all()) == [1, 3]
    assert {(h.opens_at, h.closes_at) for h in urayasu.opening_hours.all()} == {
        (datetime.time(9), datetime.time(17))
    }
    assert urayasu.minimum_age_guideline == 16
    assert "概ね16歳以上" in urayasu.eligibility


def test_places_of_consultation_differ_per_program(programs):
    chiba_kinds = [p.kind for p in programs["chiba"].places.all()]
    urayasu_kinds = [p.kind for p in programs["urayasu"].places.all()]
    assert chiba_kinds.count(PlaceKind.HEALTH_WELFARE_CENTER) == 6
    assert PlaceKind.HOME in chiba_kinds and PlaceKind.CITY_HALL_DESK not in chiba_kinds
    assert PlaceKind.CITY_HALL_DESK in urayasu_kinds and PlaceKind.HEALTH_WELFARE_CENTER not in urayasu_kinds


def test_bootstrap_again_keeps_what_staff_edited(programs):
    """Running the bootstrap twice adds nothing and overwrites no edit."""
    chiba = programs["chiba"]
    chiba.hours_text = "月曜日～金曜日 9:00～17:00（12時～13時を除く）"
    chiba.save()
    bootstrap_organization()
    assert Organization.objects.count() == 1
    assert Program.objects.count() == 2
    chiba.refresh_from_db()
    assert chiba.hours_text == "月曜日～金曜日 9:00～17:00（12時～13時を除く）"
    assert chiba.opening_hours.count() == 5


def test_demo_draws_are_fixed_per_program_not_per_database_id(programs):
    """The demo draws from program_seed: on PostgreSQL a program's id depends on the tests before."""
    chiba, urayasu = programs["chiba"], programs["urayasu"]
    assert (program_seed(chiba), program_seed(urayasu)) == (1, 2)
    chiba.pk = urayasu.pk + 40  # as after rolled-back tests took ids from the sequence
    assert program_seed(chiba) == 1
