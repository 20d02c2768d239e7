""" "Open now?" on the public pages comes from programs.calendar.open_status, on real dates."""

from django.urls import reverse


def program_page(client, slug: str) -> str:
    return client.get(reverse("portal:program_detail", kwargs={"slug": slug})).content.decode()


def test_chiba_on_a_weekday_morning_is_open_until_five(client, programs, frozen_now):
    frozen_now(2026, 11, 24, 10, 0)  # Tuesday
    body = program_page(client, "chiba")
    assert "いま、相談を受け付けています（本日は17:00まで）" in body


def test_chiba_on_labour_thanksgiving_day_is_closed_and_opens_next_morning(client, programs, frozen_now):
    """2026-11-23 is 勤労感謝の日, a Monday: a weekday the center would otherwise open."""
    frozen_now(2026, 11, 23, 10, 0)
    body = program_page(client, "chiba")
    assert "本日はお休みです。祝日（勤労感謝の日）です。" in body
    assert "次の受付は 11月24日（火）9:00 からです。" in body
    assert "いま、相談を受け付けています" not in body


def test_new_years_day_is_in_the_year_end_break_and_chiba_opens_on_the_fourth(client, programs, frozen_now):
    frozen_now(2027, 1, 1, 11, 0)
    body = program_page(client, "chiba")
    assert "本日はお休みです。年末年始のお休みです。" in body
    assert "次の受付は 1月4日（月）9:00 からです。" in body


def test_urayasu_on_a_wednesday_is_closed_and_opens_thursday(client, programs, frozen_now):
    frozen_now(2026, 11, 25, 10, 0)  # Wednesday
    body = program_page(client, "urayasu")
    assert "いまは受付時間外です。" in body
    assert "次の受付は 11月26日（木）9:00 からです。" in body


def test_index_shows_each_program_by_its_own_hours(client, programs, frozen_now):
    frozen_now(2026, 11, 25, 10, 0)  # Wednesday: Chiba open, Urayasu closed
    body = client.get(reverse("portal:index")).content.decode()
    chiba_card, urayasu_card = body.split('id="program-urayasu"')
    assert "いま、相談を受け付けています（本日は17:00まで）" in chiba_card
    assert "次の受付は 11月26日（木）9:00 からです。" in urayasu_card


def test_a_closure_staff_enter_closes_the_public_page_too(client, chiba, frozen_now):
    frozen_now(2026, 12, 2, 10, 0)  # Wednesday
    chiba.closures.create(date="2026-12-02", reason="職員研修")
    body = program_page(client, "chiba")
    assert "本日はお休みです。職員研修です。" in body
    assert "次の受付は 12月3日（木）9:00 からです。" in body
