"""A status change the table refuses (a double submit) answers with a calm message, not a server error."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from yorisoi.cases.models import Case, CaseStatus, CaseStatusChange
from yorisoi.cases.tests.factories import make_case


@pytest.fixture
def http(chiba_counselor):
    client = HttpClient(raise_request_exception=False)
    client.force_login(chiba_counselor, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_continuing_twice_goes_back_with_the_reason_and_changes_nothing(chiba, chiba_counselor, http):
    # given a case already moved to continuing support
    case = make_case(program=chiba, actor=chiba_counselor)
    url = reverse("cases:continue", kwargs={"case_id": case.public_id})
    http.post(url)
    changes = CaseStatusChange.objects.filter(case=case).count()
    # when the same button is sent again from the case page
    response = http.post(url, HTTP_REFERER=f"http://testserver{case.get_absolute_url()}")
    # then the staff member is sent back to the case page with the reason, and nothing changed
    assert (response.status_code, response["Location"]) == (
        302,
        f"http://testserver{case.get_absolute_url()}",
    )
    page = http.get(case.get_absolute_url()).content.decode()
    assert "変更しませんでした。「継続支援」から「継続支援」には変更できません。" in page
    assert CaseStatusChange.objects.filter(case=case).count() == changes
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CONTINUING


def test_without_a_page_to_return_to_a_short_page_explains(chiba, chiba_counselor, http):
    case = make_case(program=chiba, actor=chiba_counselor)
    url = reverse("cases:continue", kwargs={"case_id": case.public_id})
    http.post(url)
    response = http.post(url, HTTP_REFERER="https://elsewhere.example/")
    assert response.status_code == 409
    assert "「継続支援」から「継続支援」には変更できません。" in response.content.decode()
