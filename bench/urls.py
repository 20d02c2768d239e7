"""The benchmark's URLconf: the application's own, plus the two comparison rows (bench/comparison.py).

Only ``python -m bench`` points ``ROOT_URLCONF`` here; a served application never routes to them.
"""

from django.urls import path

from bench.comparison import bench_admin_site, floor_case_list
from config import urls as app_urls

urlpatterns = [
    path("bench/floor/cases/", floor_case_list),
    path("bench/admin/", bench_admin_site.urls),
    *app_urls.urlpatterns,
]

handler404 = app_urls.handler404
handler403 = app_urls.handler403
handler500 = app_urls.handler500
