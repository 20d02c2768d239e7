"""Every figure of October 2026 equals the hand count in conftest.py (on SQLite and PostgreSQL)."""

import datetime

import pytest

from yorisoi.reports import figures
from yorisoi.reports.figures import N
from yorisoi.reports.periods import Period
from yorisoi.reports.sources import ReportData

OCTOBER = Period.month(datetime.date(2026, 10, 1))


@pytest.fixture
def data(october):
    return ReportData(october.program, OCTOBER)


def nonzero(counts: dict) -> dict:
    return {key: value for key, value in counts.items() if value}


def test_contacts_are_records_held_plus_inquiries_received(data):
    # A 3, B 1, C 1, D 1, F 1 records; E, F, H inquiries (H at 23:30 on 10/31 Tokyo time)
    assert figures.contacts_total(data) == {("records", N): 7, ("inquiries", N): 3}


def test_contacts_by_mode_count_an_inquiry_under_its_channel(data):
    assert nonzero(figures.contacts_by_mode(data)) == {
        ("phone", N): 4,  # A twice, B, E's call
        ("center_visit", N): 3,  # A, F, H's walk-in
        ("home_visit", N): 1,  # C
        ("accompaniment", N): 1,  # D
        ("web", N): 1,  # F's request
    }


def test_a_contact_with_the_person_and_the_mother_counts_under_both(data):
    assert figures.contacts_by_party(data) == {
        ("self", N): 5,  # A three times, D, H's walk-in
        ("family", N): 4,  # A with the mother, B, F's visit, F's web request
        ("agency", N): 1,  # C
        ("anonymous", N): 1,  # E
    }


def test_subjects_count_a_case_once_and_a_lone_inquiry_once(data):
    # A (three contacts), B, C, D, F (inquiry and record: once) / E, H
    assert figures.subjects_total(data) == {("case", N): 5, ("inquiry", N): 2}


def test_new_continuing_reopened_closed(data):
    assert figures.case_flow(data) == {
        ("new", N): 1,
        ("continuing", N): 4,
        ("reopened", N): 1,
        ("closed", N): 1,
    }


def test_closures_by_reason(data):
    assert figures.closures_by_reason(data) == {("no_longer_needed", N): 1}


def test_age_on_the_first_contact_from_birth_date_recorded_age_or_inquiry(data):
    assert figures.subjects_by_age_band(data) == {
        ("15_19", N): 2,  # D (18), H (17)
        ("20_29", N): 1,  # B (the inquiry's 22)
        ("30_39", N): 2,  # A (35: the birthday is after 10/5), F (30)
        ("40_49", N): 1,  # C (recorded 45)
        ("unknown", N): 1,  # E
    }


def test_gender_includes_unanswered_and_unknown(data):
    assert figures.subjects_by_gender(data) == {
        ("male", N): 3,
        ("female", N): 2,  # B from the inquiry, D
        ("unanswered", N): 1,
        ("unknown", N): 1,
    }


def test_duration_of_withdrawal_on_the_first_contact(data):
    assert figures.subjects_by_withdrawal(data) == {
        ("5y_10y", N): 1,
        ("20y_plus", N): 1,
        ("6m_1y", N): 1,
        ("10y_20y", N): 1,
        ("unknown", N): 3,  # B, E, H
    }


def test_support_stage_at_the_end_of_the_period(data, october):
    stage1, stage2, stage3 = (str(s.pk) for s in october.stages)
    # A moved to stage 3 on 11/2, after the month: still stage 2 on 10/31
    assert figures.subjects_by_stage(data) == {(stage1, N): 1, (stage2, N): 1, (stage3, N): 1, ("none", N): 4}


def test_first_consulting_party(data):
    assert figures.subjects_by_first_party(data) == {
        ("family", N): 3,
        ("self", N): 2,
        ("unknown", N): 1,
        ("anonymous", N): 1,
    }


def test_inquiries_by_channel_and_how_they_ended(data):
    assert figures.inquiries_by_channel_and_outcome(data) == {
        ("phone", "no_further_contact"): 1,
        ("web", "registered"): 1,
        ("walk_in", "new"): 1,
    }


def test_referrals_proposed_in_the_period_by_kind_and_outcome(data):
    assert figures.referrals_by_kind_and_outcome(data) == {("hello_work", "connected"): 1}


def test_accompaniments_by_destination_and_outcome(data):
    assert figures.accompaniments_by_destination_and_outcome(data) == {("hello_work", "connected"): 1}


def test_monthly_figures_for_the_charts(data):
    assert nonzero(figures.contacts_by_month_and_mode(data)) == {
        ("2026-10", "phone"): 4,
        ("2026-10", "center_visit"): 3,
        ("2026-10", "home_visit"): 1,
        ("2026-10", "accompaniment"): 1,
        ("2026-10", "web"): 1,
    }
    assert figures.cases_new_and_closed_by_month(data) == {("2026-10", "new"): 1, ("2026-10", "closed"): 1}


def test_the_other_program_counts_only_its_own(october, urayasu):
    data = ReportData(urayasu, OCTOBER)
    assert figures.contacts_total(data) == {("records", N): 1, ("inquiries", N): 1}
    assert figures.subjects_total(data) == {("case", N): 1}


def test_the_year_before_holds_only_c_s_record(october):
    data = ReportData(october.program, OCTOBER.year_before())
    assert figures.contacts_total(data) == {("records", N): 1, ("inquiries", N): 0}
    assert figures.subjects_by_age_band(data) == {("40_49", N): 1}


def test_every_figure_has_a_japanese_definition():
    from yorisoi.reports.tables import TABLES

    for table in TABLES:
        assert table.definition.startswith(table.definition.split("：")[0] + "：")
        assert "：" in table.definition, table.key
