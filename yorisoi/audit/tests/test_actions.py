"""Every action the code writes has one Japanese label for managers."""

import re
from pathlib import Path

from django.urls import reverse

from yorisoi.audit.actions import ACTION_LABELS, action_label
from yorisoi.cases.models import CaseStatus
from yorisoi.cases.tests.factories import make_case
from yorisoi.referrals.models import ReferralStatus

PACKAGE = Path(__file__).resolve().parents[2]
LITERAL = re.compile(r"""action\s*=\s*["']([a-z_]+\.[a-z_]+)["']""")


def actions_in_code() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        found |= set(LITERAL.findall(path.read_text(encoding="utf-8")))
    # the two actions built from a status: case.<status> and referral.<status>
    found |= {f"case.{s}" for s in CaseStatus.values} | {f"referral.{s}" for s in ReferralStatus.values}
    return found


def test_every_action_written_by_the_code_has_a_label():
    found = actions_in_code()
    assert {"case.view", "record.create", "referral.list", "appointment.create"} <= found  # the scan works
    assert found - set(ACTION_LABELS) == set()


def test_each_label_is_used_once():
    labels = [str(label) for label in ACTION_LABELS.values()]
    assert len(labels) == len(set(labels))


def test_the_manager_reads_the_action_in_japanese(chiba, chiba_manager, client_as):
    case = make_case(program=chiba, actor=chiba_manager)
    http = client_as(chiba_manager)
    http.get(case.get_absolute_url())
    body = http.get(reverse("audit:log")).content.decode()
    assert action_label("case.view") == "ケースを閲覧"
    assert "<td>ケースを閲覧</td>" in body
    assert "case.view" not in body
