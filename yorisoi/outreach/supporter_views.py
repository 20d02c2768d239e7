"""The supporter roster (ひきこもりサポーター): every page names people, so every view is logged."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yorisoi.audit.shortcuts import render_logged
from yorisoi.core.paging import list_page
from yorisoi.core.querystring import query_without
from yorisoi.outreach import selectors, supporters
from yorisoi.outreach.forms import SupporterFilterForm, SupporterForm

NAV = "outreach"


@login_required
def supporter_list(request):
    form = SupporterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.supporter_list(actor=request.actor, **filters)
    page = list_page(rows, request.GET)
    context = {"nav": NAV, "page": page, "form": form, "query": query_without(request, "page")}
    data = {k: str(v) for k, v in filters.items() if v}
    return render_logged(
        request, "outreach/supporter_list.html", context, action="supporter.list", data=data, subjects=page
    )


@login_required
def supporter_detail(request, supporter_id):
    supporter = selectors.supporter_get(actor=request.actor, supporter_id=supporter_id)
    initial = {"agrees_to_contact": supporter.agrees_to_contact, "keeps_details": supporter.keeps_details}
    form = SupporterForm(request.POST or None, initial=initial)
    if request.method == "POST" and supporter.withdrawn_at is None and form.is_valid():
        supporters.supporter_update(supporter=supporter, actor=request.actor, **form.cleaned_data)
        messages.success(request, _("同意の内容を保存しました。"))
        return redirect(supporter.get_absolute_url())
    context = {
        "nav": NAV,
        "supporter": supporter,
        "follow_ups": selectors.supporter_follow_ups(supporter=supporter),
        "form": form,
    }
    return render_logged(
        request, "outreach/supporter_detail.html", context, action="supporter.view", target=supporter
    )


@login_required
@require_POST
def supporter_withdraw(request, supporter_id):
    supporter = selectors.supporter_get(actor=request.actor, supporter_id=supporter_id)
    if supporter.withdrawn_at is None:
        supporters.supporter_withdraw(supporter=supporter, actor=request.actor)
        messages.success(
            request, _("サポーター登録を終え、お名前と連絡先を消しました。人数の記録は残ります。")
        )
    return redirect("outreach:supporter_list")
