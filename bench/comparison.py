"""Two comparison rows beside the case list: its framework floor and Django admin's changelist.

Both live only here, in a bench-only URLconf (``bench.urls``) that ``python -m bench`` switches to
after ``django.setup()``; the application's URLconf and its real admin are untouched.

- The **framework floor** is a bare Django view: the same middleware stack, the same 50 rows (the
  application's own ``case_list`` selector, page 1), the same access-log entry in the same
  transaction, rendered with a minimal template (a table, no base layout, no filters, no count).
  What the case list costs above it is the page's own work.
- **Django admin's changelist** of ``Case`` on the same rows: a ``ModelAdmin`` on a bench-only
  ``AdminSite`` (open to any signed-in staff member of the program, since only the benchmark
  routes to it), 50 per page, the same columns and order, the admin's own counts and templates,
  and the same access-log entry. "Ahead of the generic tool" means the case list beats this row.
"""

from django.contrib import admin
from django.db import transaction
from django.http import HttpResponse
from django.template import engines

from bench.scenarios import Scenario, case_list
from yorisoi.audit.services import audit_record
from yorisoi.cases import selectors
from yorisoi.cases.models import Case
from yorisoi.programs.permissions import person_scope, require_person_access

PAGE_SIZE = 50
FLOOR_URL = "/bench/floor/cases/"
ADMIN_URL = "/bench/admin/cases/case/"

FLOOR_TEMPLATE = """<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>ケース</title></head>
<body><table><thead><tr><th>番号</th><th>本人</th><th>状況</th><th>担当</th><th>登録日</th><th>最後の接触</th>
</tr></thead><tbody>{% for case in cases %}<tr><td>{{ case.label }}</td>
<td>{% if case.client %}{{ case.client.display_name }}{% endif %}</td><td>{{ case.get_status_display }}</td>
<td>{{ case.primary_staff.name_for_display }}</td><td>{{ case.registered_on }}</td>
<td>{{ case.last_contact_on|default:"—" }}</td></tr>{% endfor %}</tbody></table></body></html>"""
_floor_template = None


def floor_case_list(request):
    """The case list's first page, as plainly as Django can render it (and logged like the page)."""
    global _floor_template
    if _floor_template is None:
        _floor_template = engines["django"].from_string(FLOOR_TEMPLATE)
    if not request.user.is_authenticated:
        return HttpResponse(status=403)
    require_person_access(request.actor)
    cases = list(selectors.case_list(actor=request.actor)[:PAGE_SIZE])
    with transaction.atomic():
        audit_record(
            actor=request.actor,
            action="case.list",
            program=request.actor.program,
            request=request,
            data={"bench": "floor"},
            subjects=cases,
        )
        return HttpResponse(_floor_template.render({"cases": cases}, request))


class BenchAdminSite(admin.AdminSite):
    """Serves only the changelist below; reachable only through ``bench.urls``."""

    site_header = "bench"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_authenticated


class CaseChangelist(admin.ModelAdmin):
    list_display = ("label", "client_name", "status", "primary_staff", "registered_on", "last_contact_on")
    list_select_related = ("client", "primary_staff")
    ordering = ("-registered_on", "-number")
    list_per_page = PAGE_SIZE

    @admin.display(description="本人")
    def client_name(self, case):
        return case.client.display_name if case.client else ""

    def get_queryset(self, request):
        return person_scope(super().get_queryset(request), request.actor)

    def has_module_permission(self, request):
        return True

    def has_view_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        with transaction.atomic():
            response = super().changelist_view(request, extra_context)
            if hasattr(response, "context_data"):
                shown = list(response.context_data["cl"].result_list)
                audit_record(
                    actor=request.actor,
                    action="case.list",
                    program=request.actor.program,
                    request=request,
                    data={"bench": "admin"},
                    subjects=shown,
                )
                response.render()
        return response


bench_admin_site = BenchAdminSite(name="bench_admin")
bench_admin_site.register(Case, CaseChangelist)

# The case list, its floor and the admin, in that order; all three have the case list's bare SQL.
CASE_LIST = "case list, page 1"
FLOOR = "case list: framework floor (bare view)"
ADMIN = "case list: Django admin changelist"
COMPARISONS = [
    Scenario(FLOOR, lambda s: FLOOR_URL, case_list(lambda s: 1)),
    Scenario(ADMIN, lambda s: ADMIN_URL, case_list(lambda s: 1)),
]


def render_comparison(results: dict[str, dict]) -> str:
    """The case list beside its floor and the admin: wall and CPU time, queries, and the two ratios."""
    rows = [(name, results.get(name)) for name in (CASE_LIST, FLOOR, ADMIN)]
    if any(r is None or "page" not in r for _name, r in rows):
        return "(case list comparison not run)"
    page, floor, changelist = (r for _name, r in rows)
    lines = [
        "## The case list beside its framework floor and Django admin (same 50 rows, same run)",
        "",
        "| row | p50 ms | p95 ms | CPU p50 ms | queries | peak KiB |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for name, r in rows:
        (p50, p95) = r["page"]
        lines.append(
            f"| {name} | {p50 * 1e3:.1f} | {p95 * 1e3:.1f} | {r['cpu'] * 1e3:.1f} | {r['queries']} "
            f"| {r['peak_kib']:,.0f} |"
        )

    def ratio(a, b, key, i=None):
        x, y = (a[key][i], b[key][i]) if i is not None else (a[key], b[key])
        return f"{x / max(y, 1e-9):.2f}×"

    lines += [
        "",
        "| ratio | p50 | p95 | CPU p50 |",
        "|---|--:|--:|--:|",
        f"| page / floor | {ratio(page, floor, 'page', 0)} | {ratio(page, floor, 'page', 1)} "
        f"| {ratio(page, floor, 'cpu')} |",
        f"| page / admin | {ratio(page, changelist, 'page', 0)} | {ratio(page, changelist, 'page', 1)} "
        f"| {ratio(page, changelist, 'cpu')} |",
    ]
    return "\n".join(lines)
