import threading

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_scopes import scope

from yorisoi.audit.shortcuts import render_logged
from yorisoi.core.paging import list_page
from yorisoi.imports import selectors, services
from yorisoi.imports.forms import MappingForm, UploadForm
from yorisoi.imports.models import BatchStatus
from yorisoi.imports.reading import FileRefused, file_too_large
from yorisoi.imports.template_book import template_workbook
from yorisoi.programs.permissions import require_manager

PAGE_SIZE = 50
INLINE_BYTES = 512 * 1024  # larger files are written in a background thread while the page shows progress
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def batch_index(request):
    require_manager(request.actor)
    form, refused = UploadForm(), ""
    if request.method == "POST":
        # Refuse an oversized body before Django reads (and spools) it.
        if int(request.META.get("CONTENT_LENGTH") or 0) > services.max_upload_bytes() + 64 * 1024:
            refused = file_too_large(services.max_upload_bytes())
        else:
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    batch = services.batch_upload(actor=request.actor, upload=upload, file_name=upload.name)
                    return redirect(batch.get_absolute_url())
                except FileRefused as error:
                    refused = str(error)
    page = list_page(selectors.batch_list(actor=request.actor), request.GET)
    limit_mb = services.max_upload_bytes() // (1024 * 1024)
    context = {"nav": "imports", "form": form, "refused": refused, "page": page, "limit_mb": limit_mb}
    return render(request, "imports/index.html", context, status=400 if refused else 200)


@login_required
def template_download(request):
    require_manager(request.actor)
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="yorisoi-import-template.xlsx"'
    return response


@login_required
def batch_mapping(request, batch_id):
    batch = selectors.batch_get(actor=request.actor, batch_id=batch_id)
    try:
        preview = services.batch_preview(batch=batch, actor=request.actor, read_rows=False)
    except FileRefused as error:
        return render(
            request, "imports/refused.html", {"nav": "imports", "batch": batch, "reason": str(error)}
        )
    form = MappingForm(request.POST or None, plans=preview.sheets)
    if request.method == "POST" and form.is_valid():
        for kind, choices in form.choices():
            services.mapping_save(actor=request.actor, kind=kind, choices=choices)
        messages.success(request, _("列の対応を保存しました。次のファイルからも使います。"))
        return redirect(batch.get_absolute_url())
    return render(request, "imports/mapping.html", {"nav": "imports", "batch": batch, "form": form})


@login_required
def batch_detail(request, batch_id):
    """While the batch waits: the dry run (what would happen, row by row). Afterwards: the result."""
    batch = selectors.batch_get(actor=request.actor, batch_id=batch_id)
    context = {"nav": "imports", "batch": batch}
    if batch.status == BatchStatus.UPLOADED:
        try:
            preview = services.batch_preview(batch=batch, actor=request.actor)
        except FileRefused as error:
            return render(request, "imports/refused.html", {**context, "reason": str(error)})
        if preview.needs_mapping:
            return redirect("imports:mapping", batch_id=batch.public_id)
        cases = selectors.matched_cases(actor=request.actor, case_ids=[r.case_id for r in preview.matches])
        matches = [(row, cases.get(row.case_id)) for row in preview.matches]
        problems = Paginator(preview.problems, PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(preview=preview, matches=matches, problems=problems)
        subjects = list(cases.values())
    else:
        subjects = None
    return render_logged(
        request, "imports/detail.html", context, action="import.view", target=batch, subjects=subjects
    )


@login_required
def batch_progress(request, batch_id):
    batch = selectors.batch_get(actor=request.actor, batch_id=batch_id)
    return render(request, "imports/detail.html#progress", {"batch": batch, "polled": True})


@login_required
@require_POST
def batch_confirm(request, batch_id):
    batch = selectors.batch_get(actor=request.actor, batch_id=batch_id)
    if batch.status != BatchStatus.UPLOADED:
        messages.info(request, _("この取り込みはすでに確定しています。"))
        return redirect(batch.get_absolute_url())
    if batch.file_size > INLINE_BYTES:
        threading.Thread(target=_confirm_in_background, args=(batch, request.actor), daemon=True).start()
        return render(request, "imports/detail.html", {"nav": "imports", "batch": batch, "starting": True})
    try:
        batch = services.batch_confirm(batch=batch, actor=request.actor)
    except services.BatchNotOpen:
        return redirect(batch.get_absolute_url())
    except FileRefused as error:
        messages.error(request, str(error))
        return redirect(batch.get_absolute_url())
    messages.success(request, _("取り込みました。"))
    return redirect(batch.get_absolute_url())


def _confirm_in_background(batch, actor):
    try:
        with scope(program=[batch.program_id]):
            services.batch_confirm(batch=batch, actor=actor)
    except Exception:  # noqa: BLE001 — the batch is already marked failed and undone; the page says so
        pass
    finally:
        connection.close()


@login_required
@require_POST
def batch_rollback(request, batch_id):
    batch = selectors.batch_get(actor=request.actor, batch_id=batch_id)
    try:
        services.batch_rollback(batch=batch, actor=request.actor)
        messages.success(request, _("この取り込みを取り消しました。取り込む前の状態に戻っています。"))
    except services.BatchDependedOn as error:
        messages.error(request, str(error))
    except services.BatchNotOpen:
        messages.info(request, _("この取り込みは取り消せる状態ではありません。"))
    return redirect(batch.get_absolute_url())


@login_required
@require_POST
def batch_discard(request, batch_id):
    batch = selectors.batch_get(actor=request.actor, batch_id=batch_id)
    try:
        services.batch_discard(batch=batch, actor=request.actor)
        messages.success(request, _("取り込みをやめました。ファイルは消去しました。"))
    except services.BatchNotOpen:
        pass
    return redirect("imports:index")
