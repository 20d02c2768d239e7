"""Printing a case: a reason is asked first, and the print is logged as a print (with that reason)."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone

from yorisoi.audit.shortcuts import render_logged
from yorisoi.cases import case_page, selectors
from yorisoi.cases.views import case_chrome
from yorisoi.cases.work_forms import PrintForm


def print_or_ask(request, *, subject, target, form, template: str, context: dict, action: str):
    """Show the print page once a reason is given; otherwise ask (again, kindly), logged as a view."""
    if request.method == "POST" and form.is_valid():
        data = {"reason": form.cleaned_data["reason"]}
        for key in ("start", "end"):
            if form.cleaned_data.get(key):
                data[key] = form.cleaned_data[key].isoformat()
        return render_logged(request, template, context, action=action, target=target, data=data)
    ask = {**case_chrome(request, subject), "form": form, "print_target": target}
    return render_logged(request, "cases/print_ask.html", ask, action="case.view", target=subject)


@login_required
def case_print(request, case_id):
    case = selectors.case_get(actor=request.actor, case_id=case_id)
    form = PrintForm(request.POST if request.method == "POST" else None)
    context = {}
    if request.method == "POST" and form.is_valid():
        start, end = form.cleaned_data.get("start"), form.cleaned_data.get("end")
        rows = selectors.case_print_rows(case=case)
        states = selectors.consent_states(rows["consents"])
        context = {
            "case": case,
            "people": rows["people"],
            "consents": [(c, states[c.pk]) for c in rows["consents"]],
            "header_parts": case_page.header_parts_for(rows=rows, actor=request.actor),
            "sections": case_page.sections_for(rows=rows, actor=request.actor, request=request),
            "timeline": selectors.case_timeline_between(rows=rows, start=start, end=end),
            "start": start,
            "end": end,
            "printed_at": timezone.localtime(),
            "reason": form.cleaned_data["reason"],
        }
    return print_or_ask(
        request,
        subject=case,
        target=case,
        form=form,
        template="cases/case_print.html",
        context=context,
        action="case.print",
    )
