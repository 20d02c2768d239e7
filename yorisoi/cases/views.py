from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yorisoi.accounts.sessions import polling
from yorisoi.audit.shortcuts import render_logged
from yorisoi.cases import case_page, search_rows, selectors, services
from yorisoi.cases.case_rows import case_rows
from yorisoi.cases.consent_forms import ConsentForm, ConsentWithdrawForm
from yorisoi.cases.eligibility import eligibility_warnings
from yorisoi.cases.forms import (
    CaseCloseForm,
    CaseEditForm,
    CaseFilterForm,
    CaseReopenForm,
    ClientForm,
    InquiryForm,
    InquiryStatusForm,
    RelatedPersonForm,
    SearchForm,
)
from yorisoi.cases.models import CaseStatus
from yorisoi.cases.transitions import allowed_targets
from yorisoi.core.bounds import page_number
from yorisoi.core.paging import list_page
from yorisoi.core.querystring import query_without
from yorisoi.programs.permissions import require_consultation_contents, require_person_access

# --- inquiries -------------------------------------------------------------------------------------


@polling  # refreshed every 60 s by the page: does not keep an idle session alive
@login_required
def urgent_panel(request):
    require_person_access(request.actor)
    urgent = list(selectors.urgent_inquiries_waiting(actor=request.actor))
    context = {
        "urgent_inquiries": urgent,
        "new_web_requests": selectors.new_web_requests_count(actor=request.actor),
    }
    return render_logged(request, "cases/urgent_panel.html", context, action="inquiry.list", subjects=urgent)


@login_required
def inquiry_create(request):
    require_person_access(request.actor)
    form = InquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        inquiry = services.inquiry_create(
            program=request.actor.program, actor=request.actor, request=request, **form.cleaned_data
        )
        messages.success(request, _("問い合わせを記録しました。"))
        return redirect(inquiry.get_absolute_url())
    return render(request, "cases/inquiry_form.html", {"nav": "inquiries", "form": form})


@login_required
def inquiry_detail(request, inquiry_id):
    inquiry = selectors.inquiry_get(actor=request.actor, inquiry_id=inquiry_id)
    warnings = eligibility_warnings(
        program=request.actor.program,
        residence_city=inquiry.residence_city,
        age=inquiry.person_age,
        age_band=inquiry.person_age_band,
    )
    context = {
        "nav": "inquiries",
        "inquiry": inquiry,
        "warnings": warnings,
        "status_form": InquiryStatusForm(),
        "inquiry_sections": case_page.inquiry_sections_for(inquiry=inquiry, actor=request.actor),
    }
    return render_logged(request, "cases/inquiry_detail.html", context, action="inquiry.view", target=inquiry)


@login_required
@require_POST
def inquiry_take(request, inquiry_id):
    inquiry = selectors.inquiry_get(actor=request.actor, inquiry_id=inquiry_id)
    require_consultation_contents(request.actor)
    taken = services.inquiry_take(inquiry=inquiry, actor=request.actor)
    if taken.taken_by_id != request.actor.user.pk:
        messages.info(
            request, _("すでに %(name)s さんが対応しています。") % {"name": taken.taken_by.name_for_display}
        )
    else:
        messages.success(request, _("この緊急の問い合わせを引き受けました。"))
    return redirect(inquiry.get_absolute_url())


@login_required
@require_POST
def inquiry_status(request, inquiry_id):
    inquiry = selectors.inquiry_get(actor=request.actor, inquiry_id=inquiry_id)
    form = InquiryStatusForm(request.POST)
    if form.is_valid():
        services.inquiry_set_status(inquiry=inquiry, status=form.cleaned_data["status"], actor=request.actor)
        messages.success(request, _("状況を変更しました。"))
    else:
        messages.error(request, _("状況を一覧から選んでください。"))
    return redirect(inquiry.get_absolute_url())


# --- the case page and its actions -----------------------------------------------------------------


@login_required
def case_list(request):
    require_person_access(request.actor)
    form = CaseFilterForm(request.GET or None, program=request.actor.program)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = selectors.case_list(actor=request.actor, filters=filters)
    page = list_page(cases, request.GET, deferred_join=selectors.CASE_LIST_KEY)
    rows = case_rows(page.object_list, linked=request.actor.may_read_consultation_contents)
    query = query_without(request, "page")
    context = {"nav": "cases", "page": page, "rows": rows, "form": form, "query": query}
    data = {k: str(v) for k, v in filters.items() if v}
    return render_logged(
        request, "cases/case_list.html", context, action="case.list", data=data, subjects=page.object_list
    )


@login_required
def search(request):
    """Search by POST: names and phone numbers never sit in a URL, a browser history or a server log."""
    require_person_access(request.actor)
    form = SearchForm(request.POST if request.method == "POST" else None)
    template = "cases/search.html#results" if request.htmx else "cases/search.html"
    if not (form.is_valid() and form.cleaned_data["q"]):
        return render(request, template, {"nav": "search", "form": form, "hits": []})
    hits = selectors.person_search(actor=request.actor, query=form.cleaned_data["q"])
    rows = search_rows.hit_rows(hits, linked=request.actor.may_read_consultation_contents)
    context = {"nav": "search", "form": form, "hits": hits, "hit_rows": rows}
    data = {"query": form.cleaned_data["q"], "results": len(hits)}
    return render_logged(request, template, context, action="client.search", data=data, subjects=hits)


def case_chrome(request, case, rows=None) -> dict:
    """What every page of a case shows: the case itself and the header parts (risk flags, stage).

    ``rows``: the page's ``CaseRows`` when it shows more than the header (the header shares them).
    """
    rows = rows or selectors.case_header_rows(case=case)
    return {
        "nav": "cases",
        "case": case,
        "header_parts": case_page.header_parts_for(rows=rows, actor=request.actor),
    }


def _timeline_query(request) -> tuple[str, int]:
    """The timeline's filter (a kind of entry, "" for all) and page number, from the query string."""
    kind = request.GET.get("kind", "")
    return (kind if kind in selectors.timeline_kinds() else ""), page_number(request.GET)


def _case_page_context(request, case, **extra):
    kind, page = _timeline_query(request)
    rows = selectors.case_page_rows(case=case, kind=kind, page=page)
    states = selectors.consent_states(rows["consents"])
    return {
        **case_chrome(request, case, rows),
        "people": rows["people"],
        "inquiries": rows["inquiries"][: selectors.CASE_INQUIRIES],
        "consents": [(c, states[c.pk]) for c in rows["consents"]],
        "consent_in_force": next((c for c in rows["consents"] if states[c.pk] == "in_force"), None),
        "timeline": selectors.case_timeline(rows=rows, page=page),
        "timeline_kind": kind,
        "timeline_kinds": selectors.timeline_kinds(),
        "sections": case_page.sections_for(rows=rows, actor=request.actor, request=request),
        "next_statuses": allowed_targets(case.status),
        "close_form": CaseCloseForm(case=case),
        "reopen_form": CaseReopenForm(case=case),
        **extra,
    }


def _render_case_page(request, case, **forms):
    context = _case_page_context(request, case, **forms)
    return render_logged(request, "cases/case_detail.html", context, action="case.view", target=case)


def render_case_form(request, case, template: str, context: dict):
    """A form page under the case's header (name, cautions, flags): logged as a view of the case."""
    context = {**case_chrome(request, case), **context}
    return render_logged(request, template, context, action="case.view", target=case)


def _render_timeline_more(request, case):
    """「もっと見る」 (htmx): the timeline's next entries only, added under those already shown."""
    kind, page = _timeline_query(request)
    rows = selectors.case_page_rows(case=case, kind=kind, page=page, sections=False)
    context = {"case": case, "timeline": selectors.case_timeline(rows=rows, page=page), "timeline_kind": kind}
    return render_logged(
        request, "cases/case_detail.html#timeline_more", context, action="case.view", target=case
    )


@login_required
def case_detail(request, case_id):
    case = selectors.case_get(actor=request.actor, case_id=case_id)
    if request.htmx and "page" in request.GET:
        return _render_timeline_more(request, case)
    return _render_case_page(request, case)


@login_required
def case_edit(request, case_id):
    case = selectors.case_get(actor=request.actor, case_id=case_id)
    program = request.actor.program
    if request.method == "POST":
        form = CaseEditForm(request.POST, instance=case, program=program)
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "client_unknown")}
            try:
                services.case_update(
                    case=case, actor=request.actor, expected_version=form.cleaned_data["version"], **fields
                )
            except services.StaleCaseError:
                form.add_error(
                    None,
                    _(
                        "ほかの職員が先にこのケースを保存しました。入力した内容はこのまま残っています。"
                        "最新の内容を別のタブで確かめてから、もう一度保存してください。"
                    ),
                )
            else:
                messages.success(request, _("保存しました。"))
                return redirect(case.get_absolute_url())
    else:
        form = CaseEditForm(instance=case, program=program, initial={"version": case.version})
    context = {**case_chrome(request, case), "form": form}
    return render_logged(request, "cases/case_edit.html", context, action="case.view", target=case)


@login_required
def client_edit(request, case_id):
    case = selectors.case_get(actor=request.actor, case_id=case_id)
    if case.client is None:
        return redirect(case.get_absolute_url())
    form = ClientForm(request.POST or None, instance=case.client)
    if request.method == "POST" and form.is_valid():
        services.client_update(client=case.client, actor=request.actor, **form.cleaned_data)
        messages.success(request, _("本人の情報を保存しました。"))
        return redirect(case.get_absolute_url())
    context = {**case_chrome(request, case), "form": form}
    return render_logged(
        request, "cases/client_edit.html", context, action="client.view", target=case.client, subjects=[case]
    )


@login_required
@require_POST
def case_close(request, case_id):
    case = selectors.case_get(actor=request.actor, case_id=case_id)
    form = CaseCloseForm(request.POST, case=case)
    if not form.is_valid():
        return _render_case_page(request, case, close_form=form)
    data = form.cleaned_data
    services.case_close(
        case=case, reason=data["reason"], actor=request.actor, on=data["closed_on"], note=data["note"]
    )
    messages.success(request, _("終結にしました。いつでも再開できます。"))
    return redirect(case.get_absolute_url())


@login_required
@require_POST
def case_reopen(request, case_id):
    case = selectors.case_get(actor=request.actor, case_id=case_id)
    form = CaseReopenForm(request.POST, case=case)
    if not form.is_valid():
        return _render_case_page(request, case, reopen_form=form)
    services.case_reopen(
        case=case, actor=request.actor, on=form.cleaned_data["reopened_on"], note=form.cleaned_data["note"]
    )
    messages.success(request, _("再開しました。これまでの記録はそのまま残っています。"))
    return redirect(case.get_absolute_url())


@login_required
@require_POST
def case_continue(request, case_id):
    case = selectors.case_get(actor=request.actor, case_id=case_id)
    services.case_transition(case=case, to_status=CaseStatus.CONTINUING, actor=request.actor)
    messages.success(request, _("継続支援にしました。"))
    return redirect(case.get_absolute_url())


@login_required
def related_person_add(request, case_id):
    case = selectors.case_get(actor=request.actor, case_id=case_id)
    form = RelatedPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.related_person_add(case=case, actor=request.actor, **form.cleaned_data)
        messages.success(request, _("家族・関係者を追加しました。"))
        return redirect(case.get_absolute_url())
    return render_case_form(request, case, "cases/related_person_form.html", {"form": form})


@login_required
def consent_add(request, case_id):
    case = selectors.case_get(actor=request.actor, case_id=case_id)
    form = ConsentForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        services.consent_record(case=case, actor=request.actor, **form.cleaned_data)
        messages.success(request, _("同意を記録しました。"))
        return redirect(case.get_absolute_url())
    return render_case_form(request, case, "cases/consent_form.html", {"form": form})


@login_required
def consent_withdraw(request, consent_id):
    consent = selectors.consent_get(actor=request.actor, consent_id=consent_id)
    form = ConsentWithdrawForm(request.POST or None, consent=consent)
    if request.method == "POST" and form.is_valid():
        services.consent_withdraw(
            consent=consent,
            actor=request.actor,
            on=form.cleaned_data["withdrawn_on"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("同意の撤回を記録しました。"))
        return redirect(consent.case.get_absolute_url())
    context = {**case_chrome(request, consent.case), "consent": consent, "form": form}
    return render_logged(
        request, "cases/consent_withdraw.html", context, action="consent.view", target=consent
    )
