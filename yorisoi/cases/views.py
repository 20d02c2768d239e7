from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import render

from yorisoi.audit.services import audit_record
from yorisoi.cases import selectors
from yorisoi.programs.permissions import require_person_access

PAGE_SIZE = 50


@login_required
def urgent_panel(request):
    require_person_access(request.actor)
    inquiries = selectors.urgent_inquiries_waiting(actor=request.actor)
    return render(request, "cases/urgent_panel.html", {"urgent_inquiries": inquiries})


@login_required
def inquiry_list(request):
    require_person_access(request.actor)
    page = Paginator(selectors.inquiry_list(actor=request.actor), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/inquiry_list.html", {"nav": "inquiries", "page": page})


@login_required
def inquiry_detail(request, inquiry_id):
    with transaction.atomic():
        inquiry = selectors.inquiry_get(actor=request.actor, inquiry_id=inquiry_id)
        audit_record(actor=request.actor, action="inquiry.view", target=inquiry, request=request)
        return render(request, "cases/inquiry_detail.html", {"nav": "inquiries", "inquiry": inquiry})


@login_required
def case_list(request):
    require_person_access(request.actor)
    page = Paginator(selectors.case_list(actor=request.actor), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/case_list.html", {"nav": "cases", "page": page})


@login_required
def case_detail(request, case_id):
    with transaction.atomic():
        case = selectors.case_get(actor=request.actor, case_id=case_id)
        audit_record(actor=request.actor, action="case.view", target=case, request=request)
        return render(request, "cases/case_detail.html", {"nav": "cases", "case": case})
