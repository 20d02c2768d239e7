"""The guard: a response that read person rows and wrote no read entry is refused, whatever the view."""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from yorisoi.audit.guard import AccessLogGuardMiddleware, UnloggedPersonData
from yorisoi.audit.services import audit_record
from yorisoi.cases.models import Case
from yorisoi.cases.tests.factories import make_case


def respond(view, status=200):
    def get_response(request):
        body = view(request)
        return HttpResponse(body, status=status)

    return AccessLogGuardMiddleware(get_response)(RequestFactory().get("/staff/somewhere/"))


def test_a_page_that_shows_a_person_without_an_entry_is_refused(chiba, chiba_counselor):
    case = make_case(program=chiba, actor=chiba_counselor)
    with pytest.raises(UnloggedPersonData, match='read "cases_'):
        respond(lambda request: Case.objects.select_related("client").get(pk=case.pk).client.display_name)


def test_the_same_page_with_its_entry_is_answered(chiba, chiba_counselor):
    case = make_case(program=chiba, actor=chiba_counselor)

    def view(request):
        with transaction.atomic():
            shown = Case.objects.get(pk=case.pk)
            audit_record(actor=chiba_counselor, action="case.view", target=shown, request=request)
        return shown.label

    assert respond(view).content.decode() == case.label


def test_counting_persons_and_refusals_need_no_entry(chiba, chiba_counselor):
    make_case(program=chiba, actor=chiba_counselor)
    assert respond(lambda request: str(Case.objects.count())).content == b"1"
    assert respond(lambda request: Case.objects.first().label, status=404).status_code == 404


def test_a_change_entry_is_not_a_read_entry(chiba, chiba_counselor):
    """Writing "case.update" does not excuse showing the case afterwards without a read entry."""
    case = make_case(program=chiba, actor=chiba_counselor)

    def view(request):
        with transaction.atomic():
            shown = Case.objects.get(pk=case.pk)
            audit_record(actor=chiba_counselor, action="case.update", target=shown, request=request)
        return shown.label

    with pytest.raises(UnloggedPersonData):
        respond(view)
